// Revision boundaries found by scanning bytes for `startxref <n> %%EOF` — no object parsing, so it works on
// damaged files too and costs one pass over the input.

export interface Revision {
  /** Offset of the `startxref` keyword. */
  startxref: number;
  /** The xref offset that `startxref` announces (undefined when the number is missing or absurd). */
  xrefOffset?: number;
  /** Offset of `%%EOF`. */
  eof: number;
  /** Offset right after `%%EOF`. */
  eofEnd: number;
  /** Offset after `%%EOF` plus its end-of-line marker (CR, LF or CRLF), when present. */
  end: number;
}

export interface RevisionLimits {
  maxRevisions: number;
}

export const DEFAULT_REVISION_LIMITS: RevisionLimits = { maxRevisions: 4096 };

export interface RevisionScan {
  revisions: Revision[];
  /** More `%%EOF` markers than `maxRevisions`; the list holds the first ones. */
  truncated: boolean;
}

const EOF_MARK = Buffer.from('%%EOF', 'latin1');
const STARTXREF = Buffer.from('startxref', 'latin1');
/** `startxref`, a number and whitespace fit in well under this many bytes before `%%EOF`. */
const LOOKBACK = 64;

/** Every `%%EOF` preceded by a `startxref` (a revision boundary), in file order. Never throws. */
export function findRevisions(pdf: Uint8Array, limits: Partial<RevisionLimits> = {}): RevisionScan {
  const lim = { ...DEFAULT_REVISION_LIMITS, ...limits };
  const revisions: Revision[] = [];
  if (!(pdf instanceof Uint8Array)) return { revisions, truncated: false };
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  let from = 0;
  let prevEnd = 0;
  for (;;) {
    const eof = buf.indexOf(EOF_MARK, from);
    if (eof < 0) break;
    from = eof + EOF_MARK.length;
    const sx = buf.lastIndexOf(STARTXREF, eof - 1);
    if (sx < 0 || sx < prevEnd || eof - sx > LOOKBACK) continue;
    const between = buf.toString('latin1', sx + STARTXREF.length, eof);
    const m = /^[\0\t\n\f\r ]+(\d{1,15})[\0\t\n\f\r ]*$/.exec(between);
    if (!m && !/^[\0\t\n\f\r ]*$/.test(between)) continue;
    if (revisions.length >= lim.maxRevisions) return { revisions, truncated: true };
    const eofEnd = eof + EOF_MARK.length;
    let end = eofEnd;
    if (buf[end] === 0x0d) end++;
    if (buf[end] === 0x0a) end++;
    const rev: Revision = { startxref: sx, eof, eofEnd, end };
    if (m) {
      const n = Number(m[1]);
      if (n < pdf.length) rev.xrefOffset = n;
    }
    revisions.push(rev);
    prevEnd = eofEnd;
  }
  return { revisions, truncated: false };
}

/** True when `offset` is where a revision ends: right after `%%EOF`, or after its end-of-line marker. */
export function isRevisionEnd(revisions: readonly Revision[], offset: number): boolean {
  return revisions.some((r) => offset >= r.eofEnd && offset <= r.end);
}
