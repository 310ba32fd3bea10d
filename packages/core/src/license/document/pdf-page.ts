// What page 1 draws, read from its content streams as a viewer would run them: the text of every show operator
// (Tj, TJ, ', ") through the current font (Tf, kept across q/Q) — or a marked-content sequence's /ActualText in its
// place when it names the same glyphs (text-match.ts sameGlyphText) —, and the image XObjects painted with Do,
// following form XObjects. Only what a licence page needs; colours, positions and clipping are ignored — except text
// that no viewer paints at all (render mode 3 or 7, a zero font size or horizontal scaling, a text or transformation
// matrix that collapses the glyphs to nothing): it is not read as shown, so a page cannot carry the credential's
// values invisibly under other visible ones.
import { decodeTextString, pageRefs } from '../../pdf/document/index.js';
import type { PdfObj } from '../../pdf/document/index.js';
import { scanContent, type Operand } from './content-lexer.js';
import {
  MAX_CONTENT_BYTES,
  MAX_CONTENT_DEPTH,
  MAX_FONTS,
  MAX_FORM_DEPTH,
  MAX_FORMS,
  MAX_OPERANDS,
  MAX_OPERATORS,
  MAX_TEXT_CHARS,
  MAX_TEXT_ITEMS,
} from './limits.js';
import type { PdfDict, PdfReadContext, PdfStream } from './pdf-context.js';
import { fontDecoder, type FontDecoder } from './pdf-fonts.js';
import { sameGlyphText } from './text-match.js';

export interface DrawnImage {
  /** Object number of the image XObject (0 when it was a direct object). */
  num: number;
  stream: PdfStream;
}

export interface PageDrawing {
  /** Text of each show operator, in drawing order (empty strings dropped). */
  text: string[];
  /** Image XObjects painted, each once, in drawing order. */
  images: DrawnImage[];
}

const MAX_GSTATE_DEPTH = 256;
const MAX_MARKED_DEPTH = 256;
/** Glyphs drawn smaller than this (points, as on the page) are not read as shown: nobody reads them at a counter. */
const MIN_SHOWN_SIZE = 0.5;

/** The page's /Resources, inherited through /Parent when the page has none. */
function pageResources(ctx: PdfReadContext, page: PdfDict): PdfDict | undefined {
  let node: PdfDict | undefined = page;
  for (let i = 0; node && i < 32; i++) {
    const r = ctx.dict(node.get('Resources'));
    if (r) return r;
    node = ctx.dict(node.get('Parent'));
  }
  return undefined;
}

/** Read page 1 of the document as of its last revision. Never throws. */
export function readFirstPage(ctx: PdfReadContext): PageDrawing {
  const out: PageDrawing = { text: [], images: [] };
  const pages = pageRefs(ctx.doc, undefined, { maxPages: 1 });
  const ref = pages.refs[0];
  const page = ref ? ctx.dict({ t: 'ref', num: ref.num, gen: ref.gen }) : undefined;
  if (!page) {
    ctx.problem('the document has no readable first page');
    return out;
  }

  const budget = { operators: MAX_OPERATORS };
  let contentBytes = 0;
  let chars = 0;
  let forms = 0;
  const fonts = new Map<PdfObj | number, FontDecoder>();
  const seenImages = new Set<number>();
  let textFull = false;

  const addText = (s: string): void => {
    if (s.length === 0 || textFull) return;
    if (out.text.length >= MAX_TEXT_ITEMS || chars + s.length > MAX_TEXT_CHARS) {
      textFull = true;
      ctx.problem(`page 1 shows more than ${MAX_TEXT_ITEMS} text items or ${MAX_TEXT_CHARS} characters; the rest is not read`);
      return;
    }
    chars += s.length;
    out.text.push(s);
  };

  const fontFor = (resources: PdfDict | undefined, name: string): FontDecoder | undefined => {
    const entry = ctx.dict(resources?.get('Font'))?.get(name);
    if (!entry) {
      ctx.problem(`page 1: font /${name} is not in the resources`);
      return undefined;
    }
    const key = entry.t === 'ref' ? entry.num : entry;
    const hit = fonts.get(key);
    if (hit) return hit;
    if (fonts.size >= MAX_FONTS) {
      ctx.problem(`page 1 uses more than ${MAX_FONTS} fonts; the rest are not read`);
      return undefined;
    }
    const dict = ctx.dict(entry);
    if (!dict) return undefined;
    const d = fontDecoder(ctx, dict, `font /${name}`);
    fonts.set(key, d);
    return d;
  };

  const contentOf = (o: PdfObj | undefined, what: string): Uint8Array | undefined => {
    const s = ctx.stream(o);
    if (!s) return undefined;
    const data = ctx.data(s, what, MAX_CONTENT_BYTES - contentBytes, MAX_CONTENT_BYTES);
    if (data) contentBytes += data.length;
    return data;
  };

  // /ActualText of a marked-content sequence's properties (inline, or named in the resources' /Properties).
  const actualText = (resources: PdfDict | undefined, props: Operand | undefined): string | undefined => {
    if (props?.t === 'dict') {
      const t = props.v.get('ActualText');
      return t?.t === 'str' ? decodeTextString(t.v) : undefined;
    }
    if (props?.t !== 'name') return undefined;
    const t = ctx.resolve(ctx.dict(ctx.dict(resources?.get('Properties'))?.get(props.v))?.get('ActualText'));
    return t?.t === 'str' ? decodeTextString(t.v) : undefined;
  };

  // A form's /Matrix scales what it draws (area scale |det|); an empty /BBox clips all of it away.
  const formScale = (f: PdfStream): number => {
    const numbers = (o: PdfObj | undefined): (number | undefined)[] | undefined => {
      const r = ctx.resolve(o);
      return r?.t === 'array' ? r.v.map((x) => {
        const y = ctx.resolve(x);
        return y?.t === 'num' && Number.isFinite(y.v) ? y.v : undefined;
      }) : undefined;
    };
    const b = numbers(f.dict.get('BBox'));
    if (b?.length === 4 && (b[0] === b[2] || b[1] === b[3]) && b.every((x) => x !== undefined)) return 0;
    const m = numbers(f.dict.get('Matrix'));
    const [ma, mb, mc, md] = m ?? [];
    return ma !== undefined && mb !== undefined && mc !== undefined && md !== undefined ? Math.abs(ma * md - mb * mc) : 1;
  };

  let hidden = 0;
  const noteHidden = (): void => {
    if (hidden++ === 0) ctx.problem(`page 1 draws text no viewer shows (render mode 3 or 7, transparent, or under ${MIN_SHOWN_SIZE} pt as drawn); it is not read as shown`);
  };

  // One content stream (the page's or a form's) with its resources; `stack` holds the forms being run (cycles).
  // `inherited`: |det| of the CTM the form's caller left (area scale; 0 when collapsed or clipped to nothing).
  const run = (data: Uint8Array, resources: PdfDict | undefined, stack: number[], inherited = 1): void => {
    let font: FontDecoder | undefined;
    // Text and graphics state as far as visibility goes (kept across q/Q; Tr/Tf/Tz persist across BT/ET, Tm does
    // not): render mode, size, horizontal scaling, the area scales of Tm and the CTM, fill and stroke alpha.
    let mode = 0;
    let size = 1;
    let hscale = 100;
    let tmScale = 1;
    let ctmScale = inherited;
    let fillAlpha = 1;
    let strokeAlpha = 1;
    type Saved = { font: FontDecoder | undefined; mode: number; size: number; hscale: number; ctmScale: number; fillAlpha: number; strokeAlpha: number };
    const saved: Saved[] = [];
    const num = (o: Operand | undefined): number | undefined => (o?.t === 'num' && Number.isFinite(o.v) ? o.v : undefined);
    /** |det| of the matrix [a b c d e f] in the operands; undefined when they are not four numbers. */
    const det = (args: Operand[]): number | undefined => {
      const [a, b, c, d] = [num(args[0]), num(args[1]), num(args[2]), num(args[3])];
      return a === undefined || b === undefined || c === undefined || d === undefined ? undefined : Math.abs(a * d - b * c);
    };
    // What a viewer shows: not modes 3 (invisible) or 7 (clip only), not fully transparent for the way the mode
    // paints (fill 0/4, stroke 1/5, both 2/6), and glyphs at least MIN_SHOWN_SIZE points tall as drawn on the page.
    const invisible = (): boolean => {
      if (mode === 3 || mode === 7) return true;
      const fills = mode === 0 || mode === 2 || mode === 4 || mode === 6;
      const strokes = mode === 1 || mode === 2 || mode === 5 || mode === 6;
      if ((!fills || fillAlpha <= 0) && (!strokes || strokeAlpha <= 0)) return true;
      const shown = Math.abs(size) * Math.sqrt(tmScale * ctmScale * (Math.abs(hscale) / 100));
      return !(shown >= MIN_SHOWN_SIZE);
    };
    const extGState = (name: string): void => {
      const g = ctx.dict(ctx.dict(resources?.get('ExtGState'))?.get(name));
      const ca = g ? ctx.resolve(g.get('ca')) : undefined;
      const CA = g ? ctx.resolve(g.get('CA')) : undefined;
      if (ca?.t === 'num' && Number.isFinite(ca.v)) fillAlpha = ca.v;
      if (CA?.t === 'num' && Number.isFinite(CA.v)) strokeAlpha = CA.v;
    };
    // Marked content: a sequence with /ActualText says what its glyphs mean (ISO 32000-1 14.9.4) — the renderer uses
    // it where two characters share one glyph and so one ToUnicode entry. The outermost one stands in for the text
    // drawn inside it only when it names the same glyphs; otherwise what is drawn is read (and the mismatch noted).
    const marked: (string | undefined)[] = [];
    let replaced = 0;
    let span: { actual: string; drawn: string[]; chars: number } | undefined;
    const emit = (s: string): void => {
      if (!span) return addText(s);
      if (s.length === 0 || span.chars + s.length > MAX_TEXT_CHARS) return; // addText would refuse it too
      span.chars += s.length;
      span.drawn.push(s);
    };
    const closeSpan = (): void => {
      if (!span) return;
      const { actual, drawn } = span;
      span = undefined;
      if (sameGlyphText(actual, drawn.join(''))) return addText(actual);
      const short = (t: string) => JSON.stringify(t.length > 40 ? `${t.slice(0, 40)}…` : t);
      ctx.problem(`page 1: an /ActualText ${short(actual)} does not match the glyphs it covers ${short(drawn.join(''))}; the glyphs are read`);
      for (const d of drawn) addText(d);
    };
    const decode = (o: Operand | undefined): string => (o?.t === 'str' && font ? font.decode(o.v) : '');
    const show = (o: Operand | undefined): string => {
      const t = decode(o);
      if (t.length === 0 || !invisible()) return t;
      noteHidden();
      return '';
    };
    const r = scanContent(
      data,
      (op, args) => {
        switch (op) {
          case 'q':
            if (saved.length < MAX_GSTATE_DEPTH) saved.push({ font, mode, size, hscale, ctmScale, fillAlpha, strokeAlpha });
            break;
          case 'Q': {
            const g = saved.pop();
            if (g) ({ font, mode, size, hscale, ctmScale, fillAlpha, strokeAlpha } = g);
            break;
          }
          case 'gs': {
            const n = args[0];
            if (n?.t === 'name') extGState(n.v);
            break;
          }
          case 'Tf': {
            const n = args[0];
            font = n?.t === 'name' ? fontFor(resources, n.v) : undefined;
            size = num(args[1]) ?? size;
            break;
          }
          case 'Tr':
            mode = num(args[0]) ?? mode;
            break;
          case 'Tz':
            hscale = num(args[0]) ?? hscale;
            break;
          case 'BT':
            tmScale = 1;
            break;
          case 'Tm':
            tmScale = det(args) ?? tmScale;
            break;
          case 'cm': {
            const d = det(args);
            if (d !== undefined) ctmScale *= d;
            break;
          }
          case 'Tj':
          case "'":
            emit(show(args[args.length - 1]));
            break;
          case '"':
            emit(show(args[2]));
            break;
          case 'TJ': {
            const a = args[0];
            if (a?.t === 'array') emit(a.v.map(show).join(''));
            break;
          }
          case 'BMC':
          case 'BDC': {
            if (marked.length >= MAX_MARKED_DEPTH) break;
            const t = op === 'BDC' ? actualText(resources, args[1]) : undefined;
            marked.push(t);
            if (t !== undefined && replaced++ === 0) span = { actual: t, drawn: [], chars: 0 };
            break;
          }
          case 'EMC': {
            if (marked.length === 0) break;
            const t = marked.pop();
            if (t !== undefined && --replaced === 0) closeSpan();
            break;
          }
          case 'Do': {
            const n = args[0];
            if (n?.t === 'name') paint(resources, n.v, stack, ctmScale);
            break;
          }
        }
        return true;
      },
      { budget, maxOperands: MAX_OPERANDS, maxDepth: MAX_CONTENT_DEPTH },
    );
    // A sequence left open at the end of the stream ends there (it may not hide what it covers).
    closeSpan();
    if (r.stopped) ctx.notSearched(`page 1 content read only in part: ${r.stopped}`);
  };

  const paint = (resources: PdfDict | undefined, name: string, stack: number[], scale: number): void => {
    const entry = ctx.dict(resources?.get('XObject'))?.get(name);
    const s = ctx.stream(entry);
    if (!s) return;
    const num = entry?.t === 'ref' ? entry.num : 0;
    const subtype = ctx.name(s.dict.get('Subtype'));
    if (subtype === 'Image') {
      if (num !== 0 && seenImages.has(num)) return;
      if (num !== 0) seenImages.add(num);
      out.images.push({ num, stream: s });
      return;
    }
    if (subtype !== 'Form') return;
    if (stack.length >= MAX_FORM_DEPTH || (num !== 0 && stack.includes(num))) {
      ctx.notSearched(`page 1: form XObject /${name} nested too deep or recursive; not read`);
      return;
    }
    if (++forms > MAX_FORMS) {
      if (forms === MAX_FORMS + 1) ctx.notSearched(`page 1 paints more than ${MAX_FORMS} form XObjects; the rest are not read`);
      return;
    }
    const data = contentOf(entry, `form XObject /${name}`);
    if (data) run(data, ctx.dict(s.dict.get('Resources')) ?? resources, [...stack, num], scale * formScale(s));
  };

  // /Contents: one stream or an array of streams, run as one (a token may not span two, a space joins them).
  const contents = ctx.resolve(page.get('Contents'));
  const parts = contents?.t === 'array' ? contents.v : contents ? [contents] : [];
  const chunks: Uint8Array[] = [];
  for (const [i, c] of parts.entries()) {
    if (contentBytes >= MAX_CONTENT_BYTES) {
      ctx.notSearched(`page 1 content exceeds ${MAX_CONTENT_BYTES} bytes; the rest is not read`);
      break;
    }
    const d = contentOf(c, `page 1 content stream ${i + 1}`);
    if (d) chunks.push(d, Uint8Array.of(0x0a));
  }
  run(Buffer.concat(chunks), pageResources(ctx, page), []);
  return out;
}
