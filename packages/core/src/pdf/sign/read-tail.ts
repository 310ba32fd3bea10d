// The end of the file as an incremental update needs it: where the last xref section is, whether it is a table or a
// stream (the update writes the same kind), and the trailer entries to carry (/Root, /Info, /ID) as exact bytes.
import { FormatError } from '../../errors.js';
import { parseObjectAt, type PdfValue } from '../lexer.js';
import { findRevisions } from '../revisions.js';

export interface PdfTail {
  /** The offset the last `startxref` announces: the new section's /Prev. */
  prev: number;
  kind: 'table' | 'stream';
  /** Trailer /Size. */
  size: number;
  /** Raw bytes of the /Root, /Info and /ID values (undefined when absent). */
  root: Uint8Array;
  info?: Uint8Array;
  id?: Uint8Array;
  encrypted: boolean;
  /** The file ends with an end-of-line marker (otherwise the update starts with one). */
  endsWithEol: boolean;
}

const LIMITS = { maxBytes: 4 * 1024 * 1024, maxDepth: 32, maxValues: 100_000 };

function latin1(b: Uint8Array, s: number, e: number): string {
  return Buffer.from(b.buffer, b.byteOffset + s, Math.max(0, e - s)).toString('latin1');
}

/** Throws FormatError when the file has no usable last xref section or trailer. */
export function readTail(pdf: Uint8Array): PdfTail {
  if (!(pdf instanceof Uint8Array) || latin1(pdf, 0, Math.min(pdf.length, 1024)).indexOf('%PDF-') < 0) {
    throw new FormatError('not a PDF (no %PDF- header)');
  }
  const revs = findRevisions(pdf).revisions;
  const last = revs[revs.length - 1];
  if (!last || last.xrefOffset === undefined) throw new FormatError('no startxref/%%EOF at the end of the PDF');
  const prev = last.xrefOffset;
  const head = latin1(pdf, prev, Math.min(pdf.length, prev + 64));
  let dict: PdfValue | undefined;
  let kind: PdfTail['kind'];
  if (head.startsWith('xref')) {
    kind = 'table';
    const at = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).indexOf('trailer', prev, 'latin1');
    if (at < 0 || at > last.startxref) throw new FormatError('the last xref table has no trailer');
    dict = parseObjectAt(pdf, at + 'trailer'.length, LIMITS);
  } else {
    const m = /^(\d+)[\0\t\n\f\r ]+(\d+)[\0\t\n\f\r ]+obj/.exec(head);
    if (!m) throw new FormatError(`startxref ${prev} points at neither an xref table nor an xref stream`);
    kind = 'stream';
    dict = parseObjectAt(pdf, prev + m[0].length, LIMITS);
  }
  if (dict?.kind !== 'dict') throw new FormatError('the last trailer is not a dictionary');
  if (kind === 'stream' && !isName(dict.entries.get('Type')?.value, 'XRef')) throw new FormatError('startxref does not point at an xref stream');
  const raw = (k: string): Uint8Array | undefined => {
    const v = dict.entries.get(k)?.value;
    return v ? pdf.slice(v.start, v.end) : undefined;
  };
  const size = dict.entries.get('Size')?.value;
  if (size?.kind !== 'number' || !size.integer || size.value < 1) throw new FormatError('the trailer has no valid /Size');
  const root = dict.entries.get('Root')?.value;
  if (root?.kind !== 'ref') throw new FormatError('the trailer has no /Root reference');
  const info = raw('Info');
  const id = raw('ID');
  const lastByte = pdf[pdf.length - 1];
  return {
    prev,
    kind,
    size: size.value,
    root: raw('Root')!,
    ...(info ? { info } : {}),
    ...(id ? { id } : {}),
    encrypted: dict.entries.has('Encrypt'),
    endsWithEol: lastByte === 0x0a || lastByte === 0x0d,
  };
}

function isName(v: PdfValue | undefined, name: string): boolean {
  return v?.kind === 'name' && v.name === name;
}
