// Shared by the licence-document tests (matrix, red team): report helpers and "another licence of the same issuer".
import { expect } from 'vitest';
import { makeLicenseId, parseLicenseId } from '../../packages/core/src/license/codes/license-id.js';
import type { LicenseRecord } from '../../packages/core/src/license/model.js';
import type { Check, Report } from '../../packages/core/src/report/types.js';

/** The document's checks and every signature's. */
export const allChecks = (r: Report): Check[] => [...r.checks, ...r.signatures.flatMap((s) => s.checks)];
/** Ids of the failed checks, each once. */
export const failedIds = (r: Report): string[] => [...new Set(allChecks(r).filter((c) => c.status === 'failed').map((c) => c.id))];

/** The clerk is told to ask for a freshly downloaded copy, in both languages. */
export function expectFreshCopyAdvice(r: Report): void {
  expect(r.advice?.en).toMatch(/freshly downloaded copy/);
  expect(r.advice?.zh).toMatch(/重新下载/);
}

/** Another licence of the same issuer and type: another serial (check character recomputed) and holder. */
export function otherLicence(r: LicenseRecord): LicenseRecord {
  const id = parseLicenseId(r.certificateIdentifier);
  const serial = id.serial.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
  const holder = r.certificateHolderType === '111' ? '李另一' : '厦门另一示例贸易有限公司';
  return { ...structuredClone(r), certificateIdentifier: makeLicenseId({ typeCode: id.typeCode, issuerCode: id.issuerCode, serial, version: id.version }), certificateHolder: holder };
}
