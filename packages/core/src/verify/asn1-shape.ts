// A bounded BER structure walk used only to recognise what an input is before a real parser sees it: the shared
// reader of asn1/ in its lax BER mode, checking every header of the tree (lengths inside their parent, depth,
// element count) so hostile nesting or lengths past the end are reported by name instead of surfacing from a
// parser's internals.
import { Asn1Reader, type El } from '../asn1/index.js';

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

function toNode(e: El, kids: Node[] | undefined): Node {
  const n: Node = {
    id: e.tag,
    tag: e.num,
    constructed: (e.tag & 0x20) !== 0,
    start: e.offset,
    valueStart: e.start,
    valueEnd: e.end,
    end: e.next,
    indefinite: e.next !== e.end,
  };
  if (kids) n.children = kids;
  return n;
}

/** Walks a BER tree, keeping children only for the first `keepDepth` levels (the rest is checked, not stored). */
export class ShapeWalker {
  readonly #reader: Asn1Reader;
  constructor(
    b: Uint8Array,
    limits: ShapeLimits = DEFAULT_SHAPE_LIMITS,
    private readonly keepDepth = 6,
  ) {
    // Lax: sniffing must see through what the real parsers then reject with a precise message (5–6-octet lengths,
    // non-minimal tags, a 00 identifier). No size limit here: the caller bounds the input.
    this.#reader = new Asn1Reader(b, { mode: 'ber', lax: true, maxDepth: limits.maxDepth, maxElements: limits.maxNodes, maxBytes: Number.MAX_SAFE_INTEGER });
  }

  /** True when an indefinite length or a non-minimal length (anything DER forbids in the headers) was seen. */
  get berSeen(): boolean {
    return this.#reader.berSeen;
  }

  node(pos: number, limit: number, depth: number): Node {
    return this.#reader.readTree(pos, limit, depth, toNode, this.keepDepth);
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
