// PdfObj (the document model's decoded values) → PDF syntax, for the few objects an incremental update rewrites
// (catalog, page, /AcroForm, /Fields, /Annots, /Perms). Values are written from their decoded form, never copied as
// raw bytes: what is written is exactly what the document model — and so the verifier — read. Streams are never
// rewritten by the signer, so a stream here is a programming error.
import { UnsupportedError } from '../../errors.js';
import type { PdfObj } from '../document/types.js';
import { pdfName } from './pdf-syntax.js';

/** Deepest nesting written (the document model already bounds what it parses). */
const MAX_DEPTH = 128;

/** The PDF syntax of `o` (latin-1: one character per byte). Throws UnsupportedError for streams or too deep values. */
export function serializeObj(o: PdfObj): string {
  const parts: string[] = [];
  write(o, parts, 0);
  return parts.join('');
}

function write(o: PdfObj, out: string[], depth: number): void {
  if (depth > MAX_DEPTH) throw new UnsupportedError('an object to rewrite is nested too deeply');
  switch (o.t) {
    case 'null':
      out.push('null');
      return;
    case 'bool':
      out.push(o.v ? 'true' : 'false');
      return;
    case 'num':
      out.push(o.int && Number.isSafeInteger(o.v) ? String(o.v) : pdfRealNumber(o.v));
      return;
    case 'name':
      out.push(pdfNameLatin1(o.v));
      return;
    case 'str':
      out.push(o.hex ? pdfHexString(o.v) : pdfLiteralString(o.v));
      return;
    case 'ref':
      out.push(`${o.num} ${o.gen} R`);
      return;
    case 'array':
      out.push('[');
      o.v.forEach((v, i) => {
        if (i > 0) out.push(' ');
        write(v, out, depth + 1);
      });
      out.push(']');
      return;
    case 'dict':
      out.push('<<');
      for (const [k, v] of o.v) {
        out.push(pdfNameLatin1(k), ' ');
        write(v, out, depth + 1);
        out.push(' ');
      }
      out.push('>>');
      return;
    case 'stream':
      throw new UnsupportedError('the signer does not rewrite streams');
  }
}

/** A real without exponent; reals the document model read keep up to 10 decimals (precision a reader can rely on). */
export function pdfRealNumber(n: number): string {
  if (!Number.isFinite(n)) return '0';
  // Integral values (every double ≥ 2^53 is one) exactly, without the exponent toFixed uses from 1e21.
  if (Number.isInteger(n)) return BigInt(n).toString();
  const s = n.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/**
 * A name whose decoded value is `name` — the document model decodes #xx escapes into latin-1 characters (one per
 * byte), so each character is one byte; characters above U+00FF (never produced by the parser) go as UTF-8.
 */
export function pdfNameLatin1(name: string): string {
  let bytes: Uint8Array;
  if (/^[\x00-\xff]*$/.test(name)) bytes = Buffer.from(name, 'latin1');
  else return pdfName(name);
  let out = '/';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += b > 0x20 && b < 0x7f && !'#/()<>[]{}%'.includes(c) ? c : `#${b.toString(16).padStart(2, '0').toUpperCase()}`;
  }
  return out;
}

export function pdfHexString(b: Uint8Array): string {
  return `<${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex').toUpperCase()}>`;
}

/** A literal string: \ ( ) escaped, bytes outside printable ASCII as octal (so EOLs and NULs survive exactly). */
export function pdfLiteralString(b: Uint8Array): string {
  let out = '(';
  for (const c of b) {
    if (c === 0x5c || c === 0x28 || c === 0x29) out += `\\${String.fromCharCode(c)}`;
    else if (c >= 0x20 && c < 0x7f) out += String.fromCharCode(c);
    else out += `\\${c.toString(8).padStart(3, '0')}`;
  }
  return `${out})`;
}
