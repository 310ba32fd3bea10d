// The part of a CFF font (the 'CFF ' table) a PDF CIDFontType0 needs: the font name, whether it is CID-keyed (ROS),
// and the charset, which maps glyph index → CID. hb-subset renumbers glyphs but keeps each glyph's ORIGINAL CID in
// the charset, and a PDF viewer selects a CID-keyed CFF glyph by CID, so text is written as CIDs, not glyph ids.
// Everything is bounds-checked: FormatError on a malformed table.
import { FormatError } from '../errors.js';

export interface CffInfo {
  /** The first (only) name of the Name INDEX: the PostScript name. */
  name: string;
  /** ROS present: registry, ordering, supplement (strings resolved). */
  ros?: { registry: string; ordering: string; supplement: number };
  /** Number of glyphs (CharStrings INDEX count). */
  glyphCount: number;
  /** glyph index → CID (for a name-keyed font: → SID). Index 0 is .notdef (0). */
  charset: Uint32Array;
}

interface Index {
  count: number;
  /** Absolute [start, end) of each item. */
  items: Array<[number, number]>;
  end: number;
}

function readIndex(b: Uint8Array, at: number): Index {
  const need = (n: number) => {
    if (at + n > b.length) throw new FormatError('CFF: INDEX runs off the end');
  };
  need(2);
  const count = (b[at]! << 8) | b[at + 1]!;
  if (count === 0) return { count, items: [], end: at + 2 };
  need(3);
  const offSize = b[at + 2]!;
  if (offSize < 1 || offSize > 4) throw new FormatError('CFF: bad INDEX offSize');
  need(3 + (count + 1) * offSize);
  const off = (i: number) => {
    let v = 0;
    for (let k = 0; k < offSize; k++) v = v * 256 + b[at + 3 + i * offSize + k]!;
    return v;
  };
  const base = at + 2 + (count + 1) * offSize; // offsets count from the byte before the data
  const items: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    const s = base + off(i);
    const e = base + off(i + 1);
    if (s > e || e > b.length) throw new FormatError('CFF: INDEX item runs off the end');
    items.push([s, e]);
  }
  return { count, items, end: base + off(count) };
}

/** DICT operator (12 x → 1200 + x) → operands. Reals are read but not needed exactly. */
function readDict(b: Uint8Array, start: number, end: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  let ops: number[] = [];
  let i = start;
  while (i < end) {
    const b0 = b[i]!;
    if (b0 <= 21) {
      let op = b0;
      if (b0 === 12) {
        if (i + 1 >= end) throw new FormatError('CFF: truncated DICT operator');
        op = 1200 + b[i + 1]!;
        i++;
      }
      out.set(op, ops);
      ops = [];
      i++;
    } else if (b0 === 28) {
      if (i + 2 >= end) throw new FormatError('CFF: truncated DICT operand');
      ops.push(((b[i + 1]! << 8) | b[i + 2]!) << 16 >> 16);
      i += 3;
    } else if (b0 === 29) {
      if (i + 4 >= end) throw new FormatError('CFF: truncated DICT operand');
      ops.push((b[i + 1]! << 24) | (b[i + 2]! << 16) | (b[i + 3]! << 8) | b[i + 4]!);
      i += 5;
    } else if (b0 === 30) {
      // Real number: nibbles up to 0xf. Its value is not needed here.
      i++;
      while (i < end && (b[i]! & 0x0f) !== 0x0f && (b[i]! & 0xf0) !== 0xf0) i++;
      i++;
      ops.push(0);
    } else if (b0 >= 32 && b0 <= 246) {
      ops.push(b0 - 139);
      i++;
    } else if (b0 >= 247 && b0 <= 250) {
      if (i + 1 >= end) throw new FormatError('CFF: truncated DICT operand');
      ops.push((b0 - 247) * 256 + b[i + 1]! + 108);
      i += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      if (i + 1 >= end) throw new FormatError('CFF: truncated DICT operand');
      ops.push(-(b0 - 251) * 256 - b[i + 1]! - 108);
      i += 2;
    } else {
      throw new FormatError(`CFF: bad DICT byte ${b0}`);
    }
    if (ops.length > 48) throw new FormatError('CFF: too many DICT operands');
  }
  return out;
}

function readCharset(b: Uint8Array, at: number, nGlyphs: number): Uint32Array {
  const cs = new Uint32Array(nGlyphs);
  if (at + 1 > b.length) throw new FormatError('CFF: charset runs off the end');
  const format = b[at]!;
  let p = at + 1;
  const u16 = () => {
    if (p + 2 > b.length) throw new FormatError('CFF: charset runs off the end');
    const v = (b[p]! << 8) | b[p + 1]!;
    p += 2;
    return v;
  };
  if (format === 0) {
    for (let g = 1; g < nGlyphs; g++) cs[g] = u16();
  } else if (format === 1 || format === 2) {
    let g = 1;
    while (g < nGlyphs) {
      const first = u16();
      let nLeft: number;
      if (format === 1) {
        if (p >= b.length) throw new FormatError('CFF: charset runs off the end');
        nLeft = b[p++]!;
      } else nLeft = u16();
      for (let k = 0; k <= nLeft && g < nGlyphs; k++) cs[g++] = first + k;
    }
  } else throw new FormatError(`CFF: unknown charset format ${format}`);
  return cs;
}

/** Read name, ROS and charset of a CFF (version 1) table. Throws FormatError. */
export function readCff(cff: Uint8Array): CffInfo {
  if (cff.length < 4 || cff[0] !== 1) throw new FormatError('CFF: not a CFF version 1 table');
  const names = readIndex(cff, cff[2]!);
  const tops = readIndex(cff, names.end);
  const strings = readIndex(cff, tops.end);
  const [n0, n1] = names.items[0] ?? [0, 0];
  const [t0, t1] = tops.items[0] ?? [0, 0];
  if (names.count !== 1 || tops.count !== 1) throw new FormatError('CFF: expected exactly one font');
  const name = new TextDecoder('latin1').decode(cff.subarray(n0, n1));
  const top = readDict(cff, t0, t1);
  const str = (sid: number): string => {
    // Standard strings (SID < 391) are never registry or ordering names; shown as "#<sid>".
    if (sid < 391) return `#${sid}`;
    const it = strings.items[sid - 391];
    return it ? new TextDecoder('latin1').decode(cff.subarray(it[0], it[1])) : `#${sid}`;
  };
  const csOff = top.get(17)?.[0];
  if (csOff === undefined || csOff <= 0 || csOff >= cff.length) throw new FormatError('CFF: no CharStrings');
  const glyphCount = readIndex(cff, csOff).count;
  if (glyphCount === 0) throw new FormatError('CFF: no glyphs');
  const charsetOff = top.get(15)?.[0] ?? 0;
  // Offsets 0..2 name the predefined (name-keyed) charsets; a CID font always has its own.
  const charset = charsetOff > 2 ? readCharset(cff, charsetOff, glyphCount) : new Uint32Array(glyphCount).map((_, i) => i);
  const ros = top.get(1230);
  return {
    name,
    ...(ros && ros.length === 3 ? { ros: { registry: str(ros[0]!), ordering: str(ros[1]!), supplement: ros[2]! } } : {}),
    glyphCount,
    charset,
  };
}
