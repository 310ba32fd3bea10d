// readPdfLicenseParts: the licence parts of a PDF as of its last revision (what a viewer shows): the attached
// credential, the XMP identifier, page 1's text and the QR codes in its images. Bounded; never throws.
import { openPdf } from '../../pdf/document/index.js';
import type { PdfDocument } from '../../pdf/document/index.js';
import { MAX_IMAGES, MAX_TOTAL_PIXELS } from './limits.js';
import { PdfReadContext } from './pdf-context.js';
import { readPdfCredential, readXmpIdentifier } from './pdf-embedded.js';
import { imagePixels, imageSize } from './pdf-image.js';
import { readFirstPage } from './pdf-page.js';
import { findQr } from './qr-pixels.js';
import type { PdfLicenseParts, ReadOptions } from './types.js';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** QR texts of the images page 1 paints, within the image count and pixel budgets. */
function qrCodes(ctx: PdfReadContext, images: ReturnType<typeof readFirstPage>['images'], out: PdfLicenseParts): void {
  let budget = MAX_TOTAL_PIXELS;
  const texts = new Set<string>();
  for (const [i, img] of images.entries()) {
    const what = `page 1 image ${i + 1}${img.num ? ` (object ${img.num})` : ''}`;
    if (out.imagesSearched >= MAX_IMAGES) {
      ctx.notSearched(`page 1 paints more than ${MAX_IMAGES} images; the rest are not searched for QR codes`);
      break;
    }
    const size = imageSize(ctx, img.stream);
    if ('skip' in size) {
      // Too small or not QR-shaped: decorations and rules. Too large is another matter: a viewer shows it, and a
      // scanned page or a big picture can hold a QR code — say it was not searched (the QR check is then unsure).
      if (size.oversized) ctx.notSearched(`${what}: not searched, ${size.skip}`);
      continue;
    }
    if (size.width * size.height > budget) {
      ctx.notSearched(`${what}: not searched, the pixel budget of ${MAX_TOTAL_PIXELS} is spent`);
      continue;
    }
    const px = imagePixels(ctx, img.stream, size, what);
    if (!px) {
      // imagePixels noted why.
      ctx.notSearched(`${what}: not searched, it cannot be decoded`, true);
      continue;
    }
    out.imagesSearched++;
    budget -= px.width * px.height;
    const text = findQr(px);
    if (text !== undefined) texts.add(text);
  }
  out.qrTexts = [...texts];
}

/** Read from an opened document (verify's path: the model verifyPdf opened, so the PDF is parsed once). */
export function readPdfParts(doc: PdfDocument, opts: ReadOptions = {}): PdfLicenseParts {
  const out: PdfLicenseParts = { format: 'pdf', credentialAttached: false, text: [], qrTexts: [], imagesSearched: 0, unsearched: [], problems: [] };
  const ctx = new PdfReadContext(doc);
  try {
    if (doc.encrypted) {
      ctx.problem('the document is encrypted: its licence parts are not read');
      return out;
    }
    const catalog = doc.catalog();
    if (!catalog) {
      ctx.problem('the document has no readable catalog');
      return out;
    }
    const cred = readPdfCredential(ctx, catalog);
    out.credentialAttached = cred.attached;
    if (cred.jws !== undefined) out.credentialJws = cred.jws;
    for (const p of cred.problems) ctx.problem(p);
    const id = readXmpIdentifier(ctx, catalog);
    if (id !== undefined) out.xmpIdentifier = id;
    if (opts.page === 'if-licence' && !out.credentialAttached && out.xmpIdentifier === undefined) return out;
    const page = readFirstPage(ctx);
    out.text = page.text;
    qrCodes(ctx, page.images, out);
  } catch (e) {
    // Defensive: the readers are written not to throw; a bug still becomes a problem, never an exception.
    ctx.problem(`internal error while reading the licence parts: ${message(e)}`);
  } finally {
    out.problems = ctx.finishProblems();
    out.unsearched = ctx.unsearched;
  }
  return out;
}

/**
 * The licence parts of a PDF. Never throws: what cannot be read is in `problems`. The document is opened with the
 * model's default limits, those verifyPdf opens it with: read alone or after the verifier, the same objects are seen.
 */
export function readPdfLicenseParts(bytes: Uint8Array, opts: ReadOptions = {}): PdfLicenseParts {
  let doc: PdfDocument;
  try {
    doc = openPdf(bytes);
  } catch (e) {
    return { format: 'pdf', credentialAttached: false, text: [], qrTexts: [], imagesSearched: 0, unsearched: [], problems: [`the PDF cannot be opened: ${message(e)}`] };
  }
  return readPdfParts(doc, opts);
}
