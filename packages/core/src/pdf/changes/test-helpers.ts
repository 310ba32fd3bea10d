// Test-only: write small classic-xref PDFs and append incremental updates (new objects, an xref section with /Prev,
// trailer, startxref, %%EOF) — the shape every signing tool produces, with nothing hidden.
/** Bodies are latin1 strings, so binary stream data (e.g. deflate output) round-trips byte for byte. */
const enc = { encode: (s: string): Uint8Array => Buffer.from(s, 'latin1') };

export type ObjectBodies = Record<number, string | null>;

/** `<< dict /Length n >> stream … endstream` with the length computed. */
export function stream(dict: string, data: string): string {
  return `<< ${dict} /Length ${enc.encode(data).length} >>\nstream\n${data}\nendstream`;
}

function section(startOffset: number, objs: ObjectBodies): { body: string; entries: Map<number, number | null> } {
  let body = '';
  const entries = new Map<number, number | null>();
  for (const [k, v] of Object.entries(objs)) {
    const num = Number(k);
    if (v === null) {
      entries.set(num, null);
      continue;
    }
    entries.set(num, startOffset + enc.encode(body).length);
    body += `${num} 0 obj\n${v}\nendobj\n`;
  }
  return { body, entries };
}

function xrefTable(entries: Map<number, number | null>, withZero: boolean): string {
  const nums = [...entries.keys()].sort((a, b) => a - b);
  let out = 'xref\n';
  if (withZero) out += '0 1\n0000000000 65535 f \n';
  for (const n of nums) {
    const off = entries.get(n);
    out += `${n} 1\n${off === null || off === undefined ? '0000000000 00001 f ' : `${String(off).padStart(10, '0')} 00000 n `}\n`;
  }
  return out;
}

export interface TrailerOptions {
  root: number;
  info?: number;
  /** Extra trailer entries, e.g. '/Encrypt 9 0 R'. */
  extra?: string;
}

/** A whole single-revision PDF. */
export function buildPdf(objs: ObjectBodies, t: TrailerOptions): Uint8Array {
  const head = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const headLen = enc.encode(head).length;
  const { body, entries } = section(headLen, objs);
  const xrefAt = headLen + enc.encode(body).length;
  const size = Math.max(0, ...Object.keys(objs).map(Number)) + 1;
  const tail = `${xrefTable(entries, true)}trailer\n<< /Size ${size} /Root ${t.root} 0 R${t.info ? ` /Info ${t.info} 0 R` : ''}${t.extra ? ` ${t.extra}` : ''} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return concat(enc.encode(head), enc.encode(body), enc.encode(tail));
}

/** Append one incremental update; `null` bodies free the object. */
export function appendUpdate(pdf: Uint8Array, objs: ObjectBodies, t: TrailerOptions): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!m) throw new Error('appendUpdate: no startxref at the end');
  const prev = Number(m[1]);
  const sizeMatch = [...text.matchAll(/\/Size\s+(\d+)/g)].pop();
  const oldSize = sizeMatch ? Number(sizeMatch[1]) : 0;
  const { body, entries } = section(pdf.length, objs);
  const xrefAt = pdf.length + enc.encode(body).length;
  const size = Math.max(oldSize, ...Object.keys(objs).map((k) => Number(k) + 1));
  const tail = `${xrefTable(entries, false)}trailer\n<< /Size ${size} /Root ${t.root} 0 R${t.info ? ` /Info ${t.info} 0 R` : ''}${t.extra ? ` ${t.extra}` : ''} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return concat(pdf, enc.encode(body), enc.encode(tail));
}

/**
 * A /ByteRange placeholder for hand-made signature dictionaries: `endByteRanges` makes it end where the revision
 * holding it ends (the change analysis takes a field value for a signature only when its /ByteRange could sign the
 * revision that added it; the CMS itself is not made — these PDFs test the change rules, not cryptography).
 */
export const BYTE_RANGE_TO_END = '/ByteRange [0 1 2 3]                  ';

/** Every BYTE_RANGE_TO_END at or after `from` rewritten (same length) to end at the end of `pdf`. */
export function endByteRanges(pdf: Uint8Array, from = 0): Uint8Array {
  const out = new Uint8Array(pdf);
  const b = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  const marker = Buffer.from(BYTE_RANGE_TO_END, 'latin1');
  for (let at = b.indexOf(marker, from); at >= 0; at = b.indexOf(marker, at + marker.length)) {
    const fixed = `/ByteRange [0 1 2 ${pdf.length - 2}]`.padEnd(marker.length, ' ');
    b.write(fixed, at, 'latin1');
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
