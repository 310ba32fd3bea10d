// The roles objects play in one revision: catalog, AcroForm, form fields and their widgets, signature dictionaries,
// pages, page-tree nodes, annotations, DSS tree, /Info and /Metadata. Bounded walks, cycle-protected.
import type { PdfDocument, PdfObj } from '../document/types.js';
import { pageRefs, pdfText } from '../document/index.js';
import { type Budget, type Dict, dictOf, nameOf } from './values.js';

export interface FieldInfo {
  num: number;
  /** Fully qualified name (dot-joined /T). */
  name: string;
  /** Own or inherited /FT. */
  ft?: string;
  /** Widget annotations of this field (the field itself when it is merged with its widget). */
  widgets: number[];
  /** Parent field, when it is a /Kids entry. */
  parent?: number;
}

export interface AnnotInfo {
  num: number;
  /** 0-based page index. */
  page: number;
  subtype?: string;
}

export interface Structure {
  rev: number;
  rootNum?: number;
  infoNum?: number;
  catalog?: Dict;
  /** Set when /AcroForm is an indirect object. */
  acroFormNum?: number;
  /** Set when /AcroForm /Fields is an indirect array. */
  fieldsArrayNum?: number;
  acroForm?: Dict;
  /** Top-level /Fields references, in order. */
  topFields: number[];
  fields: Map<number, FieldInfo>;
  /** Widget (or merged field) object → field object. */
  widgetField: Map<number, number>;
  /** Signature dictionary object → field object whose /V it is. */
  sigDicts: Map<number, number>;
  /** Page objects in order. */
  pages: number[];
  pageIndex: Map<number, number>;
  pagesTruncated: boolean;
  /** Intermediate /Pages nodes (reached through the pages' /Parent chains). */
  pageNodes: Set<number>;
  /** Objects that make up page content: the page's /Contents (stream or indirect array) and the streams of an indirect
   * /Contents array or a direct one → 0-based indexes of the pages drawing them. */
  pageContents: Map<number, number[]>;
  /** Page → indirect /Annots array object. */
  annotsArrays: Map<number, number>;
  /** Annotation objects listed in page /Annots. */
  annots: Map<number, AnnotInfo>;
  /** Objects under /Root /DSS (the DSS dictionary, arrays, VRI dictionaries, streams). */
  dss: Set<number>;
  /** /Root /Extensions when indirect. */
  extensionsNum?: number;
  metadataNum?: number;
  /** /Root /Names when indirect. */
  namesNum?: number;
  /** Objects reachable from page content, resources and annotation appearances (drawn.ts; signed revision only). */
  drawn?: Set<number>;
}

const MAX_FIELDS = 10_000;
const MAX_ANNOTS = 100_000;

export function readStructure(doc: PdfDocument, rev: number, budget: Budget): Structure {
  const s: Structure = {
    rev,
    topFields: [],
    fields: new Map(),
    widgetField: new Map(),
    sigDicts: new Map(),
    pages: [],
    pageIndex: new Map(),
    pagesTruncated: false,
    pageNodes: new Set(),
    pageContents: new Map(),
    annotsArrays: new Map(),
    annots: new Map(),
    dss: new Set(),
  };
  const trailer = doc.revisions[rev]?.trailer;
  const root = trailer?.get('Root');
  if (root?.t === 'ref') s.rootNum = root.num;
  const info = trailer?.get('Info');
  if (info?.t === 'ref') s.infoNum = info.num;
  s.catalog = doc.catalog(rev);
  const cat = s.catalog;
  if (!cat) return s;
  const get = (o: PdfObj | undefined): PdfObj | undefined => {
    budget.spend();
    return doc.resolve(o, rev);
  };

  const md = cat.get('Metadata');
  if (md?.t === 'ref') s.metadataNum = md.num;
  const names = cat.get('Names');
  if (names?.t === 'ref') s.namesNum = names.num;
  const ext = cat.get('Extensions');
  if (ext?.t === 'ref') s.extensionsNum = ext.num;

  // AcroForm and its field tree.
  const af = cat.get('AcroForm');
  if (af?.t === 'ref') s.acroFormNum = af.num;
  s.acroForm = dictOf(get(af));
  const fieldsObj = s.acroForm?.get('Fields');
  if (fieldsObj?.t === 'ref') s.fieldsArrayNum = fieldsObj.num;
  const fieldsArr = get(fieldsObj);
  if (fieldsArr?.t === 'array') {
    for (const f of fieldsArr.v) if (f.t === 'ref') s.topFields.push(f.num);
    const walk = (num: number, prefix: string, inheritedFt: string | undefined, parent: number | undefined, depth: number): void => {
      if (s.fields.has(num) || s.widgetField.has(num) || s.fields.size >= MAX_FIELDS || depth > budget.maxDepth) {
        if (depth > budget.maxDepth || s.fields.size >= MAX_FIELDS) budget.truncated = true;
        return;
      }
      const d = dictOf(get({ t: 'ref', num, gen: 0 }));
      if (!d) return;
      const t = d.get('T');
      const partial = t?.t === 'str' ? (pdfText(t) ?? '') : undefined;
      const name = partial === undefined ? prefix : prefix ? `${prefix}.${partial}` : partial;
      const ft = nameOf(d.get('FT')) ?? inheritedFt;
      const info: FieldInfo = { num, name, widgets: [] };
      if (ft) info.ft = ft;
      if (parent !== undefined) info.parent = parent;
      s.fields.set(num, info);
      if (nameOf(d.get('Subtype')) === 'Widget') {
        info.widgets.push(num);
        s.widgetField.set(num, num);
      }
      if (ft === 'Sig') {
        const v = d.get('V');
        if (v?.t === 'ref') s.sigDicts.set(v.num, num);
      }
      const kids = get(d.get('Kids'));
      if (kids?.t !== 'array') return;
      for (const k of kids.v) {
        if (k.t !== 'ref' || !budget.spend()) continue;
        const kd = dictOf(doc.resolve(k, rev));
        if (!kd) continue;
        if (kd.has('T') || !(nameOf(kd.get('Subtype')) === 'Widget')) walk(k.num, name, ft, num, depth + 1);
        else if (!s.widgetField.has(k.num)) {
          info.widgets.push(k.num);
          s.widgetField.set(k.num, num);
        }
      }
    };
    for (const f of s.topFields) walk(f, '', undefined, undefined, 0);
  }

  // Pages (the document model's walk) and the nodes above them.
  const pr = pageRefs(doc, rev);
  s.pagesTruncated = pr.truncated;
  pr.refs.forEach((r, i) => {
    s.pages.push(r.num);
    if (!s.pageIndex.has(r.num)) s.pageIndex.set(r.num, i);
  });
  for (const p of s.pages) {
    const pd = dictOf(get({ t: 'ref', num: p, gen: 0 }));
    if (!pd) continue;
    let parent = pd.get('Parent');
    for (let depth = 0; parent?.t === 'ref' && depth < budget.maxDepth && !s.pageNodes.has(parent.num); depth++) {
      s.pageNodes.add(parent.num);
      parent = dictOf(get(parent))?.get('Parent');
    }
    const index = s.pageIndex.get(p) ?? -1;
    const addContent = (num: number): void => {
      const list = s.pageContents.get(num) ?? [];
      if (!list.includes(index)) list.push(index);
      s.pageContents.set(num, list);
    };
    const contents = pd.get('Contents');
    if (contents?.t === 'ref') addContent(contents.num);
    const parts = contents?.t === 'ref' ? get(contents) : contents;
    if (parts?.t === 'array') for (const c of parts.v) if (c.t === 'ref') addContent(c.num);
    const annots = pd.get('Annots');
    if (annots?.t === 'ref') s.annotsArrays.set(p, annots.num);
    const arr = get(annots);
    if (arr?.t !== 'array') continue;
    for (const a of arr.v) {
      if (a.t !== 'ref' || s.annots.has(a.num)) continue;
      if (s.annots.size >= MAX_ANNOTS) {
        budget.truncated = true;
        break;
      }
      const ad = dictOf(get(a));
      const info: AnnotInfo = { num: a.num, page: s.pageIndex.get(p) ?? -1 };
      const st = nameOf(ad?.get('Subtype'));
      if (st) info.subtype = st;
      s.annots.set(a.num, info);
    }
  }

  // DSS tree: every indirect object below /Root /DSS.
  const dss = cat.get('DSS');
  if (dss) {
    const stack: { o: PdfObj; depth: number }[] = [{ o: dss, depth: 0 }];
    while (stack.length && budget.spend()) {
      const { o, depth } = stack.pop()!;
      if (depth > budget.maxDepth) {
        budget.truncated = true;
        continue;
      }
      if (o.t === 'ref') {
        if (s.dss.has(o.num)) continue;
        s.dss.add(o.num);
        const v = doc.getObject(o.num, rev);
        if (v) stack.push({ o: v, depth: depth + 1 });
      } else if (o.t === 'array') for (const x of o.v) stack.push({ o: x, depth: depth + 1 });
      else if (o.t === 'dict') for (const x of o.v.values()) stack.push({ o: x, depth: depth + 1 });
      // Streams (certificates, CRLs, OCSP responses) hold no references worth following.
    }
  }
  return s;
}

/** Is the field (or one of its widgets) visible: a /Rect of non-zero area, or an appearance that draws something. */
export function isVisible(doc: PdfDocument, f: FieldInfo, rev: number): boolean {
  return visibleWidget(doc, f, rev) !== undefined;
}

/**
 * The first widget of the field that shows something, with its /Rect (numbers resolved; [0 0 0 0] when unusable):
 * a /Rect of non-zero area, or — whatever the /Rect says — a normal appearance (/AP /N, or one of its states) whose
 * content stream draws anything inside a non-empty /BBox. Readers differ on degenerate or odd rectangles; the
 * appearance is what an attacker controls, so it decides.
 */
export function visibleWidget(doc: PdfDocument, f: FieldInfo, rev: number): { widget: number; rect: number[] } | undefined {
  for (const w of f.widgets.length ? f.widgets : [f.num]) {
    const d = dictOf(doc.getObject(w, rev));
    const rect = numbers(doc, d?.get('Rect'), rev) ?? [0, 0, 0, 0];
    if (area(rect) > 0 || drawsSomething(doc, d?.get('AP'), rev)) return { widget: w, rect };
  }
  return undefined;
}

/** Four numbers (each possibly an indirect reference), or undefined. */
function numbers(doc: PdfDocument, o: PdfObj | undefined, rev: number): number[] | undefined {
  const a = doc.resolve(o, rev);
  if (a?.t !== 'array' || a.v.length !== 4) return undefined;
  const n = a.v.map((x) => doc.resolve(x, rev));
  return n.every((x) => x?.t === 'num' && Number.isFinite(x.v)) ? n.map((x) => (x as { v: number }).v) : undefined;
}

const area = (r: number[]): number => Math.abs((r[2]! - r[0]!) * (r[3]! - r[1]!));

/** Does /AP /N (a stream, or a dictionary of appearance states) hold a stream that draws something? */
function drawsSomething(doc: PdfDocument, ap: PdfObj | undefined, rev: number): boolean {
  const n = dictOf(doc.resolve(ap, rev))?.get('N');
  const nv = doc.resolve(n, rev);
  const streams = nv?.t === 'stream' ? [nv] : nv?.t === 'dict' ? [...nv.v.values()].slice(0, 64).map((x) => doc.resolve(x, rev)) : [];
  return streams.some((st) => {
    if (st?.t !== 'stream') return false;
    const bbox = numbers(doc, st.dict.get('BBox'), rev);
    if (bbox && area(bbox) === 0) return false; // clipped to nothing
    const data = doc.streamData(st);
    // Undecodable data: another reader may decode it — count it as drawing.
    if (!data) return true;
    return !blank(data);
  });
}

/** Only whitespace and comments (Adobe's "% DSBlank" layers). */
function blank(data: Uint8Array): boolean {
  let comment = false;
  for (const c of data) {
    if (comment) {
      if (c === 0x0a || c === 0x0d) comment = false;
    } else if (c === 0x25) comment = true;
    else if (!(c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00)) return false;
  }
  return true;
}
