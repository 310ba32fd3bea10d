// Validation material carried by the document: the /DSS (certificates, CRLs, OCSP responses) and what each CMS
// holds (certificates, CRLs, OCSP responses in revocationInfoChoices / adbe-revocationInfoArchival). Parsed once per
// document; unparsable entries are counted, never fatal.
import { Certificate, Crl } from '../../pki/index.js';
import { check } from '../../report/check.js';
import type { Check } from '../../report/types.js';
import { PDF_CHECKS as C } from '../checks.js';

export interface RawDss {
  certs: Uint8Array[];
  crls: Uint8Array[];
  ocsps: Uint8Array[];
  vri?: Map<string, { certs: Uint8Array[]; crls: Uint8Array[]; ocsps: Uint8Array[]; tu?: Date }>;
}

export interface Evidence {
  certificates: Certificate[];
  crls: Crl[];
  /** DER OCSPResponse (or BasicOCSPResponse) values, for path validation. */
  ocsps: Uint8Array[];
  /** The DSS holds revocation values (CRLs or OCSP responses). */
  hasRevocation: boolean;
}

export const NO_EVIDENCE: Evidence = Object.freeze({ certificates: [], crls: [], ocsps: [], hasRevocation: false }) as Evidence;

/** Parse the DSS arrays; `check` reports counts and what was skipped. */
export function parseDss(raw: RawDss | undefined, error?: string): { evidence: Evidence; check: Check } {
  if (error !== undefined) return { evidence: NO_EVIDENCE, check: check(C.dssEvidence, 'warning', { details: { error } }) };
  if (!raw) return { evidence: NO_EVIDENCE, check: check(C.dssEvidence, 'skipped') };
  const certificates: Certificate[] = [];
  const crls: Crl[] = [];
  const skipped: string[] = [];
  const all = (k: 'certs' | 'crls' | 'ocsps'): Uint8Array[] => {
    const seen = new Set<string>();
    const out: Uint8Array[] = [];
    for (const b of [...raw[k], ...[...(raw.vri?.values() ?? [])].flatMap((v) => v[k])]) {
      const key = Buffer.from(b).toString('base64');
      if (!seen.has(key)) (seen.add(key), out.push(b));
    }
    return out;
  };
  for (const der of all('certs')) {
    try {
      certificates.push(Certificate.fromDer(der));
    } catch (e) {
      skipped.push(`certificate: ${(e as Error).message}`);
    }
  }
  for (const der of all('crls')) {
    try {
      crls.push(Crl.fromDer(der));
    } catch (e) {
      skipped.push(`CRL: ${(e as Error).message}`);
    }
  }
  const ocsps = all('ocsps');
  const evidence: Evidence = { certificates, crls, ocsps, hasRevocation: crls.length + ocsps.length > 0 };
  const details = { certificates: certificates.length, crls: crls.length, ocsps: ocsps.length, vri: raw.vri?.size ?? 0, ...(skipped.length ? { skipped } : {}) };
  return { evidence, check: check(C.dssEvidence, skipped.length ? 'warning' : 'passed', { details }) };
}
