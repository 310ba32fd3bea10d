// Work a PKCS#12 file asks for, read with the bounded reader before node-forge sees the file: the MAC iteration
// count and every password-based encryption visible without the password (encrypted SafeContents, shrouded key
// bags in plain SafeContents, nested SafeContents bags). Encryptions inside an encrypted SafeContents only
// appear after decryption; pkcs12.ts checks those as forge asks for them, against the same budget.
import { FormatError, LimitError } from '../errors.js';
import {
  Asn1Reader,
  TAG_SEQUENCE,
  children,
  expectTag,
  isCtx,
  readOctetString,
  readOid,
  readSequence,
  type El,
} from '../asn1/index.js';
import { algorithmIterations, iterationCount, type IterationBudget } from '../crypto/keys/pbe-iterations.js';

const OID_DATA = '1.2.840.113549.1.7.1';
const OID_ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
const OID_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const OID_SAFE_CONTENTS_BAG = '1.2.840.113549.1.12.10.1.6';

/** Bounds for the scan itself: nesting and element count of one file (1 MiB at most). */
const READER = { mode: 'ber' as const, maxDepth: 32, maxElements: 200_000 };
/** Most SafeBags, ContentInfos and nested SafeContents looked at. */
const MAX_ITEMS = 10_000;

export interface Pkcs12Work {
  /** The MacData iteration count (1 when absent, as the DEFAULT says); undefined without MacData. */
  macIterations?: number;
}

/**
 * Charge the visible work of a PFX to `budget`. Throws LimitError past the budget, FormatError when the outer
 * structure (PFX, MacData, AuthenticatedSafe, SafeBags) is malformed.
 */
export function scanPkcs12(der: Uint8Array, budget: IterationBudget): Pkcs12Work {
  const reader = new Asn1Reader(der, { ...READER, maxBytes: der.length });
  const pfx = readSequence(reader.root('PKCS#12 PFX'), 'PKCS#12 PFX', 3);
  const out: Pkcs12Work = {};
  const macData = pfx[2];
  if (macData) {
    const m = readSequence(macData, 'PKCS#12 MacData', 3);
    const n = m[2] ? iterationCount(m[2], 'PKCS#12 MAC iterations') : 1;
    budget.spend(n, 'PKCS#12 MAC');
    out.macIterations = n;
  }
  const [ct, wrap] = readSequence(pfx[1], 'PKCS#12 authSafe', 2);
  // Public-key integrity mode (signedData) is not supported by forge: nothing to charge, forge refuses it.
  if (readOid(ct, 'PKCS#12 authSafe contentType') !== OID_DATA) return out;
  const items = { n: 0 };
  const authSafe = inner(wrap, 'PKCS#12 authSafe');
  for (const ci of children(expectTag(authSafe, TAG_SEQUENCE, 'AuthenticatedSafe'), 'AuthenticatedSafe', MAX_ITEMS)) {
    const [type, content] = readSequence(ci, 'AuthenticatedSafe ContentInfo', 2);
    const oid = readOid(type, 'ContentInfo contentType');
    if (oid === OID_DATA) safeContents(inner(content, 'SafeContents'), budget, items);
    else if (oid === OID_ENCRYPTED_DATA) {
      const [ed] = children(explicitContent(content, 'EncryptedData'), 'EncryptedData', 1);
      const [, eci] = readSequence(ed, 'EncryptedData', 3);
      const [, alg] = readSequence(eci, 'EncryptedContentInfo', 3);
      budget.spend(algorithmIterations(alg, 'SafeContents encryption') ?? 0, 'PKCS#12 SafeContents encryption');
    }
  }
  return out;
}

/** [0] EXPLICIT content of a ContentInfo. */
function explicitContent(e: El | undefined, what: string): El {
  if (!e || !isCtx(e, 0)) throw new FormatError(`${what}: [0] content expected`);
  return e;
}

/** The element inside a data ContentInfo's [0] EXPLICIT OCTET STRING, read with its own bounded reader. */
function inner(wrap: El | undefined, what: string): El {
  const [octets] = children(explicitContent(wrap, what), what, 1);
  const bytes = readOctetString(octets, what);
  return new Asn1Reader(bytes, { ...READER, maxBytes: bytes.length }).root(what);
}

function safeContents(sc: El, budget: IterationBudget, items: { n: number }): void {
  for (const bag of children(expectTag(sc, TAG_SEQUENCE, 'SafeContents'), 'SafeContents', MAX_ITEMS)) {
    if (++items.n > MAX_ITEMS) throw new LimitError(`more than ${MAX_ITEMS} PKCS#12 SafeBags`);
    const [id, value] = readSequence(bag, 'SafeBag', 3);
    const oid = readOid(id, 'SafeBag bagId');
    if (oid !== OID_SHROUDED_KEY_BAG && oid !== OID_SAFE_CONTENTS_BAG) continue;
    const [v] = children(explicitContent(value, 'SafeBag bagValue'), 'SafeBag bagValue', 1);
    if (oid === OID_SAFE_CONTENTS_BAG) safeContents(expectTag(v, TAG_SEQUENCE, 'nested SafeContents'), budget, items);
    else budget.spend(algorithmIterations(readSequence(v, 'EncryptedPrivateKeyInfo', 2)[0], 'key bag encryption') ?? 0, 'PKCS#12 key bag encryption');
  }
}
