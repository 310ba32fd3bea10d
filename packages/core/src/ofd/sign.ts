// signOfd: add an electronic-seal signature (Type="Seal", SES_Signature v4/v5) to an existing OFD, laid out as
// ofdrw lays it out (Doc_0/Signs/Signatures.xml, Doc_0/Signs/Sign_N/{Signature.xml, Seal.esl, SignedValue.dat}).
// Every member already in the package is copied byte for byte (stored bytes, CRC, method): earlier signatures hold
// digests of those bytes. The only existing part that changes is OFD.xml (first signature: a <Signatures> entry is
// inserted) or Signatures.xml (later signatures: one entry appended, MaxSignId updated) — edited as text in place.
//
// IDs: ofdrw numbers a signature and its StampAnnot from Signatures.xml's MaxSignId (1 and 2 for the first), which
// can collide with object IDs of the document (Page ID="1"). We start above both MaxSignId (and every ID already in
// the signature files) and Document.xml's MaxUnitID, so the new IDs are unique in either reading, and MaxSignId is
// set to the highest one used. Document.xml is not changed: earlier signatures cover it.
import { sm3 } from '../crypto/sm3.js';
import type { DigestName, PrivateKey } from '../crypto/types.js';
import { equalBytes } from '../asn1/index.js';
import { FormatError, KeyError } from '../errors.js';
import type { Certificate } from '../pki/certificate.js';
import { createSesSignature, decodeSeal, matchCertList } from '../seal/index.js';
import { readDocumentStructure } from './document.js';
import type { OfdLimits } from './limits.js';
import { dirOf, displayPath } from './loc.js';
import { openOfd, type OfdPackage } from './package.js';
import { DocumentProtectedError, StampPlacementError } from './sign-errors.js';
import { addSignaturesToOfdXml, addSignatureToList, newSignatureList, newSignatureXml } from './sign-xml.js';
import { readSignatureDocument, readSignatureList } from './signatures.js';
import { formatBoundary, pageBox, placeStamp } from './stamp-annot.js';
import { ZipWriter } from './zip-write.js';
import { timestampSesSignature } from './sign-timestamp.js';
import type { TimestampSource } from '../tsp/source.js';
import { child, childText } from './xml.js';

/** SM2-with-SM3, written as the OFD <SignatureMethod>. */
export const OFD_SIGNATURE_METHOD_SM2_SM3 = '1.2.156.10197.1.501';
/** SM3, written as the References CheckMethod (GB/T 38540 issuing default; an OID rather than ofdrw's "SM3"). */
export const OFD_CHECK_METHOD_SM3 = '1.2.156.10197.1.401';

/**
 * A synchronous time-stamping service for signOfd: an object with `timestamp(data)` (e.g. an in-process TSA) or a
 * function, given the signature value. Remote (asynchronous) authorities go through signOfdAsync.
 */
export type OfdTimestampSource = { timestamp(data: Uint8Array): Uint8Array } | ((signature: Uint8Array) => Uint8Array);

export interface SignOfdOptions {
  /** The OFD package. */
  ofd: Uint8Array;
  /** DER SES_Seal (v4 or v5) the signer may use. */
  seal: Uint8Array;
  key: PrivateKey;
  /** The signer certificate; must be in the seal's certList. */
  certificate: Certificate;
  /** 1-based page of the first document that carries the stamp; default 1. */
  page?: number;
  /** Top-left corner of the stamp in mm from the page's top-left; default near the bottom-right corner. */
  at?: { x: number; y: number };
  /** Stamp size in mm; default the seal picture's size. */
  size?: { w: number; h: number };
  /** WholeProtected: Signatures.xml is referenced too, so no further signature can be added. */
  protectAll?: boolean;
  /** Default now (whole seconds are kept). Also the time of the new ZIP members. */
  signingTime?: Date;
  /** RFC 3161 timestamp over the signature value, embedded as SES_Signature [0]. */
  timestamp?: OfdTimestampSource;
  /** <Provider>; default ProviderName="heyan" Company="heyan". */
  provider?: { name: string; company?: string; version?: string };
  /** Reading limits for the input package. */
  limits?: Partial<OfdLimits>;
}

export interface SignOfdAsyncOptions extends Omit<SignOfdOptions, 'timestamp'> {
  /** RFC 3161 authority (httpTimestampSource, tsaTimestampSource) asked for a token over the signature value. */
  timestamp?: TimestampSource;
  /** Digest of the timestamp's message imprint; default sm3 (the signature's own digest). */
  timestampDigest?: DigestName;
}

/** Numeric value of an ID as vendors write them ("4", "002", "s4"), or undefined. */
function idNumber(id: string | undefined): number | undefined {
  const m = /(\d{1,15})\s*$/.exec(id ?? '');
  return m ? Number(m[1]) : undefined;
}

function base64(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
}

/** The signatures already in a document: their IDs, and whether one of them locks the document. */
interface ExistingSignatures {
  ids: number[];
  protectedBy?: string;
}

function existingSignatures(pkg: OfdPackage, listPath: string): ExistingSignatures {
  const list = readSignatureList(pkg, listPath);
  const ids: number[] = [];
  const push = (v: number | undefined): void => {
    if (v !== undefined) ids.push(v);
  };
  push(idNumber(list.maxSignId));
  let protectedBy: string | undefined;
  for (const entry of list.entries) {
    push(idNumber(entry.id));
    if (!entry.path) throw new FormatError(`Signatures.xml entry ${JSON.stringify(entry.id)}: ${entry.problem ?? 'BaseLoc does not resolve'}`);
    if (!pkg.has(entry.path)) throw new FormatError(`signature ${JSON.stringify(entry.id)}: ${displayPath(entry.path)} is missing from the package`);
    // A signature file we cannot read might be the one that locks the document: refuse rather than guess.
    const doc = readSignatureDocument(pkg, entry.path);
    for (const a of doc.stampAnnots) push(idNumber(a.id));
    if (protectedBy === undefined && doc.references.some((r) => r.path === listPath)) protectedBy = entry.id || displayPath(entry.path);
  }
  const out: ExistingSignatures = { ids };
  if (protectedBy !== undefined) out.protectedBy = protectedBy;
  return out;
}

/**
 * Add an electronic-seal signature to `opts.ofd` and return the new package. Throws FormatError / LimitError /
 * UnsupportedError (a package or seal that cannot be read or edited, a v1 seal), KeyError (the key is not the
 * certificate's, the certificate is not in the seal's certList, the seal or certificate is not valid at the signing
 * time), DocumentProtectedError (WholeProtected) and StampPlacementError (no such page, stamp off the page).
 */
export function signOfd(opts: SignOfdOptions): Uint8Array {
  const ts = opts.timestamp;
  const pending = prepareSignature(opts);
  return pending.finish(pending.sign(ts ? (typeof ts === 'function' ? ts : (sig: Uint8Array) => ts.timestamp(sig)) : undefined));
}

/**
 * signOfd with an asynchronous timestamp source (e.g. httpTimestampSource: a TSA over HTTP): the signature value is
 * computed, then the token over it fetched, then the SES_Signature assembled. Throws what signOfd throws, and
 * rejects with what the source throws.
 */
export async function signOfdAsync(opts: SignOfdAsyncOptions): Promise<Uint8Array> {
  if (opts.timestamp !== undefined && typeof opts.timestamp !== 'function') throw new FormatError('signOfdAsync: timestamp must be a TimestampSource (a function)');
  const pending = prepareSignature(opts);
  const value = pending.sign();
  return pending.finish(opts.timestamp ? await timestampSesSignature(value, opts.timestamp, opts.timestampDigest ?? 'sm3') : value);
}

/** A signature laid out and ready to sign: the SES_Signature over Signature.xml, then the package around it. */
interface PendingSignature {
  /** The SES_Signature (SignedValue.dat), with a timestamp from a synchronous source when given. */
  sign(timestamp?: (signature: Uint8Array) => Uint8Array): Uint8Array;
  /** The new package with `signedValue` as SignedValue.dat. */
  finish(signedValue: Uint8Array): Uint8Array;
}

function prepareSignature(opts: Omit<SignOfdOptions, 'timestamp'>): PendingSignature {
  if (!(opts.ofd instanceof Uint8Array)) throw new FormatError('signOfd: ofd must be bytes');
  if (!(opts.seal instanceof Uint8Array)) throw new FormatError('signOfd: seal must be bytes');
  const t = opts.signingTime ?? new Date();
  if (!(t instanceof Date) || Number.isNaN(t.getTime())) throw new FormatError('signOfd: signingTime is not a valid date');
  const signingTime = new Date(Math.floor(t.getTime() / 1000) * 1000);

  // The seal and the signer first: cheap refusals before any digest is computed.
  const seal = decodeSeal(opts.seal);
  const certKey = opts.certificate.tryPublicKey();
  if (!certKey || !equalBytes(certKey.spki, opts.key.publicKey.spki)) throw new KeyError('the signer key does not belong to the signer certificate');
  if (!matchCertList(seal.property.certList, opts.certificate.der).matched) {
    throw new KeyError(`the signer certificate "${opts.certificate.subject}" is not in the seal's certList: it may not use seal ${JSON.stringify(seal.esID)}`);
  }

  const pkg = openOfd(opts.ofd, opts.limits);
  const body = pkg.docBodies[0];
  if (!body) throw new FormatError('OFD.xml has no DocBody');
  if (!body.docRoot) throw new FormatError(`the first document cannot be located: ${body.problems.join('; ') || 'no DocRoot'}`);
  const docRoot = body.docRoot;
  const docDir = dirOf(docRoot);

  // Existing signatures: IDs in use, and the WholeProtected lock.
  let listPath: string;
  let existing: ExistingSignatures = { ids: [] };
  if (body.signaturesLoc !== undefined) {
    if (!body.signatures) throw new FormatError(`OFD.xml names a signature list that is not in the package: ${body.problems.join('; ')}`);
    listPath = body.signatures;
    existing = existingSignatures(pkg, listPath);
    if (existing.protectedBy !== undefined) {
      throw new DocumentProtectedError(`signature ${JSON.stringify(existing.protectedBy)} protects ${displayPath(listPath)} (WholeProtected): no further signature may be added`);
    }
  } else {
    listPath = `${docDir}Signs/Signatures.xml`;
    if (pkg.zip.entry(listPath)) throw new FormatError(`${displayPath(listPath)} exists but OFD.xml does not list it`);
  }

  // The page and the stamp's place on it.
  const structure = readDocumentStructure(pkg, docRoot);
  const pageNo = opts.page ?? 1;
  if (!Number.isInteger(pageNo) || pageNo < 1 || pageNo > structure.pages.length) {
    throw new StampPlacementError(`page ${pageNo} does not exist (the document has ${structure.pages.length} page${structure.pages.length === 1 ? '' : 's'})`);
  }
  const page = structure.pages[pageNo - 1]!;
  if (!page.id.trim()) throw new FormatError(`page ${pageNo} has no ID for the StampAnnot PageRef`);
  const size = opts.size ?? { w: seal.picture.widthMm, h: seal.picture.heightMm };
  const boundary = placeStamp(pageBox(pkg, docRoot, page.path), size, opts.at);

  // IDs above everything in use (see the note at the top).
  const maxUnit = idNumber(childText(child(pkg.xml(docRoot, docRoot), 'CommonData'), 'MaxUnitID'));
  const base = Math.max(0, maxUnit ?? 0, ...existing.ids);
  const signatureId = String(base + 1);
  const annotId = String(base + 2);

  // Sign_N: the first index no member uses.
  const signsDir = `${docDir}Signs/`;
  let n = 0;
  while (pkg.zip.entries.some((e) => e.name.startsWith(`${signsDir}Sign_${n}/`))) n++;
  const signDir = `${signsDir}Sign_${n}/`;
  const signaturePath = `${signDir}Signature.xml`;
  const signedValuePath = `${signDir}SignedValue.dat`;
  const sealPath = `${signDir}Seal.esl`;

  // The edited part: OFD.xml (first signature) or Signatures.xml.
  const entry = { id: signatureId, type: 'Seal' as const, baseLoc: displayPath(signaturePath) };
  const changed = new Map<string, Uint8Array>();
  const added = new Map<string, Uint8Array>();
  if (body.signaturesLoc === undefined) {
    changed.set('OFD.xml', addSignaturesToOfdXml(pkg.read('OFD.xml'), displayPath(listPath)));
    added.set(listPath, newSignatureList(entry, annotId));
  } else {
    changed.set(listPath, addSignatureToList(pkg.read(listPath), entry, annotId));
  }
  // The seal file is the seal exactly as embedded in SignedValue.dat (the verifier compares the two).
  added.set(sealPath, seal.raw);

  // References: every file of the result except this signature's own two files, and Signatures.xml unless
  // the whole document is protected. Existing members are hashed as stored (read() checks their CRC).
  const references: { fileRef: string; checkValue: string }[] = [];
  const refer = (name: string, bytes: Uint8Array): void => {
    if (name === listPath && !opts.protectAll) return;
    references.push({ fileRef: displayPath(name), checkValue: base64(sm3(bytes)) });
  };
  for (const name of pkg.files) refer(name, changed.get(name) ?? pkg.read(name));
  for (const [name, bytes] of added) refer(name, bytes);

  const signatureXml = newSignatureXml({
    provider: opts.provider ?? { name: 'heyan', company: 'heyan' },
    signatureMethod: OFD_SIGNATURE_METHOD_SM2_SM3,
    signatureDateTime: signingTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    checkMethod: OFD_CHECK_METHOD_SM3,
    references,
    stampAnnots: [{ id: annotId, pageRef: page.id.trim(), boundary: formatBoundary(boundary) }],
    sealLoc: displayPath(sealPath),
    signedValueLoc: displayPath(signedValuePath),
  });
  added.set(signaturePath, signatureXml);
  const sign = (timestamp?: (signature: Uint8Array) => Uint8Array): Uint8Array =>
    createSesSignature({
      seal: seal.raw,
      dataHash: sm3(signatureXml),
      propertyInfo: displayPath(signaturePath),
      timeInfo: signingTime,
      signerKey: opts.key,
      signerCertificate: opts.certificate,
      ...(timestamp ? { timestamp } : {}),
    });
  const finish = (signedValue: Uint8Array): Uint8Array => {
    added.set(signedValuePath, signedValue);
    return writePackage(pkg, changed, added, signingTime);
  };
  return { sign, finish };
}

/** The package: existing members in their order (copied, or the one edited part), then the new ones. */
function writePackage(pkg: OfdPackage, changed: ReadonlyMap<string, Uint8Array>, added: ReadonlyMap<string, Uint8Array>, signingTime: Date): Uint8Array {
  const w = new ZipWriter({ date: signingTime });
  for (const e of pkg.zip.entries) {
    const replacement = changed.get(e.name);
    if (replacement) w.addFile(e.name, replacement);
    else w.copyFrom(pkg.zip, e);
  }
  // Directory entries only when the source has them (ofdrw writes them; some producers do not).
  if (pkg.zip.entries.some((e) => e.isDirectory)) {
    for (const name of added.keys()) {
      const parts = name.split('/').slice(0, -1);
      for (let i = 1; i <= parts.length; i++) {
        const dir = `${parts.slice(0, i).join('/')}/`;
        if (!w.has(dir)) w.addDirectory(dir);
      }
    }
  }
  for (const [name, bytes] of added) w.addFile(name, bytes);
  return w.finish();
}
