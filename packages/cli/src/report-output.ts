// `heyan verify` output, one report at a time. Each report is rendered as soon as it is done — by the worker thread
// that verified it, under --jobs — into the UTF-8 bytes it takes in the output, so this thread neither rebuilds a
// worker's report from a structured clone nor renders and encodes a whole batch at the end. The bytes are exactly
// what renderText / renderJsonBatch give (the --json document is assembled from per-report pieces).
import { renderText, summarise, toJsonText, type Indication, type Report } from '@heyan/core';

/** How reports are printed: one --json document, or text per input (streamed). */
export type OutputSpec = { json: true } | { json: false; verbose: boolean; colour: boolean };

/** A report as printed, and the verdict the summary and the exit code need. */
export interface RenderedReport {
  indication: Indication;
  /** --json: the report as an element of the batch's `reports` array (indented, no separator); text: the block. */
  bytes: Uint8Array;
}

const encoder = new TextEncoder();
/** Where texts up to MAX_SCRATCH / 3 UTF-16 units are encoded before being copied out (reused, grown on demand). */
let scratch = new Uint8Array(0);
const MAX_SCRATCH = 4 * 1024 * 1024;

/**
 * UTF-8 of a text in its own ArrayBuffer of exactly its size (never a slice of Buffer's shared pool), so a worker
 * can transfer it. encode() measures the UTF-8 length in one pass over the (mostly two-byte: Chinese) text and
 * writes it in another; encodeInto() a buffer that is surely large enough (3 bytes per UTF-16 unit) and a copy of
 * what was written take about half the time. Same bytes: both write U+FFFD for a lone surrogate.
 */
function utf8(text: string): Uint8Array {
  const worst = text.length * 3;
  if (worst > MAX_SCRATCH) return encoder.encode(text);
  if (scratch.length < worst) scratch = new Uint8Array(Math.max(worst, 64 * 1024));
  const { written } = encoder.encodeInto(text, scratch);
  return scratch.slice(0, written);
}

/**
 * A report's part of renderJsonBatch: its JSON text at the depth it has in the batch (batch → reports → report: 2),
 * i.e. with every line after the first indented by 4 more spaces.
 */
const REPORT_DEPTH = 2;
const REPORT_INDENT = '    ';

function reportJson(report: Report): string {
  return toJsonText(report, 'report', REPORT_DEPTH);
}

export function renderReport(report: Report, spec: OutputSpec): RenderedReport {
  const text = spec.json ? reportJson(report) : `${renderText(report, { verbose: spec.verbose, colour: spec.colour })}\n\n`;
  return { indication: report.indication, bytes: utf8(text) };
}

/** The `heyan verify --json` document (with its final line break) from the rendered reports, in input order. */
export function jsonBatch(reports: readonly RenderedReport[]): Buffer {
  const summary = toJsonText(summarise(reports), 'summary', 1);
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
