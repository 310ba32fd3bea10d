// Revocation evidence carried inside a CMS SignedData: SignedData.crls (CRLs, and OCSP responses as
// `[1] OtherRevocationInfoFormat` id-ri-ocsp-response, RFC 5940) and the Adobe signed attribute
// adbe-revocationInfoArchival { [0] crl SEQUENCE OF CRL, [1] ocsp SEQUENCE OF OCSPResponse, [2] otherRevInfo }.
// Returns bytes; path validation parses and verifies them. Never throws: malformed parts are skipped and noted.
import type { ParsedSignedData } from '../../cms/types.js';
import { Asn1Reader, TAG_SEQUENCE, children, encoding, isCtx, readOid, readRoot, type El } from '../../asn1/index.js';
import { MAX_CMS_OCSP_RESPONSES } from './limits.js';
import { OID_ADBE_REVOCATION_INFO_ARCHIVAL, OID_RI_OCSP_RESPONSE } from './oids.js';

export interface CmsRevocationData {
  /** DER CRLs: SignedData.crls, then the archival attribute's. */
  crls: Uint8Array[];
  /** DER OCSPResponses (or bare BasicOCSPResponses, as some writers store them). */
  ocsps: Uint8Array[];
  /** What was skipped, English. */
  warnings: string[];
}

// The CMS around a PDF signature is BER; bounded like the CMS parser's defaults.
const READER = { mode: 'ber', maxDepth: 48, maxElements: 2_000_000, maxBytes: 64 * 1024 * 1024 } as const;

/**
 * CRLs and OCSP responses of a parsed SignedData: its CRLs, its `[1] other` id-ri-ocsp-response entries
 * (`otherRevocationInfo`) and the archival attribute's. `cmsDer` (the ContentInfo) is read only for a ParsedSignedData
 * made without `otherRevocationInfo` (older callers); with it the bytes add nothing.
 */
export function revocationFromCms(signedData: ParsedSignedData, cmsDer?: Uint8Array): CmsRevocationData {
  const out: CmsRevocationData = { crls: signedData.crls.map((c) => c.der), ocsps: [], warnings: [] };
  const seen = new Set<string>();
  const addOcsp = (b: Uint8Array): void => {
    const k = Buffer.from(b).toString('base64');
    if (seen.has(k)) return;
    if (out.ocsps.length >= MAX_CMS_OCSP_RESPONSES) {
      out.warnings.push(`more than ${MAX_CMS_OCSP_RESPONSES} OCSP responses; the rest ignored`);
      return;
    }
    seen.add(k);
    out.ocsps.push(b.slice());
  };
  const other = (signedData as Partial<ParsedSignedData>).otherRevocationInfo;
  if (other) {
    for (const o of other) if (o.format === OID_RI_OCSP_RESPONSE) addOcsp(o.value);
  } else if (cmsDer) {
    try {
      for (const b of otherOcspEntries(cmsDer)) addOcsp(b);
    } catch (e) {
      out.warnings.push(`SignedData.crls not read: ${(e as Error).message}`);
    }
  }
  for (const s of signedData.signers) {
    for (const a of [...(s.signedAttributes ?? []), ...(s.unsignedAttributes ?? [])]) {
      if (a.oid !== OID_ADBE_REVOCATION_INFO_ARCHIVAL) continue;
      for (const v of a.values) {
        try {
          const r = archival(v);
          out.crls.push(...r.crls);
          for (const o of r.ocsps) addOcsp(o);
        } catch (e) {
          out.warnings.push(`adbe-revocationInfoArchival not read: ${(e as Error).message}`);
        }
      }
    }
  }
  return out;
}

/** OCSP responses in `[1] other` entries of SignedData.crls. */
function otherOcspEntries(der: Uint8Array): Uint8Array[] {
  const r = new Asn1Reader(der, READER);
  const ci = r.read(0, der.length, 0);
  const [, wrap] = children(ci, 'ContentInfo', 3);
  const sd = children(wrap, 'ContentInfo.content', 2)[0];
  const crlSet = children(sd, 'SignedData', 8).find((e) => e.tag === 0xa1);
  if (!crlSet) return [];
  const out: Uint8Array[] = [];
  for (const e of children(crlSet, 'SignedData.crls', 4096)) {
    // RevocationInfoChoice ::= CHOICE { crl CertificateList, other [1] IMPLICIT OtherRevocationInfoFormat }
    if (e.tag !== 0xa1) continue;
    const [fmt, info] = children(e, 'OtherRevocationInfoFormat', 3);
    if (readOid(fmt, 'otherRevInfoFormat') === OID_RI_OCSP_RESPONSE && info) out.push(encoding(info));
  }
  return out;
}

function archival(value: Uint8Array): { crls: Uint8Array[]; ocsps: Uint8Array[] } {
  const root = readRoot(value, 'RevocationInfoArchival', READER);
  if (root.tag !== TAG_SEQUENCE) throw new Error('SEQUENCE expected');
  const crls: Uint8Array[] = [];
  const ocsps: Uint8Array[] = [];
  for (const f of children(root, 'RevocationInfoArchival', 4)) {
    const list = isCtx(f, 0) ? crls : isCtx(f, 1) ? ocsps : undefined;
    if (!list) continue; // [2] otherRevInfo: no format in use that heyan reads
    const inner: El[] = children(f, 'RevocationInfoArchival field', 2);
    if (inner.length !== 1 || inner[0]!.tag !== TAG_SEQUENCE) throw new Error('[n] EXPLICIT SEQUENCE OF expected');
    for (const item of children(inner[0], 'RevocationInfoArchival list', MAX_CMS_OCSP_RESPONSES)) list.push(encoding(item).slice());
  }
  return { crls, ocsps };
}
