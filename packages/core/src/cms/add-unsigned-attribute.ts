// Add an unsigned attribute (e.g. an RFC 3161 signature timestamp) to one SignerInfo. Everything the signature covers
// and every other element is copied byte-for-byte; only the enclosing lengths are rewritten (definite, DER lengths).
import { FormatError } from '../errors.js';
import { BerReader, TAG, expectUniversal, isContext, type Tlv } from './ber.js';
import { ctx, oid, seq, setOf, tlv } from './der.js';
import { parseSignedData } from './parse.js';
import { DEFAULT_CMS_LIMITS } from './types.js';

/**
 * Returns a new ContentInfo where SignerInfo `signerIndex` (default 0) carries one more unsigned attribute
 * `oid` with the single value `valueDer` (DER of the AttributeValue, e.g. a TimeStampToken ContentInfo).
 * Throws FormatError when `cms` is not SignedData or the index does not exist.
 */
export function addUnsignedAttribute(cms: Uint8Array, attrOid: string, valueDer: Uint8Array, signerIndex = 0): Uint8Array {
  // Validates the whole structure and the limits first.
  const parsed = parseSignedData(cms);
  if (!parsed.signers[signerIndex]) throw new FormatError(`no SignerInfo #${signerIndex}`);
  checkOneElement(valueDer);

  const r = new BerReader(cms, { maxDepth: DEFAULT_CMS_LIMITS.maxDepth, maxReads: DEFAULT_CMS_LIMITS.maxReads });
  const ci = r.read(0, cms.length, 0);
  const [ct, wrap] = r.children(ci, 0);
  const sd = r.children(wrap!, 1)[0]!;
  const sdParts = r.children(sd, 2);
  const siSet = sdParts[sdParts.length - 1]!;
  const signerInfos = r.children(siSet, 3);

  const newSigners = signerInfos.map((si, i) => (i === signerIndex ? withAttribute(r, si, attrOid, valueDer) : r.raw(si)));
  // SET OF SignerInfo keeps the original order: indexes are how callers (and reports) name signers.
  const newSiSet = tlv(0x31, ...newSigners);
  const newSd = seq(...sdParts.slice(0, -1).map((p) => r.raw(p)), newSiSet);
  return seq(r.raw(ct!), ctx(0, newSd));
}

function checkOneElement(valueDer: Uint8Array): void {
  const r = new BerReader(valueDer, { maxDepth: DEFAULT_CMS_LIMITS.maxDepth, maxReads: DEFAULT_CMS_LIMITS.maxReads });
  const t = r.read(0, valueDer.length, 0);
  if (t.end !== valueDer.length) throw new FormatError('the attribute value must be exactly one DER element');
}

function withAttribute(r: BerReader, si: Tlv, attrOid: string, valueDer: Uint8Array): Uint8Array {
  const fields = r.children(expectUniversal(si, TAG.SEQUENCE, 'SignerInfo'), 4);
  const last = fields[fields.length - 1]!;
  const attr = seq(oid(attrOid), setOf([valueDer]));
  if (isContext(last, 1)) {
    const existing = r.children(last, 5).map((a) => r.raw(a));
    const set = setOf([...existing, attr]);
    return seq(...fields.slice(0, -1).map((f) => r.raw(f)), retagA1(set));
  }
  return seq(...fields.map((f) => r.raw(f)), retagA1(setOf([attr])));
}

function retagA1(set: Uint8Array): Uint8Array {
  const out = set.slice();
  out[0] = 0xa1;
  return out;
}
