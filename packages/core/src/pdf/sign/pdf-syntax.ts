// Small writers for PDF syntax in new objects: text strings, dates, names, numbers.

/**
 * A PDF text string (ISO 32000-1 §7.9.2.2): PDFDocEncoding bytes when printable ASCII, else UTF-16BE with BOM.
 * `hex` (the signer's choice for every caller-chosen text): always a hex string, so the bytes written hold only hex
 * digits — no delimiter, keyword or `/Contents <` that a byte scan could mistake for structure. Otherwise a literal
 * string for printable ASCII (\ ( ) escaped).
 */
export function pdfTextString(s: string, hex = false): string {
  const ascii = /^[\x20-\x7e]*$/.test(s);
  if (ascii && !hex) return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  if (ascii) return `<${Buffer.from(s, 'latin1').toString('hex').toUpperCase()}>`;
  const units: string[] = ['FEFF'];
  for (let i = 0; i < s.length; i++) units.push(s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase());
  return `<${units.join('')}>`;
}

/** `D:YYYYMMDDHHmmSSZ` in UTC (ISO 32000-1 §7.9.4). */
export function pdfDateString(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `(D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

/** A name object from any string: bytes outside the regular printable range are #xx escaped (§7.3.5). */
export function pdfName(s: string): string {
  let out = '/';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += b > 0x20 && b < 0x7f && !'#/()<>[]{}%'.includes(c) ? c : `#${b.toString(16).padStart(2, '0').toUpperCase()}`;
  }
  return out;
}

/** A real number with at most 4 decimals and no exponent. */
export function pdfNumber(n: number): string {
  if (!Number.isFinite(n)) return '0';
  const r = Math.round(n * 10_000) / 10_000;
  return Object.is(r, -0) ? '0' : String(r).includes('e') ? r.toFixed(4) : String(r);
}

export const ref = (num: number, gen = 0): string => `${num} ${gen} R`;
