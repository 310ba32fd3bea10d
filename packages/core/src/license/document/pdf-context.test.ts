// PdfReadContext.data: a stream that does not decode is not decoded again, and after MAX_FAILED_DECODES failures no
// further stream is tried — each failure may have inflated up to the model's maxStreamBytes (a Flate bomb), and a
// page can name the same or many such streams thousands of times.
import { deflateSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { openPdf } from '../../pdf/document/index.js';
import { MAX_FAILED_DECODES, PdfReadContext, type PdfStream } from './pdf-context.js';
import { writePdf } from './test-support.js';

const bomb = { dict: '/Filter /FlateDecode', data: new Uint8Array(deflateSync(Buffer.alloc(64 * 1024))) };
const small = { dict: '/Filter /FlateDecode', data: new Uint8Array(deflateSync(Buffer.from('BT ET'))) };

function open(objects: (string | { dict: string; data: Uint8Array })[]) {
  // A 4 KiB model limit makes every bomb fail as one over the default 64 MiB would.
  const doc = openPdf(writePdf(['<< /Type /Catalog >>', ...objects]), { maxStreamBytes: 4096 });
  const stream = (num: number) => doc.getObject(num) as PdfStream;
  return { doc, stream, ctx: new PdfReadContext(doc), decodes: vi.spyOn(doc, 'streamData') };
}

describe('PdfReadContext.data', () => {
  it('decodes a failing stream once, however often it is read, and says so each time', () => {
    const { stream, ctx, decodes } = open([bomb, small]);
    for (let i = 0; i < 100; i++) expect(ctx.data(stream(2), `content ${i}`, 1 << 20)).toBeUndefined();
    expect(decodes).toHaveBeenCalledTimes(1);
    expect(ctx.problems[0]).toBe('content 0: cannot be decoded within 1048576 bytes (filters: FlateDecode)');
    expect(ctx.problems[1]).toBe('content 1: cannot be decoded within 1048576 bytes (filters: FlateDecode)');
    // Decoding stops one byte past the caller's limit, not at the document's maxStreamBytes.
    expect(decodes).toHaveBeenCalledWith(stream(2), true, (1 << 20) + 1);
    // A stream that decodes is unaffected.
    expect(Buffer.from(ctx.data(stream(3), 'small', 1 << 20)!).toString()).toBe('BT ET');
  });

  it(`stops trying streams after ${MAX_FAILED_DECODES} failures`, () => {
    const { stream, ctx, decodes } = open([...Array.from({ length: MAX_FAILED_DECODES + 4 }, () => bomb), small]);
    for (let n = 2; n < MAX_FAILED_DECODES + 6; n++) ctx.data(stream(n), `stream ${n}`, 1 << 20);
    expect(decodes).toHaveBeenCalledTimes(MAX_FAILED_DECODES);
    expect(ctx.problems.at(-1)).toBe(`stream ${MAX_FAILED_DECODES + 5}: not decoded, ${MAX_FAILED_DECODES} streams failed to decode already`);
  });
});
