// The page of a licence document as a list of things to draw, in millimetres from the TOP-LEFT corner of the page
// (as a reader measures a printed form). The layout step (layout.ts) produces it from a record and its type; the PDF
// and OFD writers draw exactly this list, so both formats show the same page, and the verifier knows which text
// stands for which record field (`role`).

/** RGB, each 0..1. */
export type Rgb = readonly [number, number, number];

export interface DrawText {
  kind: 'text';
  /** Anchor x (see `align`) and BASELINE y, mm from the top-left. */
  xMm: number;
  yMm: number;
  sizePt: number;
  /** One line, already wrapped by the layout (no line breaks). */
  text: string;
  weight?: 'regular' | 'bold';
  align?: 'left' | 'center' | 'right';
  color?: Rgb;
  /**
   * What the text shows: `value:<field>` for (a line of) a record field's value, `label:<field>` for its label,
   * `title`, `issuer`, `date`, `identifier`, or absent for decoration. `<field>` is a GB/T 36903 name
   * (certificateHolder, certificateNumber, ...) or `surface.<key>`.
   */
  role?: string;
}

export interface DrawLine {
  kind: 'line';
  x1Mm: number;
  y1Mm: number;
  x2Mm: number;
  y2Mm: number;
  widthPt: number;
  color?: Rgb;
}

export interface DrawRect {
  kind: 'rect';
  xMm: number;
  yMm: number;
  wMm: number;
  hMm: number;
  strokePt?: number;
  stroke?: Rgb;
  fill?: Rgb;
}

export interface DrawImage {
  kind: 'image';
  xMm: number;
  yMm: number;
  wMm: number;
  hMm: number;
  /** PNG bytes. */
  png: Uint8Array;
  /** 'qr' is the licence's signed QR code (the verifier decodes it). */
  role?: 'qr' | 'decoration';
}

export type DrawItem = DrawText | DrawLine | DrawRect | DrawImage;

export interface LicensePage {
  widthMm: number;
  heightMm: number;
  items: DrawItem[];
  /** Where the issuer's seal goes (the visible signature appearance on PDF, the stamp annotation on OFD). */
  sealRect: { xMm: number; yMm: number; wMm: number; hMm: number };
}
