// `heyan verify` output, one report at a time. Each report is rendered as soon as it is done — by the worker thread
// that verified it, under --jobs — into the UTF-8 bytes it takes in the output, so this thread neither rebuilds a
// worker's report from a structured clone nor renders and encodes a whole batch at the end. The bytes are exactly
// what renderText / renderJsonBatch give (the --json document is assembled from per-report pieces).
import { renderText, summarise, toJsonValue, type Indication, type Report } from '@heyan/core';

/** How reports are printed: one --json document, or text per input (streamed). */
export type OutputSpec = { json: true } | { json: false; verbose: boolean; colour: boolean };

/** A report as printed, and the verdict the summary and the exit code need. */
export interface RenderedReport {
  indication: Indication;
  /** --json: the report as an element of the batch's `reports` array (indented, no separator); text: the block. */
  bytes: Uint8Array;
}

// Own ArrayBuffer per piece (never a slice of Buffer's shared pool), so a worker can transfer it.
const encoder = new TextEncoder();

/**
 * A report's part of renderJsonBatch: its value as toJsonValue gives it at the depth it has in the batch (batch →
 * reports → report: 2), stringified at that nesting. JSON.stringify indents a value nested at depth d by 2·d spaces
 * on every line after its first, so the value is stringified inside two arrays and cut out (a V8 substring shares
 * the text instead of copying it); the same as indenting every line break by 4 spaces, since a JSON text has no raw
 * line breaks inside strings, without another pass over 40 kB.
 */
const REPORT_DEPTH = 2;
const REPORT_INDENT = '    ';
const OPEN = `[\n  [\n${REPORT_INDENT}`;
const CLOSE = '\n  ]\n]';

function reportJson(report: Report): string {
  const value = toJsonValue(report, 'report', REPORT_DEPTH);
  const nested = JSON.stringify([[value]], null, 2);
  if (nested.startsWith(OPEN) && nested.endsWith(CLOSE)) return nested.slice(OPEN.length, nested.length - CLOSE.length);
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${REPORT_INDENT}`);
}

export function renderReport(report: Report, spec: OutputSpec): RenderedReport {
  const text = spec.json ? reportJson(report) : `${renderText(report, { verbose: spec.verbose, colour: spec.colour })}\n\n`;
  return { indication: report.indication, bytes: encoder.encode(text) };
}

/** The `heyan verify --json` document (with its final line break) from the rendered reports, in input order. */
export function jsonBatch(reports: readonly RenderedReport[]): Buffer {
  const summary = JSON.stringify(toJsonValue(summarise(reports), 'summary', 1), null, 2).replaceAll('\n', '\n  ');
  if (reports.length === 0) return Buffer.from(`{\n  "summary": ${summary},\n  "reports": []\n}\n`);
  const parts: Uint8Array[] = [Buffer.from(`{\n  "summary": ${summary},\n  "reports": [\n${REPORT_INDENT}`)];
  const comma = Buffer.from(`,\n${REPORT_INDENT}`);
  reports.forEach((r, i) => {
    if (i > 0) parts.push(comma);
    parts.push(r.bytes);
  });
  parts.push(Buffer.from('\n  ]\n}\n'));
  return Buffer.concat(parts);
}
