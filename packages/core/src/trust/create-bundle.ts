// Write a trust bundle: canonical JSON (sorted keys; certificates and CRLs as base64 DER) encapsulated in a CMS
// SignedData by the bundle signer (SM2 keys: GB/T 35275 flavour). The content is checked with the same rules the
// reader applies, so a bundle that was written can be opened.
import { FormatError } from '../errors.js';
import { utf8Bytes } from '../asn1/index.js';
import { signEncapsulated } from '../cms/index.js';
import { canonicalJson } from './canonical-json.js';
import { MAX_BUNDLE_BYTES } from './limits.js';
import { parseBundleContentValue } from './parse-content.js';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type CreateTrustBundleOptions, type TrustBundleContent } from './types.js';

const b64 = (der: Uint8Array): string => Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');

function iso(d: Date, what: string): string {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new FormatError(`${what} is not a valid date`);
  // Whole seconds: the reader accepts milliseconds too, but bundles compare and display better without them.
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function unique<T extends { fingerprintSha256: string }>(xs: readonly T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(x.fingerprintSha256) && (seen.add(x.fingerprintSha256), true));
}

/** The unsigned content (exported for tests and inspection). Throws FormatError / LimitError. */
export function trustBundleContent(opts: Omit<CreateTrustBundleOptions, 'signer'>): TrustBundleContent {
  const content: TrustBundleContent = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    version: opts.version,
    issuedAt: iso(opts.issuedAt, 'issuedAt'),
    nextUpdate: iso(opts.nextUpdate, 'nextUpdate'),
    roots: unique(opts.roots ?? []).map((c) => b64(c.der)),
    intermediates: unique(opts.intermediates ?? []).map((c) => b64(c.der)),
    crls: unique(opts.crls ?? []).map((c) => b64(c.der)),
    issuers: (opts.issuers ?? []).map((i) => ({
      code: i.code,
      name: i.name,
      certificates: unique(i.certificates ?? []).map((c) => b64(c.der)),
      licenseTypes: [...new Set(i.licenseTypes ?? [])],
      areaCodes: [...new Set(i.areaCodes ?? [])],
    })),
    statusLists: [...(opts.statusLists ?? [])],
  };
  parseBundleContentValue(content);
  return content;
}

/** Sign a trust bundle. Returns the DER CMS SignedData (conventionally saved as *.hytb). Throws FormatError, KeyError, UnsupportedError. */
export function createTrustBundle(opts: CreateTrustBundleOptions): Uint8Array {
  const { signer } = opts;
  if (!signer?.key || !signer.certificate) throw new FormatError('createTrustBundle needs signer.key and signer.certificate');
  const json = utf8Bytes(canonicalJson(trustBundleContent(opts)));
  const der = signEncapsulated({
    content: json,
    key: signer.key,
    certificate: signer.certificate,
    ...(signer.chain ? { chain: signer.chain } : {}),
    flavour: signer.key.type === 'sm2' ? 'gbt35275' : 'pkcs7',
    signingTime: opts.issuedAt,
  });
  if (der.length > MAX_BUNDLE_BYTES) throw new FormatError(`the bundle would have ${der.length} bytes, more than ${MAX_BUNDLE_BYTES}`);
  return der;
}
