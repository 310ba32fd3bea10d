// The one bounded ASN.1 reader: BER and DER, zero-copy. Elements are offsets into the input, so signed bytes
// (TBSCertificate, signed attributes, embedded certificates) are always taken exactly as given, never re-encoded.
// Every read is bounded: input size, nesting depth, and the number of element headers read (re-reads of nested
// indefinite lengths count too, so a hostile file cannot make the scan quadratic without hitting the limit).
import { FormatError, LimitError } from '../errors.js';
import { plainView } from './bytes.js';
import { CLASS_CONTEXT, CLASS_UNIVERSAL, CONSTRUCTED, TAG_SEQUENCE } from './tags.js';

/**
 * How strictly lengths are checked:
 * - `der`: X.690 DER — definite, minimal lengths; decoders also insist on minimal INTEGERs, 00/FF BOOLEANs and
 *   primitive strings;
 * - `definite`: definite lengths only, non-minimal ones tolerated — what X.509 parsers (OpenSSL) accept for
 *   certificates and CRLs that are "DER" in name;
 * - `ber`: all of BER, indefinite lengths and constructed strings included (CMS from PDFs and PKCS#7 bundles).
 */
export type Asn1Mode = 'der' | 'definite' | 'ber';

export interface Asn1Limits {
  /** Deepest nesting accepted; the root is at depth 0. */
  maxDepth: number;
  /** Element headers read over the reader's life, re-reads included. */
  maxElements: number;
  /** Largest input accepted, in bytes. */
  maxBytes: number;
}

export interface Asn1ReaderOptions extends Partial<Asn1Limits> {
  /** Default 'der'. */
  mode?: Asn1Mode;
  /**
   * Read what recognising an input needs to see through, before a real parser judges it: lengths of up to six
   * octets, non-minimal high tag numbers, and a 00 identifier outside end-of-contents position (an element of
   * tag 0). Default false. Only for structure sniffing (`verify/asn1-shape.ts`).
   */
  lax?: boolean;
}

export const DEFAULT_ASN1_LIMITS: Readonly<Asn1Limits> = Object.freeze({
  maxDepth: 64,
  maxElements: 1_000_000,
  maxBytes: 64 * 1024 * 1024,
});

/** One element of the input: identifier at `offset`, contents `[start, end)`, the next element at `next`. */
export interface El {
  readonly reader: Asn1Reader;
  /** First identifier octet: class (0xc0), constructed (0x20), tag number (0x1f; 0x1f itself means a high tag number). */
  readonly tag: number;
  /** The tag number (`tag & 0x1f` below 31). */
  readonly num: number;
  readonly offset: number;
  readonly start: number;
  /** End of the contents (where the end-of-contents octets of an indefinite length begin). */
  readonly end: number;
  /** First byte after the element. */
  readonly next: number;
  readonly depth: number;
}

export class Asn1Reader {
  readonly buf: Uint8Array;
  readonly mode: Asn1Mode;
  readonly lax: boolean;
  readonly limits: Readonly<Asn1Limits>;
  #elements = 0;
  #ber = false;
  // The header last read by #header (fields, not an object: this is the hot path of every parser).
  #tag = 0;
  #num = 0;
  #start = 0;
  /** Contents length; -1 for an indefinite length. */
  #len = 0;

  constructor(buf: Uint8Array, opts: Asn1ReaderOptions = {}) {
    if (!(buf instanceof Uint8Array)) throw new FormatError('ASN.1 input must be bytes');
    // A plain Uint8Array view of a Buffer: element slices taken with `.slice()` are then real copies (on a Buffer
    // they would be views into the caller's bytes).
    this.buf = plainView(buf);
    this.mode = opts.mode ?? 'der';
    this.lax = opts.lax ?? false;
    this.limits = {
      maxDepth: opts.maxDepth ?? DEFAULT_ASN1_LIMITS.maxDepth,
      maxElements: opts.maxElements ?? DEFAULT_ASN1_LIMITS.maxElements,
      maxBytes: opts.maxBytes ?? DEFAULT_ASN1_LIMITS.maxBytes,
    };
    if (buf.length > this.limits.maxBytes) throw new LimitError(`ASN.1 input of ${buf.length} bytes exceeds the ${this.limits.maxBytes}-byte limit`);
  }

  /** Element headers read so far. */
  get elementsRead(): number {
    return this.#elements;
  }

  /** True once a header DER forbids was read: an indefinite or a non-minimal length. */
  get berSeen(): boolean {
    return this.#ber;
  }

  /** Read the element at `pos`, which must end by `limit`. */
  read(pos: number, limit: number, depth: number): El {
    this.#header(pos, limit, depth);
    const tag = this.#tag;
    const num = this.#num;
    const start = this.#start;
    if (this.#len >= 0) return el(this, tag, num, pos, start, start + this.#len, start + this.#len, depth);
    const b = this.buf;
    for (let p = start; ; ) {
      if (p + 2 <= limit && b[p] === 0 && b[p + 1] === 0) return el(this, tag, num, pos, start, p, p + 2, depth);
      if (p >= limit) throw new FormatError(`indefinite length at offset ${pos} has no end-of-contents`);
      p = this.read(p, limit, depth + 1).next;
    }
  }

  /**
   * Read the element at `pos` and check every header inside it, all the way down (each header read once, so
   * `maxElements` counts elements). `build` turns an element into a node, given the nodes of its children for
   * constructed elements above `keepDepth` (undefined otherwise); it is called for the root and for those children.
   */
  readTree<T>(pos: number, limit: number, depth: number, build: (e: El, kids: T[] | undefined) => T, keepDepth = Number.MAX_SAFE_INTEGER): T {
    const out: T[] = [];
    this.#tree(pos, limit, depth, build, keepDepth, out);
    return out[0]!;
  }

  #tree<T>(pos: number, limit: number, depth: number, build: (e: El, kids: T[] | undefined) => T, keepDepth: number, into: T[] | undefined): El {
    this.#header(pos, limit, depth);
    const tag = this.#tag;
    const num = this.#num;
    const start = this.#start;
    const len = this.#len;
    const kids = depth < keepDepth && (tag & CONSTRUCTED) !== 0 ? ([] as T[]) : undefined;
    let e: El;
    if (len < 0) {
      const b = this.buf;
      let p = start;
      for (;;) {
        if (p + 2 <= limit && b[p] === 0 && b[p + 1] === 0) break;
        if (p >= limit) throw new FormatError(`indefinite length at offset ${pos} has no end-of-contents`);
        p = this.#tree(p, limit, depth + 1, build, keepDepth, kids).next;
      }
      e = el(this, tag, num, pos, start, p, p + 2, depth);
    } else {
      const end = start + len;
      if ((tag & CONSTRUCTED) !== 0) for (let p = start; p < end; ) p = this.#tree(p, end, depth + 1, build, keepDepth, kids).next;
      e = el(this, tag, num, pos, start, end, end, depth);
    }
    into?.push(build(e, kids));
    return e;
  }

  /** Parse the identifier and length octets at `pos` into #tag, #num, #start, #len; count the element. */
  #header(pos: number, limit: number, depth: number): void {
    const { maxDepth, maxElements } = this.limits;
    if (depth > maxDepth) throw new LimitError(`ASN.1 nesting deeper than ${maxDepth} levels`);
    if (++this.#elements > maxElements) throw new LimitError(`more than ${maxElements} ASN.1 elements`);
    const b = this.buf;
    const lax = this.lax;
    let p = pos;
    if (p >= limit) throw new FormatError(`truncated ASN.1 at offset ${pos}: no identifier`);
    const tag = b[p++]!;
    let num = tag & 0x1f;
    if (num === 0x1f) {
      num = 0;
      for (let i = 0; ; i++) {
        if (p >= limit) throw new FormatError(`truncated ASN.1 tag at offset ${pos}`);
        if (i >= 4) throw new FormatError(`ASN.1 tag number too large at offset ${pos}`);
        const c = b[p++]!;
        if (i === 0 && c === 0x80 && !lax) throw new FormatError(`non-minimal ASN.1 tag at offset ${pos}`);
        num = num * 128 + (c & 0x7f);
        if ((c & 0x80) === 0) break;
      }
      if (num < 0x1f && !lax) throw new FormatError(`non-minimal ASN.1 tag at offset ${pos}`);
    } else if (tag === 0 && !lax) {
      // 00 is only valid as the end-of-contents of an indefinite length, which the callers consume.
      throw new FormatError(`unexpected end-of-contents at offset ${pos}`);
    }
    if (p >= limit) throw new FormatError(`truncated ASN.1 at offset ${pos}: no length`);
    const l0 = b[p++]!;
    this.#tag = tag;
    this.#num = num;
    if (l0 === 0x80) {
      if (this.mode !== 'ber') throw new FormatError(`indefinite length at offset ${pos} (not allowed in DER)`);
      if ((tag & CONSTRUCTED) === 0) throw new FormatError(`indefinite length on a primitive element at offset ${pos}`);
      this.#ber = true;
      this.#start = p;
      this.#len = -1;
      return;
    }
    let len = l0;
    if (l0 & 0x80) {
      const n = l0 & 0x7f;
      if (n > (lax ? 6 : 4)) throw new FormatError(`ASN.1 length of ${n} octets at offset ${pos}`);
      if (p + n > limit) throw new FormatError(`truncated ASN.1 length at offset ${pos}`);
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + b[p + i]!;
      if (b[p] === 0 || len < 0x80) {
        if (this.mode === 'der') throw new FormatError(`non-minimal length at offset ${pos} (not allowed in DER)`);
        this.#ber = true;
      }
      p += n;
    }
    if (len > limit - p) throw new FormatError(`ASN.1 length at offset ${pos} (${len} bytes) runs past the end of its container`);
    this.#start = p;
    this.#len = len;
  }

  /** The element spanning the whole input. `what` names it in error messages. */
  root(what = 'ASN.1'): El {
    let e: El;
    try {
      e = this.read(0, this.buf.length, 0);
    } catch (err) {
      if (err instanceof FormatError) throw new FormatError(`${what}: ${err.message}`, { cause: err });
      throw err;
    }
    if (e.next !== this.buf.length) throw new FormatError(`${what}: ${this.buf.length - e.next} trailing bytes after the ASN.1 element`);
    return e;
  }

  /** The children of a constructed element, at most `max` of them. */
  children(e: El, max = Number.MAX_SAFE_INTEGER, what = 'elements'): El[] {
    if ((e.tag & CONSTRUCTED) === 0) throw new FormatError(`${what}: constructed element expected`);
    const out: El[] = [];
    for (let p = e.start; p < e.end; ) {
      if (out.length >= max) throw new LimitError(`more than ${max} ${what}`);
      const c = this.read(p, e.end, e.depth + 1);
      out.push(c);
      p = c.next;
    }
    return out;
  }
}

// One constructor keeps every element the same object shape (fast property access on the hot path).
function el(reader: Asn1Reader, tag: number, num: number, offset: number, start: number, end: number, next: number, depth: number): El {
  return { reader, tag, num, offset, start, end, next, depth };
}

/** Parse `buf` as exactly one element (no trailing bytes). Throws FormatError / LimitError. */
export function readRoot(buf: Uint8Array, what = 'ASN.1', opts: Asn1ReaderOptions = {}): El {
  return new Asn1Reader(buf, opts).root(what);
}

/** The children of a constructed element (at most `max`). Throws FormatError / LimitError. */
export function children(e: El | undefined, what = 'ASN.1', max?: number): El[] {
  if (!e) throw new FormatError(`${what}: missing`);
  return e.reader.children(e, max, what);
}

/** The children of a SEQUENCE; FormatError naming `what` when `e` is missing or something else. */
export function readSequence(e: El | undefined, what: string, max?: number): El[] {
  return children(expectTag(e, TAG_SEQUENCE, what), what, max);
}

/** The contents octets (a view into the input). */
export function content(e: El): Uint8Array {
  return e.reader.buf.subarray(e.start, e.end);
}

/** The whole encoding: identifier, length, contents (and end-of-contents for an indefinite length). */
export function encoding(e: El): Uint8Array {
  return e.reader.buf.subarray(e.offset, e.next);
}

/** True when the element has an indefinite length (BER only). */
export function isIndefinite(e: El): boolean {
  return e.next !== e.end;
}

export function isConstructed(e: El): boolean {
  return (e.tag & CONSTRUCTED) !== 0;
}

/** Context-specific [n], primitive or constructed. */
export function isCtx(e: El | undefined, n: number): boolean {
  return !!e && (e.tag & 0xc0) === CLASS_CONTEXT && e.num === n;
}

/** Universal type number `n`, primitive or constructed (BER strings may be either). */
export function isUniversal(e: El | undefined, n: number): boolean {
  return !!e && (e.tag & 0xc0) === CLASS_UNIVERSAL && e.num === n;
}

/** The element when its identifier octet is `tag`; FormatError naming `what` otherwise. */
export function expectTag(e: El | undefined, tag: number, what: string): El {
  if (!e) throw new FormatError(`${what}: missing`);
  if (e.tag !== tag) throw new FormatError(`${what}: tag 0x${hex2(tag)} expected, found 0x${hex2(e.tag)}`);
  return e;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}
