// The --json document assembled from per-report pieces is byte for byte the document the old rendering gave:
// JSON.stringify(toJsonValue({ summary, reports }, 'batch'), null, 2) and a final line break.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderText, summarise, toJsonValue, TrustStore, verify, type Report } from '@heyan/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonBatch, renderReport } from './report-output.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const oldDocument = (reports: Report[]): string =>
  `${JSON.stringify(toJsonValue({ summary: summarise(reports), reports }, 'batch'), null, 2)}\n`;
const json = { json: true } as const;

describe('jsonBatch of renderReport pieces', () => {
  const reports: Report[] = [];

  beforeAll(async () => {
    const trust = TrustStore.fromBytes(['sm2', 'rsa'].map((f) => new Uint8Array(readFileSync(join(fixtures, 'pki', f, 'root.pem')))));
    const at = new Date('2026-06-01T00:00:00Z');
    for (const dir of ['demo', 'pdf/attacks']) {
      for (const name of readdirSync(join(fixtures, dir)).filter((n) => /\.(pdf|p7m|pem)$/.test(n)).sort()) {
        reports.push(await verify(new Uint8Array(readFileSync(join(fixtures, dir, name))), { name, at, trust }));
      }
    }
    expect(reports.length).toBeGreaterThan(30);
  }, 120_000);

  it('is the old document, for real reports', () => {
    const got = jsonBatch(reports.map((r) => renderReport(r, json)));
    expect(got.toString('utf8') === oldDocument(reports)).toBe(true);
  });

  it('is the old document for one report, none, and a report with awkward details', () => {
    expect(jsonBatch([]).toString('utf8')).toBe(oldDocument([]));
    expect(jsonBatch([renderReport(reports[0]!, json)]).toString('utf8')).toBe(oldDocument([reports[0]!]));
    const bytes = new Uint8Array([0, 1, 2, 0xab, 0xcd, 9]).subarray(3, 5);
    const details: Record<string, unknown> = { when: new Date(0), bad: new Date(NaN), n: 10n ** 30n, bytes, inf: -Infinity, s: 'a\ud800\u2028"' };
    details.self = details;
    const odd = { ...reports[0]!, checks: [{ id: 'x', status: 'failed', message: { zh: '坏', en: 'bad' }, details }] } as Report;
    expect(jsonBatch([renderReport(odd, json), renderReport(reports[1]!, json)]).toString('utf8')).toBe(oldDocument([odd, reports[1]!]));
  });

  it('encodes as TextEncoder does: lone surrogates, Chinese, a text too long for the scratch buffer', () => {
    const odd = { ...reports[0]!, input: { ...reports[0]!.input, name: 'a\ud800b\udc00核验😀' } } as Report;
    const long = { ...odd, advice: { zh: '长'.repeat(1_500_000), en: 'x' } } as Report;
    const spec = { json: false, verbose: true, colour: false } as const;
    for (const r of [odd, long, reports[1]!, odd]) {
      expect(Buffer.from(renderReport(r, spec).bytes).equals(new TextEncoder().encode(`${renderText(r, { verbose: true, colour: false })}\n\n`))).toBe(true);
    }
    const doc = jsonBatch([renderReport(odd, json), renderReport(long, json)]).toString('utf8');
    expect(doc === oldDocument([odd, long])).toBe(true);
  });

  it('gives each piece its own buffer, so a worker can transfer it', () => {
    const { bytes } = renderReport(reports[0]!, json);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.byteLength).toBe(bytes.buffer.byteLength);
  });
});
