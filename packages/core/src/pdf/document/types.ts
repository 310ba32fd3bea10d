// The PDF document model shared by the verifier, the change analysis and the tools: parsed PDF values, the revision
// chain (one entry per xref section, oldest first) and object lookup "as of" a revision. CONTRACT — other modules code
// against these names; extend, do not rename.

/** A parsed PDF value. Names and strings are decoded (#xx escapes, string escapes / hex); offsets are kept for strings. */
export type PdfObj =
  | { t: 'null' }
  | { t: 'bool'; v: boolean }
  | { t: 'num'; v: number; int: boolean }
  | { t: 'name'; v: string }
  /** `start`/`end`: bytes of the literal `( … )` or hex `< … >` string in the file (end exclusive), when parsed from the file. */
  | { t: 'str'; v: Uint8Array; hex: boolean; start?: number; end?: number }
  | { t: 'array'; v: PdfObj[] }
  | { t: 'dict'; v: Map<string, PdfObj>; start?: number; end?: number }
  /** A stream: its dictionary and where its (still encoded) data lies in the file, or inside a decoded buffer. */
  | { t: 'stream'; dict: Map<string, PdfObj>; dataStart: number; dataLength: number; start?: number; end?: number }
  | { t: 'ref'; num: number; gen: number };

export type XrefEntry =
  | { kind: 'offset'; offset: number; gen: number }
  | { kind: 'compressed'; stream: number; index: number }
  | { kind: 'free'; gen: number };

export interface PdfRevision {
  /** 0 = the original document; revisions are in file order, oldest first. */
  index: number;
  /** Offset of this revision's xref section (table `xref` keyword or xref stream object). */
  xrefOffset: number;
  xrefKind: 'table' | 'stream';
  /** Byte offset right after this revision's `%%EOF` (plus one EOL marker when present): where its bytes end. */
  end: number;
  trailer: Map<string, PdfObj>;
  /** The entries this revision's xref section itself defines (in use or free), by object number. */
  entries: Map<number, XrefEntry>;
  /** Entries of a hybrid file's /XRefStm stream, merged into `entries`; true when present. */
  hybrid?: boolean;
  /** Offset right after this revision's `%%EOF` (no EOL): a ByteRange may end here or at `end`. */
  eofEnd: number;
  /** When several xref sections form this revision (a linearized file's first-page and main xref), their offsets. */
  sections?: number[];
}

/** What kind of repair reading needed (see PdfIrregularity). */
export type PdfIrregularityKind =
  /** The object is not at its xref offset: found near it or by scanning the revision's bytes. */
  | 'offset'
  /** The header's generation is not the xref entry's. */
  | 'generation'
  /** No `endobj` after the object. */
  | 'endobj'
  /** A stream's /Length is wrong or unresolvable: its data was delimited by searching for `endstream`. */
  | 'stream-length'
  /** A stream decodes only through a lenient path (truncated deflate data, raw deflate without a valid zlib header). */
  | 'stream-data'
  /** Object stream: the xref's member index holds another object, the header lists the number more than once or
   * fewer objects than /N, or the object stream itself needed a repair. */
  | 'object-stream'
  /** The xref section lists the object more than once. */
  | 'xref-entry'
  /** An `n g obj` header in the revision's bytes that no xref entry of that revision points at (a reader that
   * rebuilds the xref table by scanning would use it). */
  | 'stray-object'
  /** The revision's xref section itself: not at its announced offset, hybrid /XRefStm, /Prev 0, no %%EOF... */
  | 'xref';

/**
 * A repair the reader needed to read one revision: where a lenient reading (ours) and another reader's may disagree.
 * Harmless in the signed revision (read leniently); after a signature, anything that needed one is suspect.
 */
export interface PdfIrregularity {
  /** The revision whose xref section defines the object (or whose bytes / xref section it concerns). */
  revision: number;
  /** The object, when it concerns one definition. */
  num?: number;
  kind: PdfIrregularityKind;
  /** English, short: 'object 6 is not at its xref offset 7731 (found at 7728)'. */
  detail: string;
}

export interface PdfDocumentLimits {
  /** Largest file accepted. Default 512 MiB. */
  maxBytes: number;
  /** Most revisions (xref sections) followed through /Prev. Default 1000. */
  maxRevisions: number;
  /** Most objects per revision / in total. Default 2 000 000. */
  maxObjects: number;
  /** Deepest array/dict nesting. Default 100. */
  maxDepth: number;
  /** Largest decoded stream (FlateDecode output). Default 64 MiB. */
  maxStreamBytes: number;
  /** Longest reference chain followed by resolve(). Default 32. */
  maxRefChain: number;
  /** Total bytes lexed for all object loads, so crafted files cannot make work quadratic. Default 2 GiB. */
  maxWorkBytes: number;
}

export interface PdfDocument {
  readonly bytes: Uint8Array;
  /** `%PDF-x.y` header version, when present. */
  readonly version?: string;
  /** Oldest first; the last one is the document as a viewer shows it. */
  readonly revisions: readonly PdfRevision[];
  /** The trailer of the last revision has /Encrypt. Strings and streams are then NOT decrypted. */
  readonly encrypted: boolean;
  /** Repairs and oddities met while opening (e.g. 'xref offset off by 3 bytes', 'hybrid-reference file'). */
  readonly warnings: readonly string[];
  /** True when the xref chain could not be read and objects were found by scanning for `n g obj`. */
  readonly repaired: boolean;
  /** The object `num` as of revision `rev` (default: the last); undefined when absent/free/unparsable. Never throws. */
  getObject(num: number, rev?: number): PdfObj | undefined;
  /**
   * True when object `num` is in use as of `rev` (default: the last) but its definition — the one that revision's xref
   * chain points at — cannot be read (does not parse, not found in its revision's bytes, its object stream unusable,
   * a limit). getObject() then gives undefined: an unreadable object never resolves to another revision's definition.
   * False for absent and free objects. Never throws.
   */
  unreadable(num: number, rev?: number): boolean;
  /**
   * Follow references (bounded) until a direct value; undefined for dangling references and for a reference whose
   * generation is not its xref entry's (`6 0 R` to an object the xref lists as generation 1: ISO 32000-1 7.3.10 and
   * poppler treat it as null). Never throws.
   */
  resolve(o: PdfObj | undefined, rev?: number): PdfObj | undefined;
  /** Which revision's xref entry defines object `num` as of `rev` (undefined when none). */
  definedIn(num: number, rev?: number): { revision: number; entry: XrefEntry } | undefined;
  /** All object numbers in use as of `rev`. */
  objectNumbers(rev?: number): number[];
  /** Stream data: decoded (the default; FlateDecode/ASCIIHex/ASCII85 with predictors; other filters → undefined) or raw as stored (`decode` false). */
  /** Decoded (default) or raw data; decoding stops past `maxBytes` (default and ceiling: the document's maxStreamBytes). */
  streamData(s: Extract<PdfObj, { t: 'stream' }>, decode?: boolean, maxBytes?: number): Uint8Array | undefined;
  /** The trailer's /Root catalog dictionary as of `rev`. */
  catalog(rev?: number): Map<string, PdfObj> | undefined;
  /** Offset of `%PDF-` (0 normally). */
  readonly headerOffset: number;
  /**
   * The repairs needed to read object `num` as of `rev` (default: the last) — the definition that revision's xref
   * chain points at, its stream data decoded. [] when it was read as written, or is absent or free. Never throws.
   */
  objectIrregularities(num: number, rev?: number): PdfIrregularity[];
  /**
   * Everything revision `rev` needed to be read: its xref section's own repairs, each object its xref section
   * (re)defines (objectIrregularities of each, so all are loaded and their streams decoded), and `n g obj` headers in
   * its bytes that none of its entries points at. [] for a revision read as written (or out of range). Never throws.
   */
  irregularities(rev: number): PdfIrregularity[];
  /**
   * The repair a stream's data needed (wrong /Length, truncated or header-less deflate data), or undefined when it was
   * read and decoded as written (or cannot be decoded at all). Decodes the stream when not done yet. Never throws.
   */
  streamIrregularity(s: Extract<PdfObj, { t: 'stream' }>): string | undefined;
  /**
   * Where object `num` (as of `rev`) is stored: `start`..`end` in the file (from `n g obj` to after `endobj`), or, for
   * an object in an object stream (`inStream` = its number), in that stream's decoded `data`. Never throws.
   */
  objectLocation(num: number, rev?: number): { start: number; end: number; inStream?: number; data?: Uint8Array } | undefined;
}
