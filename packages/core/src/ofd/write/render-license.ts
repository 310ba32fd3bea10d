// A licence page (the draw list the PDF writer draws too) as an OFD package: the same texts, lines, rectangles and
// images at the same places, with the same CJK font embedded; the signed credential (JWS) attached as
// license-credential.jws (Format "jws"); the licence identifier in DocInfo CustomData "licenseIdentifier". Each
// text's role (value:<field>, label:<field>, title, …) and the QR image's role become the objects' Name, so a
// verifier can tell which text shows which record field without guessing from positions.
import { FormatError } from '../../errors.js';
import { subsetFont } from '../../font/index.js';
import type { DrawItem, DrawText, LicensePage } from '../../license/render/draw-list.js';
import type { OfdObjectInput, OfdWriteInput } from './types.js';
import { writeOfd } from './write-ofd.js';

/** Attachment name (and file name in Doc_0/Attachs/) of the credential. */
export const LICENSE_CREDENTIAL_ATTACHMENT = 'license-credential.jws';
/** DocInfo CustomData name holding the licence identifier. */
export const LICENSE_IDENTIFIER_CUSTOM_DATA = 'licenseIdentifier';

/** 1 pt in mm. */
const PT = 25.4 / 72;
/** Rectangle outline width when a rect names a stroke colour but no width (PDF's default line width, as the PDF writer). */
const DEFAULT_STROKE_PT = 1;
/** A width of 0 means "the thinnest line" in PDF; OFD has no such value: a quarter point stands for it. */
const HAIRLINE_PT = 0.25;
const lineMm = (pt: number): number => (pt === 0 ? HAIRLINE_PT : pt) * PT;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;
const MAX_JWS_CHARS = 1024 * 1024;

export interface RenderLicenseOfdOptions {
  /**
   * Font programs (OpenType, covering the page's characters): regular, and bold for bold texts (without one, bold
   * texts use the regular font with Weight 700, a synthetic bold). Default: subsets of the shipped Noto Sans Hans
   * Regular and Bold (font/subsetFont) to the page's regular and bold texts — the glyphs the PDF embeds.
   */
  fonts?: { regular: Uint8Array; bold?: Uint8Array };
  /** The signed credential, compact JWS. */
  credentialJws: string;
  /** The licence identifier (CustomData "licenseIdentifier"). */
  identifier: string;
  /** DocInfo Title, e.g. the licence type's name. */
  title: string;
  /** DocInfo Author, e.g. the issuing authority. */
  author?: string;
  subject?: string;
  /** DocInfo CreationDate (UTC date), attachment CreationDate, ZIP member times. */
  creationDate: Date;
  /** More CustomData entries after licenseIdentifier. */
  customData?: readonly { name: string; value: string }[];
  /** Default: derived from the content. */
  docId?: string;
  creatorVersion?: string;
}

function mapItem(item: DrawItem, i: number, hasBold: boolean): OfdObjectInput {
  switch (item?.kind) {
    case 'text': {
      const bold = item.weight === 'bold';
      return {
        kind: 'text',
        font: bold && hasBold ? 'bold' : 'regular',
        sizeMm: item.sizePt * PT,
        xMm: item.xMm,
        yMm: item.yMm,
        text: item.text,
        ...(item.align !== undefined ? { align: item.align } : {}),
        ...(item.color !== undefined ? { color: item.color } : {}),
        ...(bold && !hasBold ? { weight: 700 } : {}),
        ...(item.role !== undefined ? { name: item.role } : {}),
      };
    }
    case 'line':
      return { kind: 'line', x1Mm: item.x1Mm, y1Mm: item.y1Mm, x2Mm: item.x2Mm, y2Mm: item.y2Mm, widthMm: lineMm(item.widthPt), ...(item.color !== undefined ? { color: item.color } : {}) };
    case 'rect': {
      const stroked = item.stroke !== undefined || item.strokePt !== undefined;
      return {
        kind: 'rect',
        xMm: item.xMm,
        yMm: item.yMm,
        wMm: item.wMm,
        hMm: item.hMm,
        ...(stroked ? { stroke: { widthMm: lineMm(item.strokePt ?? DEFAULT_STROKE_PT), ...(item.stroke !== undefined ? { color: item.stroke } : {}) } } : {}),
        ...(item.fill !== undefined ? { fill: item.fill } : {}),
      };
    }
    case 'image':
      return { kind: 'image', xMm: item.xMm, yMm: item.yMm, wMm: item.wMm, hMm: item.hMm, png: item.png, ...(item.role !== undefined ? { name: item.role } : {}) };
    default:
      throw new FormatError(`licence page item ${i + 1}: unknown kind ${JSON.stringify((item as { kind?: unknown } | undefined)?.kind)}`);
  }
}

/** Subsets of the shipped font to the page's texts, per weight (as the PDF writer makes them). */
function shippedSubsets(page: LicensePage): { regular: Uint8Array; bold?: Uint8Array } {
  const texts = page.items.filter((i): i is DrawText => i?.kind === 'text' && typeof i.text === 'string' && i.text !== '');
  const bold = texts.filter((t) => t.weight === 'bold').map((t) => t.text);
  const regular = texts.filter((t) => t.weight !== 'bold').map((t) => t.text);
  return { regular: subsetFont(regular, 'regular').otf, ...(bold.length ? { bold: subsetFont(bold, 'bold').otf } : {}) };
}

/** The writer input for a licence page (what renderLicenseOfd writes). Throws FormatError for unusable options. */
export function licenseOfdInput(page: LicensePage, opts: RenderLicenseOfdOptions): OfdWriteInput {
  if (!page || !Array.isArray(page.items)) throw new FormatError('renderLicenseOfd: no licence page');
  if (typeof opts.credentialJws !== 'string' || opts.credentialJws.length > MAX_JWS_CHARS || !COMPACT_JWS.test(opts.credentialJws)) {
    throw new FormatError('renderLicenseOfd: the credential is not a compact JWS');
  }
  if (typeof opts.identifier !== 'string' || opts.identifier.trim() === '') throw new FormatError('renderLicenseOfd: no licence identifier');
  const fonts = opts.fonts ?? shippedSubsets(page);
  if (!(fonts.regular instanceof Uint8Array)) throw new FormatError('renderLicenseOfd: no regular font program');
  const hasBold = fonts.bold !== undefined;
  if (hasBold && !(fonts.bold instanceof Uint8Array)) throw new FormatError('renderLicenseOfd: the bold font program must be bytes');
  return {
    info: {
      ...(opts.docId !== undefined ? { docId: opts.docId } : {}),
      title: opts.title,
      ...(opts.author !== undefined ? { author: opts.author } : {}),
      ...(opts.subject !== undefined ? { subject: opts.subject } : {}),
      creator: 'heyan',
      ...(opts.creatorVersion !== undefined ? { creatorVersion: opts.creatorVersion } : {}),
      customData: [{ name: LICENSE_IDENTIFIER_CUSTOM_DATA, value: opts.identifier }, ...(opts.customData ?? [])],
    },
    creationDate: opts.creationDate,
    pageArea: { widthMm: page.widthMm, heightMm: page.heightMm },
    fonts: [{ key: 'regular', data: fonts.regular }, ...(hasBold ? [{ key: 'bold', data: fonts.bold!, bold: true }] : [])],
    pages: [{ objects: page.items.map((it, i) => mapItem(it, i, hasBold)) }],
    attachments: [{ name: LICENSE_CREDENTIAL_ATTACHMENT, format: 'jws', data: new TextEncoder().encode(opts.credentialJws) }],
  };
}

/** A licence page as an unsigned OFD package (seal it with sealLicenseOfd). */
export function renderLicenseOfd(page: LicensePage, opts: RenderLicenseOfdOptions): Uint8Array {
  return writeOfd(licenseOfdInput(page, opts));
}
