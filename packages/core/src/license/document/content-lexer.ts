// A bounded tokenizer for PDF content streams (ISO 32000-1 7.8.2) and the PostScript-like syntax of CMap streams:
// operands (numbers, names, strings, arrays, dictionaries) collected until an operator, which is handed to the
// caller with them. Inline images (BI … ID <binary> EI) are skipped so their bytes are never read as operators.
// Never throws; hostile input ends the scan early with `stopped` saying why.

export type Operand =
  | { k: 'num'; v: number }
  | { k: 'name'; v: string }
  | { k: 'str'; v: Uint8Array }
  | { k: 'arr'; v: Operand[] }
  | { k: 'dict'; v: Map<string, Operand> }
  | { k: 'bool'; v: boolean }
  | { k: 'null' };

export interface ScanLimits {
  /** Operators handed to the caller (shared by every scan that uses the same budget object). */
  budget: { operators: number };
  /** Operands (array elements included) waiting for one operator. */
  maxOperands: number;
  /** Array / dictionary nesting. */
  maxDepth: number;
}

export interface ScanResult {
  /** Why the scan ended before the data did ('operator limit', 'operand limit', 'nesting limit', 'stopped by caller'). */
  stopped?: string;
}

const WS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX['0123456789abcdef'.charCodeAt(i)] = i;
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
}

function regular(c: number): boolean {
  return WS[c] === 0 && DELIM[c] === 0;
}

class Stop extends Error {}

/**
 * Tokenize `data`, calling `onOp(operator, operands)` for each operator (operands in order). `onOp` returning false
 * stops the scan. Numbers that do not parse are 0, unknown keywords are operators (the caller ignores them).
 */
export function scanContent(data: Uint8Array, onOp: (op: string, operands: Operand[]) => boolean | void, limits: ScanLimits): ScanResult {
  const n = data.length;
  let p = 0;
  let count = 0; // operands (nested elements included) since the last operator

  const skipWs = (): void => {
    for (;;) {
      while (p < n && WS[data[p]!] === 1) p++;
      if (p < n && data[p] === 0x25) {
        while (p < n && data[p] !== 0x0a && data[p] !== 0x0d) p++;
        continue;
      }
      return;
    }
  };

  const word = (): string => {
    const s = p;
    while (p < n && regular(data[p]!)) p++;
    return Buffer.from(data.buffer, data.byteOffset + s, p - s).toString('latin1');
  };

  const name = (): string => {
    p++; // '/'
    const s = p;
    while (p < n && regular(data[p]!)) p++;
    let out = '';
    for (let i = s; i < p; i++) {
      const c = data[i]!;
      if (c === 0x23 && i + 2 < p && HEX[data[i + 1]!]! >= 0 && HEX[data[i + 2]!]! >= 0) {
        out += String.fromCharCode(HEX[data[i + 1]!]! * 16 + HEX[data[i + 2]!]!);
        i += 2;
      } else out += String.fromCharCode(c);
    }
    return out;
  };

  const hexString = (): Uint8Array => {
    p++; // '<'
    const out: number[] = [];
    let hi = -1;
    while (p < n && data[p] !== 0x3e) {
      const h = HEX[data[p++]!]!;
      if (h < 0) continue;
      if (hi < 0) hi = h;
      else {
        out.push(hi * 16 + h);
        hi = -1;
      }
    }
    if (hi >= 0) out.push(hi * 16);
    p++; // '>'
    return Uint8Array.from(out);
  };

  const literalString = (): Uint8Array => {
    p++; // '('
    const out: number[] = [];
    let depth = 1;
    while (p < n) {
      const c = data[p++]!;
      if (c === 0x5c) {
        if (p >= n) break;
        const e = data[p++]!;
        if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && p < n && data[p]! >= 0x30 && data[p]! <= 0x37; k++) v = v * 8 + (data[p++]! - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (data[p] === 0x0a) p++; // line continuation
        } else if (e !== 0x0a) {
          const map: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };
          out.push(map[e] ?? e);
        }
        continue;
      }
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) break;
      if (c === 0x0d) {
        if (data[p] === 0x0a) p++;
        out.push(0x0a);
        continue;
      }
      out.push(c);
    }
    return Uint8Array.from(out);
  };

  const number = (w: string): Operand => {
    const v = Number(w);
    return { k: 'num', v: Number.isFinite(v) ? v : 0 };
  };

  const bump = (): void => {
    if (++count > limits.maxOperands) throw new Stop('operand limit');
  };

  // One operand (or undefined when an operator word was read instead: returned through `opWord`).
  let opWord: string | undefined;
  const value = (depth: number): Operand | undefined => {
    skipWs();
    // Stray delimiters (a lone ']', '>', ')', braces) are skipped.
    while (p < n && (data[p] === 0x5d || data[p] === 0x29 || data[p] === 0x7b || data[p] === 0x7d || data[p] === 0x3e)) {
      p++;
      skipWs();
    }
    if (p >= n) return undefined;
    const c = data[p]!;
    if (c === 0x2f) return { k: 'name', v: name() };
    if (c === 0x28) return { k: 'str', v: literalString() };
    if (c === 0x3c) {
      if (data[p + 1] === 0x3c) {
        if (depth >= limits.maxDepth) throw new Stop('nesting limit');
        p += 2;
        const m = new Map<string, Operand>();
        for (;;) {
          skipWs();
          if (p >= n) break;
          if (data[p] === 0x3e && data[p + 1] === 0x3e) {
            p += 2;
            break;
          }
          const k = value(depth + 1);
          if (k === undefined) {
            if (opWord === undefined) break;
            opWord = undefined; // stray keyword inside a dictionary: ignored
            continue;
          }
          bump();
          skipWs();
          if (data[p] === 0x3e && data[p + 1] === 0x3e) {
            p += 2;
            break; // a key without a value ends the dictionary
          }
          const v = value(depth + 1);
          if (v === undefined) {
            opWord = undefined;
            continue;
          }
          bump();
          if (k.k === 'name') m.set(k.v, v);
        }
        return { k: 'dict', v: m };
      }
      return { k: 'str', v: hexString() };
    }
    if (c === 0x5b) {
      if (depth >= limits.maxDepth) throw new Stop('nesting limit');
      p++;
      const arr: Operand[] = [];
      for (;;) {
        skipWs();
        if (p >= n) break;
        if (data[p] === 0x5d) {
          p++;
          break;
        }
        const v = value(depth + 1);
        if (v === undefined) {
          if (opWord === undefined) break;
          opWord = undefined; // keyword inside an array: ignored
          continue;
        }
        bump();
        arr.push(v);
      }
      return { k: 'arr', v: arr };
    }
    const w = word();
    if (w.length === 0) {
      p++; // cannot happen after the skips above; advance anyway so the scan always ends
      return undefined;
    }
    const f = w.charCodeAt(0);
    if ((f >= 0x30 && f <= 0x39) || f === 0x2b || f === 0x2d || f === 0x2e) return number(w);
    if (w === 'true' || w === 'false') return { k: 'bool', v: w === 'true' };
    if (w === 'null') return { k: 'null' };
    opWord = w;
    return undefined;
  };

  // BI <key value>* ID <one white-space byte> data EI: find EI between white space (or the end).
  const skipInlineImage = (): void => {
    for (;;) {
      const v = value(0);
      if (v === undefined) {
        if (opWord === undefined) return;
        const w = opWord;
        opWord = undefined;
        if (w === 'ID') break;
      }
    }
    p++; // the single white-space byte after ID
    while (p < n) {
      if (data[p] === 0x45 && data[p + 1] === 0x49 && (p === 0 || WS[data[p - 1]!] === 1) && (p + 2 >= n || WS[data[p + 2]!] === 1)) {
        p += 2;
        return;
      }
      p++;
    }
  };

  try {
    let operands: Operand[] = [];
    while (p < n) {
      const v = value(0);
      if (v !== undefined) {
        bump();
        operands.push(v);
        continue;
      }
      if (opWord === undefined) break; // end of data
      const op = opWord;
      opWord = undefined;
      if (--limits.budget.operators < 0) return { stopped: 'operator limit' };
      if (op === 'BI') {
        skipInlineImage();
        operands = [];
        count = 0;
        continue;
      }
      if (onOp(op, operands) === false) return { stopped: 'stopped by caller' };
      operands = [];
      count = 0;
    }
    return {};
  } catch (e) {
    if (e instanceof Stop) return { stopped: e.message };
    if (e instanceof RangeError) return { stopped: 'nesting limit' };
    throw e;
  }
}
