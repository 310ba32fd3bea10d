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
  /** The registry entry, when a registry was given. */
  registered?: { statusListId: string; statusIndex: number };
}

/** Throws FormatError (record, layout), KeyError (key/certificate/seal), RegistryError (already registered). */
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
  if (opts.registry) {
    const r = await opts.registry.register(record, { credentialId: `urn:heyan:license:${record.certificateIdentifier}` });
    registered = { statusListId: r.statusListId, statusIndex: r.statusIndex };
  }
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
