// ToUnicode CMaps (ISO 32000-1 9.10.3, Adobe TN 5014/5411): codespace ranges split a shown string into codes,
// bfchar/bfrange map codes to UTF-16BE text. Bounded (stream size, mappings); ranges are kept as ranges, never
// expanded, and looked up by binary search, so a hostile CMap costs at most its own size.
import { scanContent, type Operand } from './content-lexer.js';
import { MAX_CMAP_BYTES, MAX_CMAP_ENTRIES } from './limits.js';

interface Codespace {
  len: number;
  lo: number[];
  hi: number[];
}

interface Range {
  len: number;
  lo: number;
  hi: number;
  /** The text of `lo` (later codes increment its last UTF-16 unit), or one text per code. */
  dst: string | string[];
}

export interface ToUnicode {
  /** The text of a shown string: codes as the codespace splits them, each mapped (unmapped → U+FFFD). */
  decode(bytes: Uint8Array): string;
  /** Mappings read (bfchar entries + bfrange ranges). */
  readonly entries: number;
}

const MAX_CODESPACES = 100;

function utf16be(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
  if (b.length % 2 === 1) s += String.fromCharCode(b[b.length - 1]! << 8);
  return s;
}

function codeOf(b: Uint8Array, at = 0, len = b.length): number {
  let v = 0;
  for (let i = 0; i < len; i++) v = v * 256 + b[at + i]!;
  return v;
}

const key = (len: number, code: number): number => len * 2 ** 32 + code;

class CMapTable implements ToUnicode {
  readonly codespaces: Codespace[] = [];
  readonly chars = new Map<number, string>();
  readonly ranges: Range[] = [];
  /** Code length when no codespace matches (the font kind's default). */
  constructor(readonly fallbackLength: number) {}

  get entries(): number {
    return this.chars.size + this.ranges.length;
  }

  seal(): void {
    this.ranges.sort((a, b) => a.len - b.len || a.lo - b.lo);
  }

  #lengthAt(b: Uint8Array, p: number): number {
    if (this.codespaces.length === 0) return this.fallbackLength;
    for (const cs of this.codespaces) {
      if (p + cs.len > b.length) continue;
      let ok = true;
      for (let i = 0; i < cs.len && ok; i++) ok = b[p + i]! >= cs.lo[i]! && b[p + i]! <= cs.hi[i]!;
      if (ok) return cs.len;
    }
    // No codespace matches: take the shortest one's length (what viewers do for invalid codes).
    return Math.min(...this.codespaces.map((c) => c.len));
  }

  #lookup(len: number, code: number): string | undefined {
    const c = this.chars.get(key(len, code));
    if (c !== undefined) return c;
    const r = this.ranges;
    let lo = 0;
    let hi = r.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = r[mid]!;
      if (m.len < len || (m.len === len && m.hi < code)) lo = mid + 1;
      else if (m.len > len || m.lo > code) hi = mid - 1;
      else {
        const off = code - m.lo;
        if (Array.isArray(m.dst)) return m.dst[off];
        if (m.dst.length === 0) return undefined;
        const last = m.dst.charCodeAt(m.dst.length - 1) + off;
        return m.dst.slice(0, -1) + String.fromCharCode(last & 0xffff);
      }
    }
    return undefined;
  }

  decode(b: Uint8Array): string {
    let s = '';
    for (let p = 0; p < b.length; ) {
      const len = Math.max(1, this.#lengthAt(b, p));
      const take = Math.min(len, b.length - p);
      s += this.#lookup(take, codeOf(b, p, take)) ?? '\uFFFD';
      p += take;
    }
    return s;
  }
}

/**
 * Read a ToUnicode CMap stream. `fallbackLength`: bytes per code when the CMap has no codespace ranges (2 for Type0
 * Identity fonts, 1 for simple fonts). Never throws; what was cut short is in `problems`.
 */
export function parseToUnicode(data: Uint8Array, fallbackLength: number): { cmap: ToUnicode; problems: string[] } {
  const table = new CMapTable(fallbackLength);
  const problems: string[] = [];
  if (data.length > MAX_CMAP_BYTES) {
    problems.push(`ToUnicode CMap of ${data.length} bytes exceeds ${MAX_CMAP_BYTES}; not read`);
    return { cmap: table, problems };
  }
  const str = (o: Operand | undefined): Uint8Array | undefined => (o?.t === 'str' ? o.v : undefined);
  let full = false;
  const r = scanContent(
    data,
    (op, args) => {
      if (op === 'endcodespacerange') {
        for (let i = 0; i + 1 < args.length; i += 2) {
          const lo = str(args[i]);
          const hi = str(args[i + 1]);
          if (!lo || !hi || lo.length !== hi.length || lo.length < 1 || lo.length > 4) continue;
          if (table.codespaces.length >= MAX_CODESPACES) break;
          table.codespaces.push({ len: lo.length, lo: [...lo], hi: [...hi] });
        }
      } else if (op === 'endbfchar') {
        for (let i = 0; i + 1 < args.length; i += 2) {
          const src = str(args[i]);
          const dst = str(args[i + 1]);
          if (!src || !dst || src.length < 1 || src.length > 4) continue;
          if (table.entries >= MAX_CMAP_ENTRIES) {
            full = true;
            return false;
          }
          table.chars.set(key(src.length, codeOf(src)), utf16be(dst));
        }
      } else if (op === 'endbfrange') {
        for (let i = 0; i + 2 < args.length; i += 3) {
          const lo = str(args[i]);
          const hi = str(args[i + 1]);
          const d = args[i + 2];
          if (!lo || !hi || lo.length !== hi.length || lo.length < 1 || lo.length > 4) continue;
          const a = codeOf(lo);
          const b = codeOf(hi);
          if (b < a) continue;
          if (table.entries >= MAX_CMAP_ENTRIES) {
            full = true;
            return false;
          }
          if (d?.t === 'str') table.ranges.push({ len: lo.length, lo: a, hi: b, dst: utf16be(d.v) });
          else if (d?.t === 'array') {
            const list = d.v.slice(0, b - a + 1).map((x) => (x.t === 'str' ? utf16be(x.v) : '\uFFFD'));
            table.ranges.push({ len: lo.length, lo: a, hi: a + list.length - 1, dst: list });
          }
        }
      } else if (op === 'usecmap') {
        const base = args[0]?.t === 'name' ? args[0].v : '?';
        problems.push(`ToUnicode CMap uses the CMap ${base}, which is not read`);
      }
      return true;
    },
    { budget: { operators: 100_000 }, maxOperands: MAX_CMAP_ENTRIES * 3 + 16, maxDepth: 8 },
  );
  if (full) problems.push(`ToUnicode CMap has more than ${MAX_CMAP_ENTRIES} mappings; the rest are ignored`);
  else if (r.stopped) problems.push(`ToUnicode CMap read only in part: ${r.stopped}`);
  table.seal();
  return { cmap: table, problems };
}
