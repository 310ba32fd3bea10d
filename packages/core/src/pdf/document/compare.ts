// Comparing objects across revisions: the raw stored bytes of an object, and a deep structural comparison where
// references are compared by identity (not followed) and streams by their decoded data.
import type { PdfDocument, PdfObj } from './types.js';

/** The stored bytes of object `num` as of `rev` (`n g obj … endobj` in the file, or its slice of an object stream). */
export function objectBytes(doc: PdfDocument, num: number, rev?: number): Uint8Array | undefined {
  const loc = doc.objectLocation(num, rev);
  if (!loc) return undefined;
  const src = loc.data ?? doc.bytes;
  return src.subarray(loc.start, loc.end);
}

export interface CompareOptions {
  /** Deepest nesting compared; deeper → not equal. Default 100. */
  maxDepth?: number;
  /** Most values visited; more → not equal. Default 1 000 000. */
  maxNodes?: number;
}

/** Keys of a stream dictionary that describe the encoding, not the content. */
const ENCODING_KEYS = new Set(['Length', 'Filter', 'DecodeParms', 'DL']);

/**
 * Deep structural equality. References are equal when they name the same object and generation (callers compare the
 * targets separately); numbers by value; strings by bytes (hex or literal form alike); streams by dictionary (without
 * /Length /Filter /DecodeParms /DL) and decoded data (raw data and the whole dictionary when a filter is not
 * supported); a stream read through a repair (PdfDocument.streamIrregularity) never equals one read as written. Undecidable (limits) → false. Never throws.
 */
export function equalObjects(a: PdfObj | undefined, b: PdfObj | undefined, doc: PdfDocument, opts: CompareOptions = {}): boolean {
  const maxDepth = opts.maxDepth ?? 100;
  let budget = opts.maxNodes ?? 1_000_000;
  const eq = (x: PdfObj | undefined, y: PdfObj | undefined, depth: number): boolean => {
    if (--budget < 0 || depth > maxDepth) return false;
    if (x === y) return true;
    if (!x || !y || x.t !== y.t) return false;
    switch (x.t) {
      case 'null':
        return true;
      case 'bool':
      case 'name':
        return x.v === (y as typeof x).v;
      case 'num':
        return x.v === (y as typeof x).v;
      case 'ref':
        return x.num === (y as typeof x).num && x.gen === (y as typeof x).gen;
      case 'str':
        return bytesEqual(x.v, (y as typeof x).v);
      case 'array': {
        const yv = (y as typeof x).v;
        return x.v.length === yv.length && x.v.every((e, i) => eq(e, yv[i], depth + 1));
      }
      case 'dict':
        return dictEq(x.v, (y as typeof x).v, depth, () => false);
      case 'stream': {
        const ys = y as typeof x;
        // Data read only through a repair (wrong /Length, header-less or truncated deflate) is what WE make of it;
        // another reader may see nothing or something else, so it never equals data read as written.
        if (!doc.streamIrregularity(x) !== !doc.streamIrregularity(ys)) return false;
        const dx = doc.streamData(x);
        const dy = doc.streamData(ys);
        if (dx && dy) return bytesEqual(dx, dy) && dictEq(x.dict, ys.dict, depth, (k) => ENCODING_KEYS.has(k));
        return bytesEqual(doc.streamData(x, false) ?? new Uint8Array(), doc.streamData(ys, false) ?? new Uint8Array()) &&
          dictEq(x.dict, ys.dict, depth, () => false);
      }
    }
  };
  const dictEq = (x: Map<string, PdfObj>, y: Map<string, PdfObj>, depth: number, skip: (k: string) => boolean): boolean => {
    let nx = 0;
    for (const [k, v] of x) {
      if (skip(k)) continue;
      nx++;
      if (!y.has(k) || !eq(v, y.get(k), depth + 1)) return false;
    }
    let ny = 0;
    for (const k of y.keys()) if (!skip(k)) ny++;
    return nx === ny;
  };
  try {
    return eq(a, b, 0);
  } catch {
    return false;
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
