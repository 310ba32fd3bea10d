// Every check definition of every module, for listing ids (docs/report.md, `heyan help checks`) and for the
// uniqueness test. Add a module's `checks.ts` here when it gains one.
import type { CheckDef } from './check.js';
import { CMS_CHECKS } from '../cms/checks.js';
import { CREDENTIAL_CHECKS } from '../credential/checks.js';
import { LICENSE_CHECKS } from '../license/checks.js';
import { LICENSE_DOCUMENT_CHECKS } from '../license/document/checks.js';
import { OFD_CHECKS } from '../ofd/checks.js';
import { PDF_CHECKS } from '../pdf/checks.js';
import { PDF_CHANGE_CHECKS } from '../pdf/changes/checks.js';
import { PKI_CHECKS } from '../pki/checks.js';
import { SEAL_CHECKS } from '../seal/checks.js';
import { STATUS_CHECKS } from '../status/checks.js';
import { TRUST_CHECKS } from '../trust/checks.js';
import { TSP_CHECKS } from '../tsp/checks.js';
import { VERIFY_CHECKS } from '../verify/checks.js';

/** Merge a sub-module's definitions into its module's group without key clashes. */
function prefixed(prefix: string, defs: Readonly<Record<string, CheckDef>>): Record<string, CheckDef> {
  return Object.fromEntries(Object.entries(defs).map(([k, v]) => [`${prefix}.${k}`, v]));
}

/** Module name → its definitions, in catalogue order. */
export const CHECK_GROUPS: Readonly<Record<string, Readonly<Record<string, CheckDef>>>> = {
  verify: VERIFY_CHECKS,
  pki: PKI_CHECKS,
  cms: CMS_CHECKS,
  seal: SEAL_CHECKS,
  ofd: OFD_CHECKS,
  // One group per id prefix: the verifier's checks, then the change analysis (pdf.changes.*).
  pdf: { ...PDF_CHECKS, ...prefixed('changes', PDF_CHANGE_CHECKS) },
  tsp: TSP_CHECKS,
  license: { ...LICENSE_CHECKS, ...prefixed('document', LICENSE_DOCUMENT_CHECKS) },
  credential: CREDENTIAL_CHECKS,
  status: STATUS_CHECKS,
  trust: TRUST_CHECKS,
};

/** All check definitions, grouped by module, each group in declaration order. */
export function checkCatalogue(): CheckDef[] {
  return Object.values(CHECK_GROUPS).flatMap((g) => Object.values(g));
}

/** The definition for an id, or undefined. */
export function findCheck(id: string): CheckDef | undefined {
  return checkCatalogue().find((d) => d.id === id);
}
