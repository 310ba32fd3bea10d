// Stream filters: FlateDecode (with PNG/TIFF predictors), ASCIIHexDecode, ASCII85Decode, chained. Output is bounded
// (`maxBytes`); truncated deflate data yields what could be inflated. Other filters are not decoded.
import { constants, inflateRawSync, inflateSync } from 'node:zlib';
import type { PdfObj } from './types.js';

/**
 * `repaired`: the data decoded only through a lenient path (truncated deflate data, no valid zlib header or checksum
 * read as raw deflate) — other readers may refuse it or read something else (see PdfDocument.streamIrregularity).
 */
export type DecodeResult =
  | { ok: true; data: Uint8Array; repaired?: string }
  | { ok: false; reason: 'unsupported' | 'limit' | 'corrupt' };

export interface FilterStep {
  name: string;
  parms?: Map<string, PdfObj> | undefined;
}

const ALIASES: Record<string, string> = { Fl: 'FlateDecode', AHx: 'ASCIIHexDecode', A85: 'ASCII85Decode' };

/** Apply the filters in order. */
export function decodeFilters(data: Uint8Array, steps: readonly FilterStep[], maxBytes: number): DecodeResult {
  let cur = data;
  let repaired: string | undefined;
  for (const step of steps) {
    const name = ALIASES[step.name] ?? step.name;
    let r: DecodeResult;
    if (name === 'FlateDecode') r = flate(cur, step.parms, maxBytes);
    else if (name === 'ASCIIHexDecode') r = asciiHex(cur, maxBytes);
    else if (name === 'ASCII85Decode') r = ascii85(cur, maxBytes);
    else if (name === 'Crypt' && (nameOf(step.parms?.get('Name')) ?? 'Identity') === 'Identity') r = { ok: true, data: cur };
    else return { ok: false, reason: 'unsupported' };
    if (!r.ok) return r;
    cur = r.data;
    if (r.repaired) repaired ??= `${name}: ${r.repaired}`;
  }
  return repaired ? { ok: true, data: cur, repaired } : { ok: true, data: cur };
}

function nameOf(o: PdfObj | undefined): string | undefined {
  return o?.t === 'name' ? o.v : undefined;
}

function intOf(o: PdfObj | undefined, dflt: number): number {
  return o?.t === 'num' && o.int ? o.v : dflt;
}

function isTooLarge(e: unknown): boolean {
  return e instanceof RangeError || (e as { code?: string } | null)?.code === 'ERR_BUFFER_TOO_LARGE';
}

/**
 * Inflate with an output cap. Lenient like viewers, but says so (`repaired`): truncated input gives the bytes inflated
 * so far (Z_SYNC_FLUSH); a bad zlib header or checksum is retried as raw deflate after the 2-byte header, then bare.
 */
export function inflateBounded(data: Uint8Array, maxBytes: number): DecodeResult {
  const strict = { maxOutputLength: Math.max(1, maxBytes) };
  const opts = { ...strict, finishFlush: constants.Z_SYNC_FLUSH };
  try {
    return { ok: true, data: inflateSync(data, strict) };
  } catch (e) {
    if (isTooLarge(e)) return { ok: false, reason: 'limit' };
  }
  try {
    return { ok: true, data: inflateSync(data, opts), repaired: 'deflate data truncated (or its checksum missing); read up to where it stops' };
  } catch (e) {
    if (isTooLarge(e)) return { ok: false, reason: 'limit' };
  }
  // Writers that emit a bad zlib header or checksum: retry as raw deflate after the 2-byte header, then bare.
  for (const [d, why] of [
    [data.subarray(2), 'no valid zlib header or checksum; read as raw deflate after the 2-byte header'],
    [data, 'no zlib header; read as raw deflate'],
  ] as const) {
    try {
      const out = inflateRawSync(d, opts);
      if (out.length > 0) return { ok: true, data: out, repaired: why };
    } catch (e) {
      if (isTooLarge(e)) return { ok: false, reason: 'limit' };
    }
  }
  return { ok: false, reason: 'corrupt' };
}

function flate(data: Uint8Array, parms: Map<string, PdfObj> | undefined, maxBytes: number): DecodeResult {
  const r = inflateBounded(data, maxBytes);
  if (!r.ok || !parms) return r;
  const p = predict(r.data, parms);
  return p.ok && r.repaired ? { ...p, repaired: r.repaired } : p;
}

/** PNG (≥ 10) and TIFF (2) predictors, ISO 32000 7.4.4.4. */
export function predict(data: Uint8Array, parms: Map<string, PdfObj>): DecodeResult {
  const predictor = intOf(parms.get('Predictor'), 1);
  if (predictor === 1) return { ok: true, data };
  const colors = intOf(parms.get('Colors'), 1);
  const bpc = intOf(parms.get('BitsPerComponent'), 8);
  const columns = intOf(parms.get('Columns'), 1);
  if (colors < 1 || colors > 32 || ![1, 2, 4, 8, 16].includes(bpc) || columns < 1 || columns > 1 << 24)
    return { ok: false, reason: 'corrupt' };
  const rowBytes = Math.ceil((colors * bpc * columns) / 8);
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  if (predictor === 2) {
    if (bpc !== 8) return { ok: false, reason: 'unsupported' };
    const out = Uint8Array.from(data);
    for (let row = 0; row < out.length; row += rowBytes)
      for (let i = row + colors; i < Math.min(row + rowBytes, out.length); i++) out[i] = (out[i]! + out[i - colors]!) & 0xff;
    return { ok: true, data: out };
  }
  if (predictor < 10) return { ok: false, reason: 'unsupported' };
  const rows = Math.ceil(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  let n = 0;
  let prev = new Uint8Array(rowBytes);
  for (let p = 0; p < data.length; p += rowBytes + 1) {
    const type = data[p]!;
    const row = new Uint8Array(rowBytes);
    const avail = Math.min(rowBytes, data.length - p - 1);
    for (let i = 0; i < avail; i++) {
      const x = data[p + 1 + i]!;
      const a = i >= bpp ? row[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      let v: number;
      switch (type) {
        case 0: v = x; break;
        case 1: v = x + a; break;
        case 2: v = x + b; break;
        case 3: v = x + ((a + b) >> 1); break;
        case 4: {
          const pa = Math.abs(b - c);
          const pb = Math.abs(a - c);
          const pc = Math.abs(a + b - 2 * c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default: return { ok: false, reason: 'corrupt' };
      }
      row[i] = v & 0xff;
    }
    out.set(row.subarray(0, avail), n);
    n += avail;
    prev = row;
  }
  return { ok: true, data: out.subarray(0, n) };
}

function asciiHex(data: Uint8Array, maxBytes: number): DecodeResult {
  const out = new Uint8Array(Math.min(maxBytes, (data.length + 1) >> 1));
  let n = 0;
  let hi = -1;
  for (const c of data) {
    if (c === 0x3e) break;
    const h = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (h < 0) {
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00) continue;
      return { ok: false, reason: 'corrupt' };
    }
    if (hi < 0) hi = h;
    else {
      if (n >= out.length) return { ok: false, reason: 'limit' };
      out[n++] = (hi << 4) | h;
      hi = -1;
    }
  }
  if (hi >= 0) {
    if (n >= out.length) return { ok: false, reason: 'limit' };
    out[n++] = hi << 4;
  }
  return { ok: true, data: out.subarray(0, n) };
}

function ascii85(data: Uint8Array, maxBytes: number): DecodeResult {
  const chunks: number[] = [];
  const out: Uint8Array[] = [];
  let total = 0;
  let buf = new Uint8Array(Math.min(maxBytes, 65536));
  let n = 0;
  const push = (b: number): boolean => {
    if (total >= maxBytes) return false;
    if (n === buf.length) {
      out.push(buf);
      buf = new Uint8Array(Math.min(buf.length * 2, maxBytes - total + n, 1 << 24) || 1);
      n = 0;
    }
    buf[n++] = b;
    total++;
    return true;
  };
  let i = 0;
  if (data[0] === 0x3c && data[1] === 0x7e) i = 2; // tolerate a leading <~
  for (; i < data.length; i++) {
    const c = data[i]!;
    if (c === 0x7e) break; // ~>
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00) continue;
    if (c === 0x7a && chunks.length === 0) {
      for (let k = 0; k < 4; k++) if (!push(0)) return { ok: false, reason: 'limit' };
      continue;
    }
    if (c < 0x21 || c > 0x75) return { ok: false, reason: 'corrupt' };
    chunks.push(c - 0x21);
    if (chunks.length === 5) {
      let v = 0;
      for (const d of chunks) v = v * 85 + d;
      if (v > 0xffffffff) return { ok: false, reason: 'corrupt' };
      for (let k = 3; k >= 0; k--) if (!push((v >>> (8 * k)) & 0xff)) return { ok: false, reason: 'limit' };
      chunks.length = 0;
    }
  }
  if (chunks.length === 1) return { ok: false, reason: 'corrupt' };
  if (chunks.length > 1) {
    const m = chunks.length;
    while (chunks.length < 5) chunks.push(84);
    let v = 0;
    for (const d of chunks) v = v * 85 + d;
    if (v > 0xffffffff) return { ok: false, reason: 'corrupt' };
    for (let k = 0; k < m - 1; k++) if (!push((v >>> (8 * (3 - k))) & 0xff)) return { ok: false, reason: 'limit' };
  }
  out.push(buf.subarray(0, n));
  if (out.length === 1) return { ok: true, data: out[0]! };
  return { ok: true, data: Buffer.concat(out) };
}
