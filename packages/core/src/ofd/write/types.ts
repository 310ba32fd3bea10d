// The input of the OFD writer: a document as pages of objects positioned in millimetres from the page's top-left
// corner (OFD's own coordinate system: y grows downwards, TextCode Y is the baseline), the fonts and images they
// use, attachments and document metadata. Independent of licences: render-license.ts maps a LicensePage onto it.

/** RGB, each component 0..1 (written as 0..255 integers in the default sRGB space). */
export type OfdRgb = readonly [number, number, number];

export interface OfdFontInput {
  /** Key the text objects name in `font`. */
  key: string;
  /** An OpenType font program: CFF ('OTTO') or TrueType outlines. Embedded as is (subset it first). */
  data: Uint8Array;
  /** Font FontName / FamilyName attributes; default the font's PostScript name and family name. */
  fontName?: string;
  familyName?: string;
  /** Font Bold / Italic attributes: the program itself is bold or italic. */
  bold?: boolean;
  italic?: boolean;
}

export interface OfdTextInput {
  kind: 'text';
  /** Key of an OfdFontInput. */
  font: string;
  /** Font size in mm (OFD's Size unit; 1 pt = 25.4 / 72 mm). */
  sizeMm: number;
  /** Anchor x (see `align`) and BASELINE y, mm from the page's top-left. */
  xMm: number;
  yMm: number;
  /** One line; tab, CR and LF are refused. An empty string draws nothing (no object is written). */
  text: string;
  align?: 'left' | 'center' | 'right';
  /** Fill colour; default black. */
  color?: OfdRgb;
  /** TextObject Weight (100..900), for a synthetic bold when no bold font program is embedded. */
  weight?: number;
  /**
   * The advance of each character (code point) in mm. Default: the font's horizontal advance of the glyph its cmap
   * maps the character to, which is what an OFD reader draws (it maps TextCode characters through the cmap).
   */
  advancesMm?: readonly number[];
  /** The object's Name attribute (e.g. which record field the text shows). */
  name?: string;
}

export interface OfdLineInput {
  kind: 'line';
  x1Mm: number;
  y1Mm: number;
  x2Mm: number;
  y2Mm: number;
  widthMm: number;
  /** Default black. */
  color?: OfdRgb;
  name?: string;
}

export interface OfdRectInput {
  kind: 'rect';
  /** Top-left corner and size. */
  xMm: number;
  yMm: number;
  wMm: number;
  hMm: number;
  /** Outline; none when absent. */
  stroke?: { widthMm: number; color?: OfdRgb };
  /** Fill colour; none when absent. A rect with neither draws nothing (no object is written). */
  fill?: OfdRgb;
  name?: string;
}

export interface OfdImageInput {
  kind: 'image';
  /** Top-left corner and size the image is scaled to. */
  xMm: number;
  yMm: number;
  wMm: number;
  hMm: number;
  /** PNG bytes (identical images share one resource). */
  png: Uint8Array;
  name?: string;
}

export type OfdObjectInput = OfdTextInput | OfdLineInput | OfdRectInput | OfdImageInput;

export interface OfdPageInput {
  /** The page's own size when it differs from the document's page area. */
  widthMm?: number;
  heightMm?: number;
  /** Drawn in this order (later objects on top). */
  objects: readonly OfdObjectInput[];
}

export interface OfdAttachmentInput {
  /** Attachment Name (shown by readers). */
  name: string;
  /** Attachment Format, e.g. 'jws'. */
  format?: string;
  data: Uint8Array;
  /**
   * File name inside Doc_0/Attachs/; default `name` when it is a plain file name ([A-Za-z0-9._-], not starting
   * with '.'), else attachment_<ID>.
   */
  fileName?: string;
  /** Attachment Visible; default true (the standard's default: listed by readers). */
  visible?: boolean;
}

export interface OfdDocInfoInput {
  /** 32 hex digits; default derived from the content (same input, same DocID). */
  docId?: string;
  title?: string;
  author?: string;
  subject?: string;
  abstract?: string;
  keywords?: readonly string[];
  /** Default 'heyan'. */
  creator?: string;
  creatorVersion?: string;
  /** DocInfo CustomDatas, in this order; names unique. */
  customData?: readonly { name: string; value: string }[];
}

export interface OfdWriteInput {
  info: OfdDocInfoInput;
  /**
   * DocInfo CreationDate (its UTC date), the attachments' CreationDate and the time of every ZIP member: the
   * output is a function of the input alone.
   */
  creationDate: Date;
  /** Document.xml PageArea PhysicalBox; default A4 (210 × 297 mm). */
  pageArea?: { widthMm: number; heightMm: number };
  fonts: readonly OfdFontInput[];
  pages: readonly OfdPageInput[];
  attachments?: readonly OfdAttachmentInput[];
}
