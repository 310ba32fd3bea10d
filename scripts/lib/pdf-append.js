// Byte-level tools for the PDF attack fixtures (scripts/make-pdf-attacks.js): an incremental-update appender (objects +
// xref table + trailer with /Prev + startxref + %%EOF, the input bytes untouched), same-length in-place patches, a
// PdfObj serialiser and helpers that find objects through the document model of the BUILT core. No pdf-lib save():
// rewriting the whole file would not be an attack on incremental updates.
import { openPdf } from '../../packages/core/dist/pdf/document/index.js';
import { findSignatureDicts } from '../../packages/core/dist/pdf/index.js';
import { serializeObj } from '../../packages/core/dist/pdf/sign/serialize.js';

export const latin1 = (s) => Buffer.from(s, 'latin1');
export const text = (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** Open with the core document model (throws when the file is not one of ours). */
export const open = (pdf) => openPdf(pdf);

/**
 * Serialise a PdfObj (document/types.ts) back to PDF syntax with the signer's serializer; streams (which the signer
 * never rewrites) with their raw (encoded) data and a corrected /Length.
 */
export function ser(o, doc) {
  if (o.t !== 'stream') return latin1(serializeObj(o));
  const raw = doc.streamData(o, false);
  const dict = new Map(o.dict);
  dict.set('Length', { t: 'num', v: raw.length, int: true });
  return Buffer.concat([latin1(serializeObj({ t: 'dict', v: dict })), latin1('\nstream\n'), Buffer.from(raw), latin1('\nendstream')]);
}

/** A stream object body from a dictionary text (without << >>) and data. */
export const streamBody = (dictEntries, data) => {
  const d = typeof data === 'string' ? latin1(data) : Buffer.from(data);
  return Buffer.concat([latin1(`<< ${dictEntries} /Length ${d.length} >>\nstream\n`), d, latin1('\nendstream')]);
};

/** The last revision's trailer values and xref offset, and the next free object number. */
export function tailOf(pdf) {
  const doc = open(pdf);
  const last = doc.revisions.at(-1);
  const size = last.trailer.get('Size');
  return { doc, last, size: size?.t === 'num' ? size.v : 0 };
}

/**
 * Append ONE incremental update: `objects` ({num, gen?, body: string|Buffer}), an xref table (subsections by runs of
 * numbers) whose /Prev is the current last xref section, a trailer carrying /Root /Info /ID (`trailer` entries added
 * or overriding, as PDF text), startxref, %%EOF. Returns the new bytes and each object's offset.
 */
export function appendUpdate(pdf, objects, { trailer = {}, prev } = {}) {
  const { doc, last, size } = tailOf(pdf);
  const parts = [Buffer.from(pdf)];
  let pos = pdf.length;
  const push = (b) => {
    parts.push(b);
    pos += b.length;
  };
  if (pdf[pdf.length - 1] !== 0x0a && pdf[pdf.length - 1] !== 0x0d) push(latin1('\n'));
  const offsets = new Map();
  for (const o of objects) {
    offsets.set(o.num, { offset: pos, gen: o.gen ?? 0 });
    push(latin1(`${o.num} ${o.gen ?? 0} obj\n`));
    push(typeof o.body === 'string' ? latin1(o.body) : Buffer.from(o.body));
    push(latin1('\nendobj\n'));
  }
  const xrefAt = pos;
  push(latin1(xrefTable(offsets)));
  const entries = new Map();
  for (const k of ['Root', 'Info', 'ID']) if (last.trailer.has(k)) entries.set(k, text(ser(last.trailer.get(k), doc)));
  const maxNum = Math.max(0, ...objects.map((o) => o.num));
  entries.set('Size', String(Math.max(size, maxNum + 1)));
  entries.set('Prev', String(prev ?? last.xrefOffset));
  for (const [k, v] of Object.entries(trailer)) entries.set(k, v);
  push(latin1(`trailer\n<< ${[...entries].map(([k, v]) => `/${k} ${v}`).join(' ')} >>\nstartxref\n${xrefAt}\n%%EOF\n`));
  return { bytes: Buffer.concat(parts), offsets, xrefAt };
}

/** An xref table for `offsets` (num → {offset, gen}): subsections of consecutive numbers, 20-byte entries. */
export function xrefTable(offsets) {
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  let out = 'xref\n';
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j] + 1) j++;
    out += `${nums[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const e = offsets.get(nums[k]);
      out += e.free ? `0000000000 65535 f\r\n` : `${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`;
    }
    i = j + 1;
  }
  return out;
}

/** Replace bytes [start, end) by `replacement`, padded with spaces to the same length (offsets stay valid). */
export function patch(pdf, start, end, replacement) {
  const r = latin1(replacement);
  if (r.length > end - start) throw new Error(`patch: ${r.length} bytes do not fit in ${end - start}`);
  const out = Buffer.from(pdf);
  out.fill(0x20, start, end);
  r.copy(out, start);
  return out;
}

/** The signature dictionaries of a file, by byte scan (core `findSignatureDicts`), in file order. */
export const signatureDicts = (pdf) => findSignatureDicts(pdf).signatures.sort((a, b) => a.start - b.start);

/** Total length of the DER element at the start of `b` (definite lengths only). */
export function derLength(b) {
  const l = b[1];
  if (l < 0x80) return 2 + l;
  const n = l & 0x7f;
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + b[2 + i];
  return 2 + n + v;
}

/** Object `num` as of the last revision, as a PdfObj (throws when absent). */
export function object(doc, num) {
  const o = doc.getObject(num);
  if (!o) throw new Error(`object ${num} not found`);
  return o;
}

/** A copy of a dictionary PdfObj's map with `changes` (key → PdfObj, or undefined to delete). */
export function withEntries(map, changes) {
  const m = new Map(map);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) m.delete(k);
    else m.set(k, v);
  }
  return m;
}

export const ref = (num, gen = 0) => ({ t: 'ref', num, gen });
export const str = (s) => ({ t: 'str', v: latin1(s), hex: false });
export const nm = (v) => ({ t: 'name', v });
export const arr = (v) => ({ t: 'array', v });
export const n = (v) => ({ t: 'num', v, int: Number.isInteger(v) });
