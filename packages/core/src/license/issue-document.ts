// Issue a licence document: the record becomes a signed credential (JWS) with its signed QR, the page is laid out
// from the licence type's layout data, rendered to PDF (credential as an associated file, XMP identifier) or OFD
// (credential as an attachment, CustomData identifier), and signed with the issuer's key: a PAdES signature whose
// visible appearance is the SES seal's picture (PDF), or the SES seal itself (OFD). With a registry the licence is
// registered first, so the credential and QR carry the status entry the registry gave it.
import type { Certificate } from '../pki/index.js';
import type { PrivateKey } from '../crypto/types.js';
import type { TimestampSource } from '../tsp/source.js';
import type { Registry } from '../registry/registry.js';
import { FormatError } from '../errors.js';
import { RegistryError } from '../registry/errors.js';
import type { IssuedCredential } from '../credential/issue.js';
import type { LicenseTypeRegistry } from './type-registry.js';
import type { LicenseType } from './type-definition.js';
import type { LicenseRecord } from './model.js';
import type { LicensePage } from './render/draw-list.js';

export interface IssueLicenseDocumentOptions {
  /** The licence record (object or JSON text); the type comes from its certificateTypeCode. */
  record: unknown;
  format: 'pdf' | 'ofd';
  key: PrivateKey;
  certificate: Certificate;
  /** Intermediates (x5c, CMS certificates). */
  chain?: readonly Certificate[];
  /** DER SES_Seal whose picture is the visible seal (PDF) / which seals the OFD; the certificate must be in its certList for OFD. */
  seal: Uint8Array;
  /** An RFC 3161 authority: PDF, PAdES B-T (signature timestamp); OFD, the SES_Signature timeStamp over the signature value. */
  timestamp?: TimestampSource;
  /** The licence's status-list entry when no registry assigns one. */
  status?: { listId: string; index: number };
  /** Register the licence (status entry for the credential and QR). */
  registry?: Registry;
  types?: Pick<LicenseTypeRegistry, 'get'>;
  /** Document creation and signing time; default now. */
  time?: Date;
}

export interface IssuedLicenseDocument {
  bytes: Uint8Array;
  credential: IssuedCredential;
  page: LicensePage;
  record: LicenseRecord;
  type: LicenseType;
  /** The registry entry, when a registry was given; `reissued` when the licence was registered before (a fresh copy). */
  registered?: { statusListId: string; statusIndex: number; reissued?: true };
}

/**
 * Throws FormatError (record, layout), KeyError (key/certificate/seal), RegistryError (registered with other data,
 * revoked or suspended).
 */
export async function issueLicenseDocument(opts: IssueLicenseDocumentOptions): Promise<IssuedLicenseDocument> {
  // Loaded on first use: `import '@heyan/core'` (and `heyan verify`) must not pay for the issuing side.
  const [{ parseLicenseRecord }, { getLicenseType }, { issueCredential }, { renderQr }, { layoutLicense }, { renderLicensePdf }] = await Promise.all([
    import('./parse-record.js'),
    import('./type-registry.js'),
    import('../credential/issue.js'),
    import('../credential/qr/render.js'),
    import('./render/layout.js'),
    import('./render/render-pdf.js'),
  ]);
  const parsed = parseLicenseRecord(opts.record, opts.types ? { types: opts.types as LicenseTypeRegistry } : {});
  const failed = parsed.checks.filter((c) => c.status === 'failed');
  if (!parsed.record || failed.length > 0) {
    throw new FormatError(`the licence record cannot be issued: ${(failed.length ? failed : parsed.issues).map((c) => c.message.en).join('; ') || 'unreadable record'}`);
  }
  const record = parsed.record;
  const type = getLicenseType(record.certificateTypeCode, opts.types);
  if (!type) throw new FormatError(`unknown licence type ${record.certificateTypeCode}`);
  const time = opts.time ?? new Date();
  const chain = opts.chain ? [...opts.chain] : [];

  // Registered first: the credential and its QR carry the status entry the registry gives the licence.
  let registered: IssuedLicenseDocument['registered'];
  if (opts.registry && opts.status) throw new FormatError('give a registry or a status entry, not both: the registry assigns the entry');
  if (opts.registry) registered = await registryEntry(opts.registry, record, time);
  const credential = issueCredential({
    record,
    key: opts.key,
    certificate: opts.certificate,
    chain,
    ...(registered ? { status: { listId: registered.statusListId, index: registered.statusIndex } } : opts.status ? { status: opts.status } : {}),
  });
  const qrPng = renderQr(credential.qr, { format: 'png' });
  const page = layoutLicense(record, type, { qrPng });
  const title = record.certificateName || type.name;
  const s = page.sealRect;

  let bytes: Uint8Array;
  if (opts.format === 'pdf') {
    const { signPdf } = await import('../pdf/sign/index.js');
    const unsigned = await renderLicensePdf(page, {
      credentialJws: credential.jws,
      identifier: record.certificateIdentifier,
      title,
      author: record.issueDept,
      createdAt: time,
    });
    bytes = await signPdf(unsigned, {
      signer: { key: opts.key, certificate: opts.certificate, chain: chain.filter((c) => !c.isSelfIssued) },
      reason: `${title} ${record.certificateNumber}`,
      name: record.issueDept,
      signingTime: time,
      appearance: { page: 1, rect: [s.xMm, s.yMm, s.wMm, s.hMm], image: { seal: opts.seal } },
      ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
    });
  } else {
    const { renderLicenseOfd, sealLicenseOfdAsync } = await import('../ofd/write/index.js');
    const unsigned = renderLicenseOfd(page, {
      credentialJws: credential.jws,
      identifier: record.certificateIdentifier,
      title,
      author: record.issueDept,
      creationDate: time,
    });
    bytes = await sealLicenseOfdAsync(unsigned, {
      seal: opts.seal,
      key: opts.key,
      certificate: opts.certificate,
      rect: s,
      signingTime: time,
      ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
    });
  }
  return { bytes, credential, page, record, type, ...(registered ? { registered } : {}) };
}

/**
 * The licence's status entry: registered now, or — for a licence registered before with the same data — the entry it
 * already has, so a fresh copy for an applicant whose file was lost or refused keeps its status. A licence registered
 * with other data, or revoked or suspended at `time`, gets no document.
 */
async function registryEntry(registry: Registry, record: LicenseRecord, time: Date): Promise<NonNullable<IssuedLicenseDocument['registered']>> {
  const id = record.certificateIdentifier;
  const known = await registry.get(id);
  if (!known) {
    const r = await registry.register(record, { credentialId: `urn:heyan:license:${id}` });
    return { statusListId: r.statusListId, statusIndex: r.statusIndex };
  }
  const { canonicalJson } = await import('../credential/canonical-json.js');
  // The registry may keep the holder code only as a keyed digest: compared through findByHolder.
  const stored = known.record as Record<string, unknown>;
  const mine: Record<string, unknown> = { ...record };
  if (!('certificateHolderCode' in stored)) delete mine.certificateHolderCode;
  const sameHolder = (await registry.findByHolder(record.certificateHolderCode)).some((r) => r.identifier === id);
  if (!sameHolder || canonicalJson(stored) !== canonicalJson(mine)) {
    throw new RegistryError(`licence ${id} is registered with other data: a changed licence needs a new identifier (or correct the record)`);
  }
  // At the document's time and now (the registry's clock): a backdated copy of a licence revoked since is refused too.
  for (const at of [time, undefined]) {
    const status = await registry.statusAt(id, at);
    if (status && (status.status === 'revoked' || status.status === 'suspended')) {
      throw new RegistryError(`licence ${id} is ${status.status}${status.since ? ` since ${status.since.toISOString()}` : ''}: no document is issued for it`);
    }
  }
  return { statusListId: known.statusListId, statusIndex: known.statusIndex, reissued: true };
}
