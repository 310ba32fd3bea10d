// Text and numbers as the writer puts them into XML parts. Strings are escaped for both element content and
// attribute values (tab, CR and LF as character references, so no parser normalises them away); characters XML 1.0
// cannot hold and unpaired surrogates (which UTF-8 cannot encode) are refused rather than dropped or replaced, so
// what is written is exactly what was asked. Lengths are measured in µm integers so positions add up exactly.
import { FormatError, LimitError } from '../../errors.js';
import { OFD_WRITE_LIMITS } from './limits.js';

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Throw FormatError when `s` holds characters an XML 1.0 part cannot carry. `what` names the field. */
export function checkXmlChars(s: string, what: string): void {
  if (typeof s !== 'string') throw new FormatError(`${what} is not a string`);
  const bad = NOT_XML.exec(s);
  if (bad) throw new FormatError(`${what} contains the character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which XML 1.0 cannot hold`);
  if (LONE_SURROGATE.test(s)) throw new FormatError(`${what} contains an unpaired surrogate (not a character)`);
}

/** `s` escaped for element content or an attribute value, after `checkXmlChars`. */
export function xmlText(s: string, what: string, maxChars: number = OFD_WRITE_LIMITS.maxStringChars): string {
  checkXmlChars(s, what);
  if (s.length > maxChars) throw new LimitError(`${what} has ${s.length} characters, over the limit of ${maxChars}`);
  return s.replace(/[&<>"'\t\n\r]/g, (c) => ESCAPES[c]!);
}

/** A finite number within the coordinate limit, or FormatError/LimitError. */
export function checkMm(v: number, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new FormatError(`${what} is not a finite number`);
  if (Math.abs(v) > OFD_WRITE_LIMITS.maxCoordinateMm) throw new LimitError(`${what} = ${v} mm is beyond ±${OFD_WRITE_LIMITS.maxCoordinateMm} mm`);
  return v;
}

/** A positive length (> 0), checked as `checkMm`. */
export function checkPositiveMm(v: number, what: string): number {
  checkMm(v, what);
  if (v <= 0) throw new FormatError(`${what} = ${v} mm is not positive`);
  return v;
}

/** mm → integer µm. */
export function um(mm: number): number {
  return Math.round(mm * 1000);
}

/** Integer µm as a decimal mm string: at most 3 decimals, no exponent, no "-0". */
export function fmtUm(n: number): string {
  const a = Math.abs(n);
  const int = Math.floor(a / 1000);
  const frac = a % 1000;
  const s = frac === 0 ? String(int) : `${int}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
  return n < 0 && s !== '0' ? `-${s}` : s;
}

/** mm as written: rounded to µm. */
export function fmtMm(mm: number): string {
  return fmtUm(um(mm));
}

/** An ST_Box "x y w h" from µm integers. */
export function boxUm(x: number, y: number, w: number, h: number): string {
  return `${fmtUm(x)} ${fmtUm(y)} ${fmtUm(w)} ${fmtUm(h)}`;
}

/** A colour (components 0..1) as a CT_Color Value "r g b" (0..255). */
export function rgbValue(c: readonly number[], what: string): string {
  if (!Array.isArray(c) || c.length !== 3) throw new FormatError(`${what} is not an [r, g, b] triple`);
  return c
    .map((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) throw new FormatError(`${what}[${i}] = ${String(v)} is not within 0..1`);
      return String(Math.round(v * 255));
    })
    .join(' ');
}
