// What the PDF part readers share: the document model (read-only), a budget of decoded stream bytes, the problems
// noted so far. Streams are decoded through the model (its filters and predictors), each one bounded by the
// document's maxStreamBytes — the verifier's own model, or one opened with the same limits, so the licence layer and
// the signature verifier see the same objects — and all of them together by the budget.
import type { PdfDocument, PdfObj } from '../../pdf/document/index.js';
import { MAX_PROBLEMS } from './limits.js';

export type PdfStream = Extract<PdfObj, { t: 'stream' }>;
export type PdfDict = Map<string, PdfObj>;

/** Decoded bytes of every stream read for one document together. */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;
/**
 * Streams that failed to decode, per document, before no further one is tried. A failure is not charged to the
 * decoded-bytes budget, yet may have cost up to maxStreamBytes of inflating (a Flate bomb): without this bound a page
 * naming such streams thousands of times (/Contents arrays, images, fonts) would cost thousands of inflates.
 */
export const MAX_FAILED_DECODES = 16;

export class PdfReadContext {
  readonly problems: string[] = [];
  /** Problems that left images unsearched for a QR code (LicenseDocumentParts.unsearched). */
  readonly unsearched: string[] = [];
  #decoded = 0;
  #dropped = 0;
  /** Streams that did not decode (not tried again), and how many decodes failed. */
  readonly #undecodable = new WeakSet<PdfStream>();
  #failures = 0;

  constructor(readonly doc: PdfDocument) {}

  problem(p: string): void {
    if (this.problems.length < MAX_PROBLEMS - 1) this.problems.push(p);
    else this.#dropped++;
  }

  /** A problem that leaves page-1 images unsearched for a QR code; `noted`: the problem was already noted. */
  notSearched(p: string, noted = false): void {
    if (this.unsearched.length < MAX_PROBLEMS) this.unsearched.push(p);
    if (!noted) this.problem(p);
  }

  /** The problems, the last one counting those dropped over MAX_PROBLEMS. */
  finishProblems(): string[] {
    return this.#dropped > 0 ? [...this.problems, `${this.#dropped} more problem(s)`] : this.problems;
  }

  resolve(o: PdfObj | undefined): PdfObj | undefined {
    return this.doc.resolve(o);
  }

  dict(o: PdfObj | undefined): PdfDict | undefined {
    const r = this.doc.resolve(o);
    return r?.t === 'dict' ? r.v : r?.t === 'stream' ? r.dict : undefined;
  }

  stream(o: PdfObj | undefined): PdfStream | undefined {
    const r = this.doc.resolve(o);
    return r?.t === 'stream' ? r : undefined;
  }

  int(o: PdfObj | undefined): number | undefined {
    const r = this.doc.resolve(o);
    return r?.t === 'num' && Number.isInteger(r.v) ? r.v : undefined;
  }

  name(o: PdfObj | undefined): string | undefined {
    const r = this.doc.resolve(o);
    return r?.t === 'name' ? r.v : undefined;
  }

  /**
   * Decoded data of a stream, or undefined (with a problem naming `what`) when it cannot be decoded, its raw data is
   * over `maxRaw`, its decoded data is over `maxBytes`, or the document's decoding budget is spent.
   */
  data(s: PdfStream, what: string, maxBytes: number, maxRaw = maxBytes): Uint8Array | undefined {
    if (s.dataLength > maxRaw) {
      this.problem(`${what}: ${s.dataLength} stored bytes exceed the limit of ${maxRaw}`);
      return undefined;
    }
    if (this.#decoded > MAX_DECODED_BYTES) {
      this.problem(`${what}: not decoded, ${MAX_DECODED_BYTES} bytes of streams were decoded already`);
      return undefined;
    }
    if (!this.#undecodable.has(s) && this.#failures >= MAX_FAILED_DECODES) {
      this.problem(`${what}: not decoded, ${MAX_FAILED_DECODES} streams failed to decode already`);
      return undefined;
    }
    // Decoding stops one byte past the caller's limit: a Flate bomb costs what the use allows, not maxStreamBytes.
    const d = this.#undecodable.has(s) ? undefined : this.doc.streamData(s, true, maxBytes + 1);
    if (!d) {
      if (!this.#undecodable.has(s)) this.#failures++;
      this.#undecodable.add(s);
      const f = this.doc.resolve(s.dict.get('Filter'));
      const filters = f?.t === 'name' ? f.v : f?.t === 'array' ? f.v.map((x) => (x.t === 'name' ? x.v : '?')).join(', ') : 'none';
      this.problem(`${what}: cannot be decoded within ${maxBytes} bytes (filters: ${filters})`);
      return undefined;
    }
    this.#decoded += d.length;
    if (d.length > maxBytes) {
      this.problem(`${what}: ${d.length} decoded bytes exceed the limit of ${maxBytes}`);
      return undefined;
    }
    return d;
  }
}
