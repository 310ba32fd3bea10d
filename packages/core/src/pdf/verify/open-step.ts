// Open the document model for the verifier: a FormatError/LimitError is a failed pdf.structure (the byte-scan layer
// still verifies what it finds), a repaired file a warning; encryption is reported and handled (see pdf.encrypted).
import { check, withDetail } from '../../report/check.js';
import type { Check } from '../../report/types.js';
import { PDF_CHECKS as C } from '../checks.js';
import { openPdf } from '../document/index.js';
import type { PdfDocument } from '../document/types.js';

export interface OpenResult {
  doc?: PdfDocument;
  checks: Check[];
}

export function openForVerify(bytes: Uint8Array): OpenResult {
  let doc: PdfDocument;
  try {
    doc = openPdf(bytes);
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return { checks: [check(C.structure, 'failed', { message: withDetail(C.structure.failed, m, m), details: { error: e instanceof Error ? e.name : 'Error' } })] };
  }
  const checks: Check[] = [];
  const details = { revisions: doc.revisions.length, ...(doc.version ? { version: doc.version } : {}), ...(doc.warnings.length ? { warnings: doc.warnings.slice(0, 20) } : {}) };
  checks.push(check(C.structure, doc.repaired ? 'warning' : 'passed', { details }));
  checks.push(check(C.encrypted, doc.encrypted ? 'warning' : 'passed'));
  return { doc, checks };
}
