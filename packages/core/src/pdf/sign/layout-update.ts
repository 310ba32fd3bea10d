// Lays out the incremental update of one signature or document timestamp: signature dictionary with a zero-filled
// /Contents placeholder and a fixed-width /ByteRange, the field/widget, the appearance, and the changed page, /Annots,
// /AcroForm, /Fields and catalog objects. Earlier signatures' objects are never rewritten; only the /Fields and
// /Annots arrays (or the dictionaries holding them directly) gain an entry. Rewritten objects are taken from the
// document model as of the last revision (what the xref chain makes current) and written from their decoded values.
import { FormatError, UnsupportedError } from '../../errors.js';
import type { ByteRange } from '../byte-range.js';
import type { PdfObj } from '../document/types.js';
import { parseObjectAt } from '../lexer.js';
import type { ImageXObject } from './image-xobject.js';
import { writeIncrementalUpdate, type UpdateObject } from './incremental-update.js';
import type { ObjRef, PdfForUpdate } from './open-for-update.js';
import { appearanceMatrix, type PlacedRect } from './page-rect.js';
import { pdfNumber, pdfTextString, ref } from './pdf-syntax.js';
import { PdfPlacementError } from './placement-error.js';
import { serializeObj } from './serialize.js';

export interface LayoutInput {
  /**
   * Signature dictionary entries other than /ByteRange and /Contents (e.g. `/Type /Sig /Filter … /M <…>`). Any text
   * the caller chose must be written as a hex string: it then cannot hold delimiters or keywords.
   */
  sigEntries: string;
  /** Bytes reserved for the CMS (the hex placeholder has twice as many digits). */
  contentsCapacity: number;
  fieldName: string;
  /** 0-based page index and the placed rectangle; absent: invisible on page 1. */
  appearance?: { pageIndex: number; placed: PlacedRect; image: ImageXObject };
  /** DocMDP P: adds /Reference to the signature dictionary and /Perms /DocMDP to the catalog. */
  certify?: 1 | 2 | 3;
}

export interface Layout {
  bytes: Uint8Array;
  byteRange: ByteRange;
  /** Offset of the first hex digit inside `/Contents <…>`. */
  contentsHexStart: number;
  contentsCapacity: number;
}

/** Width reserved between `[` and `]` for "0 a b c" with up to 10-digit numbers. */
const BYTE_RANGE_WIDTH = 34;
const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');
type Dict = Map<string, PdfObj>;

export function layoutUpdate(upd: PdfForUpdate, input: LayoutInput): Layout {
  const { doc } = upd;
  let next = upd.nextObject;
  const alloc = (): number => next++;
  const objects: UpdateObject[] = [];
  const add = (num: number, body: Uint8Array | string, gen = 0): void => {
    const i = objects.findIndex((x) => x.num === num);
    if (i >= 0) objects.splice(i, 1);
    objects.push({ num, gen, body: typeof body === 'string' ? enc(body) : body });
  };

  // Objects to rewrite: the current definition (xref chain, last revision), copied so the model's cache stays as read.
  // Unreadable, or found by scanning away from where the xref points: which copy is meant is a guess — refused.
  const sound = (num: number, what: string): void => {
    if (doc.unreadable(num)) throw new UnsupportedError(`the ${what} (object ${num}) cannot be read: the document is damaged; repair it first`);
    const d = doc.definedIn(num);
    const loc = doc.objectLocation(num);
    if (d?.entry.kind === 'offset' && loc && loc.inStream === undefined && !onlyWhitespace(upd.pdf, d.entry.offset, loc.start)) {
      throw new UnsupportedError(`the ${what} (object ${num}) is not where the xref says (listed at ${d.entry.offset}, found at ${loc.start}): repair the file first`);
    }
  };
  const current = <T extends 'dict' | 'array'>(r: ObjRef, t: T, what: string): Extract<PdfObj, { t: T }> => {
    sound(r.num, what);
    const o = doc.getObject(r.num);
    if (o?.t === 'stream') throw new UnsupportedError(`the ${what} (object ${r.num}) is a stream: not rewritten`);
    if (o?.t !== t) throw new FormatError(`the ${what} (object ${r.num}) is not ${t === 'dict' ? 'a dictionary' : 'an array'}`);
    return structuredClone(o) as Extract<PdfObj, { t: T }>;
  };
  const genOf = (r: ObjRef): number => {
    const d = doc.definedIn(r.num);
    return d?.entry.kind === 'offset' ? d.entry.gen : d?.entry.kind === 'compressed' ? 0 : r.gen;
  };
  const rewrite = (r: ObjRef, o: PdfObj): void => add(r.num, serializeObj(o), genOf(r));
  /** A direct value, or the referenced object's current value (copied) and its reference. */
  const valueOf = (o: PdfObj | undefined, what: string): { value?: PdfObj; ref?: ObjRef } => {
    if (o?.t !== 'ref') return o === undefined ? {} : { value: o };
    sound(o.num, what);
    const v = doc.getObject(o.num);
    if (v?.t === 'stream') throw new UnsupportedError(`the ${what} (object ${o.num}) is a stream: not rewritten`);
    return v === undefined ? { ref: o } : { value: structuredClone(v), ref: o };
  };

  const sigNum = alloc();
  const widgetNum = alloc();
  const pageIndex = input.appearance?.pageIndex ?? 0;
  const pageRef = upd.pages[pageIndex];
  if (!pageRef) throw new PdfPlacementError(`page ${pageIndex + 1} does not exist (the document has ${upd.pages.length})`);
  const page = current(pageRef, 'dict', `page ${pageIndex + 1}`);
  const catalog = current(upd.catalogRef, 'dict', 'document catalog');

  // Signature dictionary, its /ByteRange and /Contents positions recorded as they are emitted.
  const reference = input.certify
    ? ` /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${input.certify} /V /1.2 >> >>]`
    : '';
  let sigBody = `<< ${input.sigEntries}${reference} /ByteRange [`;
  const brRel = sigBody.length;
  sigBody += `${' '.repeat(BYTE_RANGE_WIDTH)}] /Contents `;
  const ltRel = sigBody.length;
  sigBody += `<${'0'.repeat(input.contentsCapacity * 2)}> >>`;
  add(sigNum, sigBody);

  // Field merged with its widget annotation. /F 132 = Print + Locked.
  let rect = '[0 0 0 0]';
  let ap = '';
  if (input.appearance) {
    const { placed, image: img } = input.appearance;
    rect = `[${placed.rect.map(pdfNumber).join(' ')}]`;
    const imgNum = alloc();
    let smask = '';
    if (img.smask) {
      const smaskNum = alloc();
      add(smaskNum, streamBody(img.smask.dict, img.smask.data));
      smask = ` /SMask ${ref(smaskNum)}`;
    }
    add(imgNum, streamBody(img.dict + smask, img.data));
    // The form is drawn as displayed (w × h upright); /Matrix turns it with the page's /Rotate.
    const [w, h] = placed.size;
    const aspect = img.width / img.height;
    const dw = Math.min(w, h * aspect);
    const dh = dw / aspect;
    const content = `q ${pdfNumber(dw)} 0 0 ${pdfNumber(dh)} ${pdfNumber((w - dw) / 2)} ${pdfNumber((h - dh) / 2)} cm /Im0 Do Q`;
    const m = appearanceMatrix(placed.rotate, placed.size);
    const matrix = m ? ` /Matrix [${m.map(pdfNumber).join(' ')}]` : '';
    const formNum = alloc();
    add(
      formNum,
      streamBody(
        `/Type /XObject /Subtype /Form /FormType 1 /BBox [0 0 ${pdfNumber(w)} ${pdfNumber(h)}]${matrix} /Resources << /XObject << /Im0 ${ref(imgNum)} >> >>`,
        enc(content),
      ),
    );
    ap = ` /AP << /N ${ref(formNum)} >>`;
  }
  add(
    widgetNum,
    `<< /Type /Annot /Subtype /Widget /FT /Sig /T ${pdfTextString(input.fieldName, true)} /V ${ref(sigNum)} /F 132 /P ${ref(pageRef.num, pageRef.gen)} /Rect ${rect}${ap} >>`,
  );
  const widgetRef: PdfObj = { t: 'ref', num: widgetNum, gen: 0 };

  // The page's /Annots gains the widget.
  const annots = valueOf(page.v.get('Annots'), `/Annots array of page ${pageIndex + 1}`);
  if (annots.ref && annots.value?.t === 'array') {
    annots.value.v.push(widgetRef);
    rewrite(annots.ref, annots.value);
  } else {
    const list = annots.value?.t === 'array' ? annots.value.v : [];
    page.v.set('Annots', { t: 'array', v: [...list, widgetRef] });
    rewrite(pageRef, page);
  }

  // /AcroForm /Fields gains the field; /SigFlags 3 (SignaturesExist | AppendOnly).
  let catalogChanged = false;
  const acroIn = valueOf(catalog.v.get('AcroForm'), '/AcroForm dictionary');
  let acro: Dict;
  let acroRef = acroIn.ref;
  if (acroIn.value?.t === 'dict') acro = acroIn.value.v;
  else {
    acro = new Map();
    acroRef = undefined;
    catalog.v.set('AcroForm', { t: 'dict', v: acro });
    catalogChanged = true;
  }
  let acroChanged = false;
  const fields = valueOf(acro.get('Fields'), '/AcroForm /Fields array');
  if (fields.ref && fields.value?.t === 'array') {
    fields.value.v.push(widgetRef);
    rewrite(fields.ref, fields.value);
  } else {
    const list = fields.value?.t === 'array' ? fields.value.v : [];
    acro.set('Fields', { t: 'array', v: [...list, widgetRef] });
    acroChanged = true;
  }
  const sigFlags = doc.resolve(acro.get('SigFlags'));
  const flags = sigFlags?.t === 'num' && sigFlags.int ? sigFlags.v : 0;
  if ((flags & 3) !== 3) {
    acro.set('SigFlags', { t: 'num', v: (flags | 3) >>> 0, int: true });
    acroChanged = true;
  }
  if (acroChanged) {
    if (acroRef && !catalogChanged) rewrite(acroRef, { t: 'dict', v: acro });
    else catalogChanged = true;
  }

  if (input.certify) {
    const permsIn = valueOf(catalog.v.get('Perms'), '/Perms dictionary');
    const perms: Dict = permsIn.value?.t === 'dict' ? permsIn.value.v : new Map();
    perms.set('DocMDP', { t: 'ref', num: sigNum, gen: 0 });
    if (permsIn.ref && permsIn.value?.t === 'dict') rewrite(permsIn.ref, { t: 'dict', v: perms });
    else {
      catalog.v.set('Perms', { t: 'dict', v: perms });
      catalogChanged = true;
    }
  }
  if (catalogChanged) rewrite(upd.catalogRef, catalog);

  const size = upd.tail.kind === 'stream' ? next + 1 : next;
  const written = writeIncrementalUpdate(upd.pdf, upd.tail, objects, size);
  const bytes = written.bytes;
  const sigAt = written.bodyOffsets.get(sigNum)!;
  const brAt = sigAt + brRel;
  const lt = sigAt + ltRel;
  const gtEnd = lt + 2 + input.contentsCapacity * 2;
  const byteRange: ByteRange = [0, lt, gtEnd, bytes.length - gtEnd];
  const brText = byteRange.join(' ').padEnd(BYTE_RANGE_WIDTH, ' ');
  if (brText.length > BYTE_RANGE_WIDTH) throw new FormatError('the signed PDF would be too large for a 10-digit /ByteRange');
  bytes.set(enc(brText), brAt);
  checkSignatureDict(bytes, sigAt, byteRange, brAt, lt, gtEnd);
  return { bytes, byteRange, contentsHexStart: lt + 1, contentsCapacity: input.contentsCapacity };
}

/**
 * Parse the written signature dictionary back: exactly one /ByteRange (the four numbers written, in the reserved
 * bytes) and one /Contents (the hex string spanning the gap). Anything else means the layout is wrong: throw, rather
 * than hand out a file whose signature covers the wrong bytes.
 */
function checkSignatureDict(bytes: Uint8Array, sigAt: number, br: ByteRange, brAt: number, lt: number, gtEnd: number): void {
  const v = parseObjectAt(bytes, sigAt, { maxBytes: gtEnd - sigAt + 4096, maxDepth: 16, maxValues: 10_000 });
  const fail = (why: string): never => {
    throw new FormatError(`internal error: the signature dictionary was laid out wrongly (${why})`);
  };
  if (v?.kind !== 'dict') return fail('not a dictionary');
  if (v.duplicates?.some((d) => d.key === 'ByteRange' || d.key === 'Contents')) fail('duplicate /ByteRange or /Contents');
  const r = v.entries.get('ByteRange')?.value;
  if (r?.kind !== 'array' || r.start !== brAt - 1 || r.end !== brAt + BYTE_RANGE_WIDTH + 1) fail('/ByteRange position');
  const nums = r?.kind === 'array' ? r.items.map((i) => (i.kind === 'number' ? i.value : NaN)) : [];
  if (nums.length !== 4 || nums.some((n, i) => n !== br[i])) fail('/ByteRange values');
  const c = v.entries.get('Contents')?.value;
  if (c?.kind !== 'hex' || c.start !== lt || c.end !== gtEnd || br[1] !== lt || br[2] !== gtEnd) fail('/Contents position');
}

function onlyWhitespace(b: Uint8Array, x: number, y: number): boolean {
  for (let i = Math.min(x, y); i < Math.max(x, y); i++) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0x0c && c !== 0x00) return false;
  }
  return true;
}

function streamBody(dict: string, data: Uint8Array): Uint8Array {
  return Buffer.concat([enc(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, enc('\nendstream')]);
}

/** Writes the CMS (hex, upper case) into the placeholder; the rest stays zero. Throws when it does not fit. */
export function fillContents(layout: Layout, cms: Uint8Array): void {
  if (cms.length > layout.contentsCapacity) throw new FormatError(`the CMS (${cms.length} bytes) does not fit the ${layout.contentsCapacity}-byte placeholder`);
  layout.bytes.set(enc(Buffer.from(cms).toString('hex').toUpperCase()), layout.contentsHexStart);
}
