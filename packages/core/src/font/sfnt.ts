// The OpenType (sfnt) table directory: where each table is. Only what the subsetter's output and the shipped font
// need; a font we did not make or ship is still read with bounds checks (FormatError), never trusted.
import { FormatError } from '../errors.js';

export interface SfntTable {
  offset: number;
  length: number;
}

/** Table tag → location. Throws FormatError when the directory is not an OpenType/TrueType one or runs off the end. */
export function sfntTables(font: Uint8Array): Map<string, SfntTable> {
  if (font.length < 12) throw new FormatError('font: too short for an sfnt header');
  const dv = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const version = dv.getUint32(0);
  // 'OTTO' (CFF outlines) or 0x00010000 / 'true' (TrueType outlines).
  if (version !== 0x4f54544f && version !== 0x00010000 && version !== 0x74727565) throw new FormatError('font: not an OpenType font');
  const n = dv.getUint16(4);
  if (12 + n * 16 > font.length) throw new FormatError('font: table directory runs off the end');
  const tables = new Map<string, SfntTable>();
  for (let i = 0; i < n; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(font[at]!, font[at + 1]!, font[at + 2]!, font[at + 3]!);
    const offset = dv.getUint32(at + 8);
    const length = dv.getUint32(at + 12);
    if (offset + length > font.length) throw new FormatError(`font: table ${tag} runs off the end`);
    tables.set(tag, { offset, length });
  }
  return tables;
}

/** The bytes of one table (a view), or undefined when the font has none. */
export function sfntTable(font: Uint8Array, tag: string, tables: Map<string, SfntTable> = sfntTables(font)): Uint8Array | undefined {
  const t = tables.get(tag);
  return t && font.subarray(t.offset, t.offset + t.length);
}

/** A table that must be there (FormatError otherwise), at least `min` bytes long. */
export function requiredTable(font: Uint8Array, tables: Map<string, SfntTable>, tag: string, min: number): DataView {
  const t = sfntTable(font, tag, tables);
  if (!t || t.length < min) throw new FormatError(`font: no usable ${tag} table`);
  return new DataView(t.buffer, t.byteOffset, t.byteLength);
}
