// A bounded BER structure walk used only to recognise what an input is before a real parser sees it.
// It checks every header of the tree (lengths inside their parent, depth, element count) so hostile nesting or
// lengths past the end are reported by name instead of surfacing from a parser's internals.
import { FormatError, LimitError } from '../errors.js';

export interface Node {
  /** Identifier octet (first byte): class, constructed bit and low tag number. */
  id: number;
  /** Tag number (also for multi-byte tags). */
  tag: number;
  constructed: boolean;
  start: number;
  valueStart: number;
  /** End of the contents (before the end-of-contents octets of an indefinite length). */
  valueEnd: number;
  end: number;
  indefinite: boolean;
  children?: Node[];
}

export interface ShapeLimits {
  maxDepth: number;
  maxNodes: number;
}

export const DEFAULT_SHAPE_LIMITS: Readonly<ShapeLimits> = Object.freeze({ maxDepth: 64, maxNodes: 1_000_000 });

/** Walks a BER tree, keeping children only for the first `keepDepth` levels (the rest is checked, not stored). */
export class ShapeWalker {
  private nodes = 0;
  /** True when an indefinite length or a non-minimal length (anything DER forbids in the headers) was seen. */
  berSeen = false;
  constructor(
    private readonly b: Uint8Array,
    private readonly limits: ShapeLimits = DEFAULT_SHAPE_LIMITS,
    private readonly keepDepth = 6,
  ) {}

  node(pos: number, limit: number, depth: number): Node {
    if (depth > this.limits.maxDepth) throw new LimitError(`ASN.1 nesting deeper than ${this.limits.maxDepth} levels`);
    if (++this.nodes > this.limits.maxNodes) throw new LimitError(`more than ${this.limits.maxNodes} ASN.1 elements`);
    const b = this.b;
    let p = pos;
    if (p >= limit) throw new FormatError(`truncated ASN.1 at offset ${pos}: no identifier`);
    const id = b[p++]!;
    const constructed = (id & 0x20) !== 0;
    let tag = id & 0x1f;
    if (tag === 0x1f) {
      tag = 0;
      for (let i = 0; ; i++) {
        if (p >= limit) throw new FormatError(`truncated ASN.1 tag at offset ${pos}`);
        if (i >= 4) throw new FormatError(`ASN.1 tag number too large at offset ${pos}`);
        const c = b[p++]!;
        tag = tag * 128 + (c & 0x7f);
        if ((c & 0x80) === 0) break;
      }
    }
    if (p >= limit) throw new FormatError(`truncated ASN.1 at offset ${pos}: no length`);
    const l0 = b[p++]!;
    const keep = depth < this.keepDepth;
    if (l0 === 0x80) {
      if (!constructed) throw new FormatError(`indefinite length on a primitive element at offset ${pos}`);
      this.berSeen = true;
      const valueStart = p;
      const kids: Node[] = [];
      for (;;) {
        if (p + 2 <= limit && b[p] === 0 && b[p + 1] === 0) break;
        if (p >= limit) throw new FormatError(`indefinite length at offset ${pos} has no end-of-contents`);
        const c = this.node(p, limit, depth + 1);
        if (keep) kids.push(c);
        p = c.end;
      }
      const n: Node = { id, tag, constructed, start: pos, valueStart, valueEnd: p, end: p + 2, indefinite: true };
      if (keep) n.children = kids;
      return n;
    }
    let len = l0;
    if (l0 & 0x80) {
      const k = l0 & 0x7f;
      if (k > 6) throw new FormatError(`ASN.1 length of ${k} octets at offset ${pos}`);
      if (p + k > limit) throw new FormatError(`truncated ASN.1 length at offset ${pos}`);
      len = 0;
      for (let i = 0; i < k; i++) len = len * 256 + b[p + i]!;
      if (b[p] === 0 || len < 0x80) this.berSeen = true;
      p += k;
    }
    if (p + len > limit) {
      throw new FormatError(`ASN.1 length at offset ${pos} (${len} bytes) runs past the end of its container`);
    }
    const n: Node = { id, tag, constructed, start: pos, valueStart: p, valueEnd: p + len, end: p + len, indefinite: false };
    if (constructed) {
      const kids: Node[] = [];
      let q = p;
      while (q < p + len) {
        const c = this.node(q, p + len, depth + 1);
        if (keep) kids.push(c);
        q = c.end;
      }
      if (keep) n.children = kids;
    }
    return n;
  }
}

/** Walk the single top-level element of `der`; `trailing` is the number of bytes after it. */
export function walk(der: Uint8Array, limits?: ShapeLimits): { root: Node; trailing: number; ber: boolean } {
  const w = new ShapeWalker(der, limits);
  const root = w.node(0, der.length, 0);
  return { root, trailing: der.length - root.end, ber: w.berSeen };
}

/** Decode an OBJECT IDENTIFIER node's value (best effort: undefined when malformed). */
export function oidOf(der: Uint8Array, n: Node | undefined): string | undefined {
  if (!n || n.id !== 0x06 || n.indefinite) return undefined;
  const v = der.subarray(n.valueStart, n.valueEnd);
  if (v.length === 0 || v.length > 64 || (v[v.length - 1]! & 0x80) !== 0) return undefined;
  const arcs: number[] = [];
  let acc = 0;
  for (let i = 0; i < v.length; i++) {
    acc = acc * 128 + (v[i]! & 0x7f);
    if (acc > 2 ** 40) return undefined;
    if ((v[i]! & 0x80) === 0) {
      if (arcs.length === 0) {
        const x = acc < 40 ? 0 : acc < 80 ? 1 : 2;
        arcs.push(x, acc - 40 * x);
      } else arcs.push(acc);
      acc = 0;
    }
  }
  return arcs.join('.');
}
