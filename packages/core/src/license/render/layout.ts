// The printed licence page (A4 portrait) of a record, as a draw list both writers (PDF, OFD) draw as is. The page is
// driven by the type's `layout` data (type-definition.ts), with defaults for every property:
//
//   frame ─ QR (a corner) ─ title (type name) ─ certificate name ─ English name
//   编号 <certificateNumber>  ──────────────── rule
//   <holder name> / <holder code> / surface fields in the type's order / 有效期限 <start> 至 <end|长期>
//     (full width, or half width side by side; long values wrapped, body size shrunk until the page fits)
//                                            <issuer label> <issueDept>     ← seal centred on these two lines
//                                            <date label>   <issueDate>
//   电子证照标识 <certificateIdentifier>
//
// Every text that shows a record value has role `value:<field>`; its lines joined are exactly displayValue(value).
// The long-term end of validity is the text 长期 with role `value:certificateValidateEnd`. All items are
// left-aligned (positions computed here with the font's advance widths), so writers need no measuring of their own.
import { FormatError, LimitError } from '../../errors.js';
import { measureText, missingCharacters, MM_PER_PT, wrapText } from '../../font/index.js';
import { FIELD_LABELS, HOLDER_TYPES, type LicenseRecord } from '../model.js';
import type { LicenseLayout, LicenseType, SurfaceField } from '../type-definition.js';
import type { DrawItem, DrawText, LicensePage, Rgb } from './draw-list.js';
import { qrModules, QR_MIN_MODULE_MM } from './qr-modules.js';

export interface LayoutOptions {
  /** The licence's signed QR code as a PNG (credential/qr `renderQr(qr, { format: 'png' })`). */
  qrPng: Uint8Array;
  /** Text under the QR code; default 扫码核验. '' for none. */
  qrCaption?: string;
}

/** A type's layout with every default filled in. */
export interface ResolvedLayout {
  titleSizePt: number;
  bodySizePt: number;
  accent: Rgb;
  border: 'none' | 'single' | 'double';
  subtitleEn: boolean;
  labels: Readonly<Record<string, string>>;
  halfWidth: ReadonlySet<string>;
  qr: { position: 'top-right' | 'top-left' | 'bottom-left' | 'bottom-right'; sizeMm: number };
  seal: { sizeMm: number };
}

export const DEFAULT_LAYOUT: ResolvedLayout = {
  titleSizePt: 26,
  bodySizePt: 11,
  accent: [0.62, 0.1, 0.1],
  border: 'double',
  subtitleEn: true,
  labels: {},
  halfWidth: new Set(),
  qr: { position: 'top-right', sizeMm: 30 },
  seal: { sizeMm: 42 },
};

/** A4 portrait, mm. */
export const PAGE = { widthMm: 210, heightMm: 297 } as const;
const FRAME = 10; // outer frame inset
const X0 = 20;
const X1 = 190;
const TOP = 20;
const IDENTIFIER_BASELINE = 280;
const MIN_BODY_PT = 7;
const LABEL_COLOR: Rgb = [0.22, 0.22, 0.22];
const VALUE_COLOR: Rgb = [0, 0, 0];
const NOTE_COLOR: Rgb = [0.4, 0.4, 0.4];

export function resolveLayout(type: Pick<LicenseType, 'layout'>): ResolvedLayout {
  const l: LicenseLayout = type.layout ?? {};
  return {
    titleSizePt: l.titleSizePt ?? DEFAULT_LAYOUT.titleSizePt,
    bodySizePt: l.bodySizePt ?? DEFAULT_LAYOUT.bodySizePt,
    accent: l.accent ?? DEFAULT_LAYOUT.accent,
    border: l.border ?? DEFAULT_LAYOUT.border,
    subtitleEn: l.subtitleEn ?? DEFAULT_LAYOUT.subtitleEn,
    labels: { ...(l.labels ?? {}) },
    halfWidth: new Set(l.halfWidth ?? []),
    qr: { position: l.qr?.position ?? DEFAULT_LAYOUT.qr.position, sizeMm: l.qr?.sizeMm ?? DEFAULT_LAYOUT.qr.sizeMm },
    seal: { sizeMm: l.seal?.sizeMm ?? DEFAULT_LAYOUT.seal.sizeMm },
  };
}

/**
 * A record value as printed: String(value), each control character, line or paragraph separator as a space (a text
 * item is one line). The `value:<field>` lines of a page joined are exactly this.
 */
export function displayValue(value: string | number): string {
  // eslint-disable-next-line no-control-regex
  return String(value).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

/** The label printed for a field reference (certificateHolder, surface.<key>, validity, ...). */
export function fieldLabel(ref: string, type: Pick<LicenseType, 'holderType' | 'fields' | 'layout'>): string {
  const own = type.layout?.labels?.[ref];
  if (own !== undefined) return own;
  if (ref.startsWith('surface.')) return type.fields.find((f) => `surface.${f.key}` === ref)?.label.zh ?? ref.slice(8);
  if (ref === 'validity') return '有效期限';
  if (ref === 'certificateHolder') return type.holderType === '001' ? '名称' : type.holderType === '111' ? '姓名' : FIELD_LABELS.certificateHolder.zh;
  if (ref === 'certificateHolderCode') return HOLDER_TYPES[type.holderType as keyof typeof HOLDER_TYPES]?.zh ?? FIELD_LABELS.certificateHolderCode.zh;
  if (ref === 'certificateNumber') return '编号';
  if (ref === 'issueDept') return '发证机关';
  if (ref === 'issueDate') return '发证日期';
  if (ref === 'certificateIdentifier') return '电子证照标识';
  return FIELD_LABELS[ref as keyof typeof FIELD_LABELS]?.zh ?? ref;
}

type Row =
  | { ref: string; field: string; label: string; value: string; unit?: string }
  | { ref: 'validity'; label: string; start: string; end: string | undefined };

const pt = (sizePt: number) => sizePt * MM_PER_PT; // em in mm
const lineStep = (sizePt: number) => pt(sizePt) * 1.5;
const ascent = (sizePt: number) => pt(sizePt) * 0.88;

function text(x: number, y: number, sizePt: number, s: string, opts: Partial<DrawText> = {}): DrawText {
  return { kind: 'text', xMm: x, yMm: y, sizePt, text: s, ...opts };
}

/** The body rows of a record: holder, holder code, the surface fields present (type order), validity. */
function bodyRows(record: LicenseRecord, type: LicenseType): Row[] {
  const rows: Row[] = [
    { ref: 'certificateHolder', field: 'certificateHolder', label: fieldLabel('certificateHolder', type), value: displayValue(record.certificateHolder) },
    { ref: 'certificateHolderCode', field: 'certificateHolderCode', label: fieldLabel('certificateHolderCode', type), value: displayValue(record.certificateHolderCode) },
  ];
  const surface = record.surface ?? {};
  for (const f of type.fields as SurfaceField[]) {
    const v = surface[f.key];
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
    const ref = `surface.${f.key}`;
    rows.push({ ref, field: ref, label: fieldLabel(ref, type), value: displayValue(v), ...(f.kind === 'money' && f.unit ? { unit: f.unit } : {}) });
  }
  rows.push({ ref: 'validity', label: fieldLabel('validity', type), start: displayValue(record.certificateValidateStart), end: record.certificateValidateEnd === undefined ? undefined : displayValue(record.certificateValidateEnd) });
  return rows;
}

/** Draw one row (label column + value column) from top y; returns its items and height. */
function drawRow(row: Row, x: number, width: number, labelW: number, size: number, y: number): { items: DrawItem[]; height: number } {
  const items: DrawItem[] = [];
  const step = lineStep(size);
  const labelLines = wrapText(row.label, labelW - 3, size, 'bold');
  labelLines.forEach((l, i) => items.push(text(x, y + ascent(size) + i * step, size, l, { weight: 'bold', color: LABEL_COLOR, role: `label:${row.ref}` })));
  const vx = x + labelW;
  const vw = width - labelW;
  let lines = 0;
  if ('value' in row) {
    const valueLines = wrapText(row.value, vw, size);
    valueLines.forEach((l, i) => items.push(text(vx, y + ascent(size) + i * step, size, l, { color: VALUE_COLOR, role: `value:${row.field}` })));
    lines = valueLines.length;
    if (row.unit !== undefined) {
      const last = valueLines[valueLines.length - 1] ?? '';
      const ux = vx + measureText(last, size) + 1;
      const uw = measureText(row.unit, size);
      if (ux + uw <= x + width) items.push(text(ux, y + ascent(size) + (lines - 1) * step, size, row.unit, { color: VALUE_COLOR }));
      else items.push(text(vx, y + ascent(size) + lines++ * step, size, row.unit, { color: VALUE_COLOR }));
    }
  } else {
    const endText = row.end ?? '长期';
    const sep = '至';
    const sw = measureText(row.start, size);
    const gap = 2;
    const startLines = wrapText(row.start, vw, size);
    startLines.forEach((l, i) => items.push(text(vx, y + ascent(size) + i * step, size, l, { color: VALUE_COLOR, role: 'value:certificateValidateStart' })));
    lines = startLines.length;
    const oneLine = startLines.length === 1 && sw + gap + measureText(sep, size) + gap + measureText(endText, size) <= vw;
    const sepX = oneLine ? vx + sw + gap : vx;
    const sepLine = oneLine ? 0 : lines++;
    items.push(text(sepX, y + ascent(size) + sepLine * step, size, sep, { color: LABEL_COLOR }));
    const ex = sepX + measureText(sep, size) + gap;
    const endLines = wrapText(endText, x + width - ex, size);
    endLines.forEach((l, i) => items.push(text(ex, y + ascent(size) + (sepLine + i) * step, size, l, { color: VALUE_COLOR, role: 'value:certificateValidateEnd' })));
    lines = Math.max(lines, sepLine + endLines.length);
  }
  return { items, height: Math.max(labelLines.length, lines) * step };
}

/** All body rows from top y at a size; returns items and the bottom. */
function drawBody(rows: Row[], layout: ResolvedLayout, size: number, top: number): { items: DrawItem[]; bottom: number } {
  const width = X1 - X0;
  const colGap = 6;
  const halfW = (width - colGap) / 2;
  const widest = Math.max(...rows.map((r) => measureText(r.label, size, 'bold')));
  // One label column for all rows (half-width ones too), so values line up down the page.
  const labelW = Math.min(Math.max(widest + 4, 20), 40);
  const items: DrawItem[] = [];
  let y = top;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const next = rows[i + 1];
    let h: number;
    // Half-width rows pair up when consecutive; one without a partner takes the whole width.
    if (layout.halfWidth.has(r.ref) && next && layout.halfWidth.has(next.ref)) {
      const left = drawRow(r, X0, halfW, labelW, size, y);
      const right = drawRow(next, X0 + halfW + colGap, halfW, labelW, size, y);
      items.push(...left.items, ...right.items);
      h = Math.max(left.height, right.height);
      i++;
    } else {
      const row = drawRow(r, X0, width, labelW, size, y);
      items.push(...row.items);
      h = row.height;
    }
    y += h + pt(size) * 1.0;
  }
  return { items, bottom: y };
}

function checkCharacters(texts: string[], weight: 'regular' | 'bold'): void {
  const missing = missingCharacters(texts.join(''), weight);
  if (missing.length > 0) {
    const list = missing.slice(0, 10).map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
    throw new FormatError(`the licence font has no glyph for ${list}${missing.length > 10 ? ', …' : ''}`);
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Lay out a licence record of a type on one A4 page. Throws FormatError (the record is of another type, a character
 * the font lacks, no PNG) or LimitError (the fields do not fit on the page even at 7 pt).
 */
export function layoutLicense(record: LicenseRecord, type: LicenseType, opts: LayoutOptions): LicensePage {
  if (!record || typeof record !== 'object') throw new FormatError('layoutLicense: no record');
  if (record.certificateTypeCode !== type.code) throw new FormatError(`the record's type ${String(record.certificateTypeCode)} is not ${type.code} (${type.name})`);
  if (!(opts?.qrPng instanceof Uint8Array) || PNG_SIGNATURE.some((b, i) => opts.qrPng[i] !== b)) throw new FormatError('layoutLicense: qrPng must be a PNG');
  const layout = resolveLayout(type);
  const rows = bodyRows(record, type);
  const caption = opts.qrCaption ?? '扫码核验';
  const number = displayValue(record.certificateNumber);
  const issuer = displayValue(record.issueDept);
  const issueDate = displayValue(record.issueDate);
  const identifier = displayValue(record.certificateIdentifier);
  const certName = displayValue(record.certificateName);
  const labelRefs = ['certificateNumber', 'issueDept', 'issueDate', 'certificateIdentifier'] as const;
  checkCharacters([type.name, ...rows.map((r) => r.label), ...labelRefs.map((r) => fieldLabel(r, type))], 'bold');
  checkCharacters([certName, layout.subtitleEn ? type.nameEn : '', caption, number, issuer, issueDate, identifier, '至长期', ...rows.flatMap((r) => ('value' in r ? [r.value, r.unit ?? ''] : [r.start, r.end ?? '']))], 'regular');

  const items: DrawItem[] = [];
  const { accent } = layout;
  // Frame.
  if (layout.border !== 'none') {
    items.push({ kind: 'rect', xMm: FRAME, yMm: FRAME, wMm: PAGE.widthMm - 2 * FRAME, hMm: PAGE.heightMm - 2 * FRAME, strokePt: layout.border === 'double' ? 1.6 : 1, stroke: accent });
    if (layout.border === 'double') items.push({ kind: 'rect', xMm: FRAME + 2.5, yMm: FRAME + 2.5, wMm: PAGE.widthMm - 2 * FRAME - 5, hMm: PAGE.heightMm - 2 * FRAME - 5, strokePt: 0.5, stroke: accent });
  }

  // Placed first (the body fits between them), drawn in page order: the draw list reads top to bottom.
  const footer: DrawItem[] = [];
  const qrItems: DrawItem[] = [];
  const issuerItems: DrawItem[] = [];
  // Footer: the identifier, its last line on IDENTIFIER_BASELINE.
  const idSize = 7.5;
  const idLabel = fieldLabel('certificateIdentifier', type);
  const idLabelW = measureText(idLabel, idSize, 'bold') + 2;
  const idLines = wrapText(identifier, X1 - X0 - idLabelW, idSize);
  const idTop = IDENTIFIER_BASELINE - (idLines.length - 1) * lineStep(idSize);
  footer.push(text(X0, idTop, idSize, idLabel, { weight: 'bold', color: NOTE_COLOR, role: 'label:certificateIdentifier' }));
  idLines.forEach((l, i) => footer.push(text(X0 + idLabelW, idTop + i * lineStep(idSize), idSize, l, { color: NOTE_COLOR, role: 'value:certificateIdentifier' })));

  // QR code and its caption; larger than the layout asks when its modules would print under QR_MIN_MODULE_MM.
  const q = Math.min(Math.max(layout.qr.sizeMm, Math.ceil(qrModules(opts.qrPng) * QR_MIN_MODULE_MM)), 60);
  const captionSize = 7.5;
  const captionH = caption === '' ? 0 : lineStep(captionSize) + 1;
  const qrTop = layout.qr.position.startsWith('top');
  const qrRight = layout.qr.position.endsWith('right');
  const qrX = qrRight ? X1 - q : X0;
  const qrY = qrTop ? TOP - 4 : idTop - pt(idSize) - 6 - captionH - q;
  qrItems.push({ kind: 'image', xMm: qrX, yMm: qrY, wMm: q, hMm: q, png: opts.qrPng, role: 'qr' });
  if (caption !== '') qrItems.push(text(qrX + (q - measureText(caption, captionSize)) / 2, qrY + q + ascent(captionSize) + 0.5, captionSize, caption, { color: NOTE_COLOR }));

  // Issuer block (label column + value column), bottom right (left of a bottom-right QR code).
  const is = Math.min(layout.bodySizePt, 12);
  const isStep = lineStep(is);
  const issuerLabel = fieldLabel('issueDept', type);
  const dateLabel = fieldLabel('issueDate', type);
  const blockRight = !qrTop && qrRight ? qrX - 8 : X1 - 4;
  const blockLeftLimit = !qrTop && !qrRight ? qrX + q + 4 : X0;
  const labelW = Math.max(measureText(issuerLabel, is, 'bold'), measureText(dateLabel, is, 'bold')) + 4;
  const issuerLines = wrapText(issuer, Math.min(95, blockRight - labelW - blockLeftLimit), is);
  const valueW = Math.max(...issuerLines.map((l) => measureText(l, is)), measureText(issueDate, is));
  const valueX = blockRight - valueW;
  const labelX = valueX - labelW;
  const dateBaseline = idTop - pt(idSize) - 10;
  const issuerFirst = dateBaseline - isStep * 1.2 - (issuerLines.length - 1) * isStep;
  issuerItems.push(text(labelX, issuerFirst, is, issuerLabel, { weight: 'bold', color: LABEL_COLOR, role: 'label:issueDept' }));
  issuerLines.forEach((l, i) => issuerItems.push(text(valueX, issuerFirst + i * isStep, is, l, { color: VALUE_COLOR, role: 'value:issueDept' })));
  issuerItems.push(text(labelX, dateBaseline, is, dateLabel, { weight: 'bold', color: LABEL_COLOR, role: 'label:issueDate' }));
  issuerItems.push(text(valueX, dateBaseline, is, issueDate, { color: VALUE_COLOR, role: 'value:issueDate' }));
  // The seal covers the issuer's name and the date, as on paper; kept inside the frame and off the QR code.
  const S = layout.seal.sizeMm;
  const blockTop = issuerFirst - ascent(is);
  let sx = Math.min(Math.max(valueX + valueW / 2 - S / 2, FRAME + 3), PAGE.widthMm - FRAME - 3 - S);
  const sy = Math.min((blockTop + dateBaseline) / 2 - S / 2, PAGE.heightMm - FRAME - 3 - S);
  if (!qrTop && sx < qrX + q + 2 && sx + S > qrX - 2) sx = qrRight ? qrX - 2 - S : qrX + q + 2;
  const sealRect = { xMm: sx, yMm: sy, wMm: S, hMm: S };

  // Header: title, certificate name, English name, centred between the QR columns.
  const side = qrTop ? q + 4 : 0;
  const headW = X1 - X0 - 2 * side;
  const cx = (X0 + X1) / 2;
  let ts = layout.titleSizePt;
  while (ts > 14 && measureText(type.name, ts, 'bold') > headW) ts -= 1;
  let y = TOP + ascent(ts);
  for (const l of wrapText(type.name, headW, ts, 'bold')) {
    items.push(text(cx - measureText(l, ts, 'bold') / 2, y, ts, l, { weight: 'bold', color: accent, role: 'title' }));
    y += pt(ts) * 1.25;
  }
  y -= pt(ts) * 1.25;
  if (certName !== type.name) {
    const cs = 13;
    y += pt(cs) * 1.7;
    for (const l of wrapText(certName, headW, cs)) {
      items.push(text(cx - measureText(l, cs) / 2, y, cs, l, { color: VALUE_COLOR, role: 'value:certificateName' }));
      y += lineStep(cs);
    }
    y -= lineStep(cs);
  }
  if (layout.subtitleEn) {
    const es = 9;
    y += pt(es) * 1.8;
    for (const l of wrapText(type.nameEn, headW, es)) {
      items.push(text(cx - measureText(l, es) / 2, y, es, l, { color: NOTE_COLOR }));
      y += lineStep(es);
    }
    y -= lineStep(es);
  }
  if (qrTop) items.push(...qrItems);
  const headBottom = Math.max(y + 3, qrTop ? qrY + q + captionH : 0);

  // Licence number and a rule.
  const ns = layout.bodySizePt;
  const numberLabel = fieldLabel('certificateNumber', type);
  const nx = X0 + measureText(numberLabel, ns, 'bold') + 3;
  let ny = headBottom + 5 + ascent(ns);
  items.push(text(X0, ny, ns, numberLabel, { weight: 'bold', color: LABEL_COLOR, role: 'label:certificateNumber' }));
  const numberLines = wrapText(number, X1 - nx, ns);
  numberLines.forEach((l, i) => items.push(text(nx, ny + i * lineStep(ns), ns, l, { color: VALUE_COLOR, role: 'value:certificateNumber' })));
  ny += (numberLines.length - 1) * lineStep(ns);
  const ruleY = ny + 3.5;
  items.push({ kind: 'line', x1Mm: X0, y1Mm: ruleY, x2Mm: X1, y2Mm: ruleY, widthPt: 0.6, color: accent });

  // Body: shrink until it ends above the issuer block, its seal and a bottom QR code.
  const limit = Math.min(blockTop - 6, sy + 8, qrTop ? Infinity : qrY - 4);
  for (let size = layout.bodySizePt; ; size -= 0.5) {
    const body = drawBody(rows, layout, size, ruleY + 5);
    if (body.bottom <= limit) {
      items.push(...body.items, ...(qrTop ? [] : qrItems), ...issuerItems, ...footer);
      break;
    }
    if (size - 0.5 < MIN_BODY_PT) throw new LimitError(`the licence does not fit on one page (fields end at ${body.bottom.toFixed(0)} mm, room to ${limit.toFixed(0)} mm, at ${MIN_BODY_PT} pt)`);
  }
  return { widthMm: PAGE.widthMm, heightMm: PAGE.heightMm, items, sealRect };
}
