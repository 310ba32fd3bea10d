// Add an unsigned attribute (e.g. an RFC 3161 signature timestamp) to one SignerInfo. Everything the signature covers
// and every other element is copied byte-for-byte; only the enclosing lengths are rewritten (definite, DER lengths).
import { FormatError } from '../errors.js';
import { Asn1Reader, children, encoding, explicit, implicit, isCtx, oid, readSequence, seq, set, setOf, type El } from '../asn1/index.js';
import { parseSignedData } from './parse.js';
import { DEFAULT_CMS_LIMITS } from './types.js';

const READER = { mode: 'ber', maxDepth: DEFAULT_CMS_LIMITS.maxDepth, maxElements: DEFAULT_CMS_LIMITS.maxReads } as const;

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

  const ci = new Asn1Reader(cms, READER).read(0, cms.length, 0);
  const [ct, wrap] = children(ci);
  const sd = children(wrap)[0]!;
  const sdParts = children(sd);
  const siSet = sdParts[sdParts.length - 1]!;
  const signerInfos = children(siSet);

  const newSigners = signerInfos.map((si, i) => (i === signerIndex ? withAttribute(si, attrOid, valueDer) : encoding(si)));
  // SET OF SignerInfo keeps the original order: indexes are how callers (and reports) name signers.
  const newSiSet = set(...newSigners);
  const newSd = seq(...sdParts.slice(0, -1).map(encoding), newSiSet);
  return seq(encoding(ct!), explicit(0, newSd));
}

function checkOneElement(valueDer: Uint8Array): void {
  const t = new Asn1Reader(valueDer, READER).read(0, valueDer.length, 0);
  if (t.next !== valueDer.length) throw new FormatError('the attribute value must be exactly one DER element');
}

function withAttribute(si: El, attrOid: string, valueDer: Uint8Array): Uint8Array {
  const fields = readSequence(si, 'SignerInfo');
  const last = fields[fields.length - 1]!;
  const attr = seq(oid(attrOid), setOf([valueDer]));
  // unsignedAttrs [1] IMPLICIT SET OF Attribute: kept DER-sorted with the new member.
  if (isCtx(last, 1)) return seq(...fields.slice(0, -1).map(encoding), implicit(1, setOf([...children(last).map(encoding), attr])));
  return seq(...fields.map(encoding), implicit(1, setOf([attr])));
}
