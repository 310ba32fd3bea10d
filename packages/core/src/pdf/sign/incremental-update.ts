// Writes ONE incremental update (ISO 32000-1 §7.5.6): the given objects, an xref section of the same kind as the
// previous one (table or stream) with /Prev, a trailer carrying /Root /Info /ID, startxref and %%EOF. The input bytes
// are never changed.
import type { PdfTail } from './read-tail.js';

export interface UpdateObject {
  num: number;
  gen: number;
  /** The object body between `n g obj` and `endobj` (a dictionary, array or `dict stream…endstream`). */
  body: Uint8Array;
}

export interface WrittenUpdate {
  /** The complete new file: input + update. */
  bytes: Uint8Array;
  /** Offset in `bytes` of each object's body, by object number. */
  bodyOffsets: Map<number, number>;
}

const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');

/** `size`: the new /Size (one past the highest object number, the xref stream's own number included). */
export function writeIncrementalUpdate(pdf: Uint8Array, tail: PdfTail, objects: UpdateObject[], size: number): WrittenUpdate {
  const parts: Uint8Array[] = [pdf];
  let pos = pdf.length;
  const push = (b: Uint8Array): void => {
    parts.push(b);
    pos += b.length;
  };
  if (!tail.endsWithEol) push(enc('\n'));
  const offsets = new Map<number, { offset: number; gen: number }>();
  const bodyOffsets = new Map<number, number>();
  for (const o of [...objects].sort((a, b) => a.num - b.num)) {
    offsets.set(o.num, { offset: pos, gen: o.gen });
    const head = enc(`${o.num} ${o.gen} obj\n`);
    push(head);
    bodyOffsets.set(o.num, pos);
    push(o.body);
    push(enc('\nendobj\n'));
  }
  const trailerEntries = [
    `/Size ${size}`,
    `/Root ${Buffer.from(tail.root).toString('latin1')}`,
    ...(tail.info ? [`/Info ${Buffer.from(tail.info).toString('latin1')}`] : []),
    ...(tail.id ? [`/ID ${Buffer.from(tail.id).toString('latin1')}`] : []),
    `/Prev ${tail.prev}`,
  ].join(' ');

  const xrefOffset = pos;
  if (tail.kind === 'table') {
    let t = 'xref\n';
    for (const [first, run] of runs([...offsets.keys()])) {
      t += `${first} ${run.length}\n`;
      for (const n of run) {
        const e = offsets.get(n)!;
        // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, two-byte EOL.
        t += `${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`;
      }
    }
    t += `trailer\n<< ${trailerEntries} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
    push(enc(t));
  } else {
    // The xref stream is itself object size-1 and lists itself.
    const selfNum = size - 1;
    offsets.set(selfNum, { offset: xrefOffset, gen: 0 });
    const w = bytesFor(Math.max(xrefOffset, 1));
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    const index: number[] = [];
    const rows: number[] = [];
    for (const [first, run] of runs(nums)) {
      index.push(first, run.length);
      for (const n of run) {
        const e = offsets.get(n)!;
        rows.push(1);
        for (let i = w - 1; i >= 0; i--) rows.push(Math.floor(e.offset / 256 ** i) % 256);
        rows.push((e.gen >> 8) & 0xff, e.gen & 0xff);
      }
    }
    const data = Uint8Array.from(rows);
    const dict = `<< /Type /XRef ${trailerEntries} /W [1 ${w} 2] /Index [${index.join(' ')}] /Length ${data.length} >>`;
    push(enc(`${selfNum} 0 obj\n${dict}\nstream\n`));
    push(data);
    push(enc(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`));
  }
  // A plain Uint8Array over its own ArrayBuffer, not a Buffer: signPdf/timestampPdf hand these bytes to callers, and
  // Buffer#slice() is a view (a caller's "copy" would alias the result); Buffer.concat may also use the shared pool.
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, bodyOffsets };
}

/** Consecutive runs of sorted object numbers: the xref subsections. */
function runs(nums: number[]): [number, number[]][] {
  const sorted = [...nums].sort((a, b) => a - b);
  const out: [number, number[]][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1].length === n) last[1].push(n);
    else out.push([n, [n]]);
  }
  return out;
}

function bytesFor(n: number): number {
  let w = 1;
  while (n >= 256 ** w) w++;
  return Math.max(w, 2);
}
