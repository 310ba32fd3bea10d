// Signature fields: /Root /AcroForm /Fields walked recursively (/Kids; /FT inherited), plus signature widgets that
// only a page's /Annots lists (writers that forget /Fields) flagged `orphan`. Cycle-protected and bounded.
import { pageRefs } from './pages.js';
import { pdfText } from './text.js';
import type { PdfDocument, PdfObj } from './types.js';

export interface ObjRef {
  num: number;
  gen: number;
}

export interface SignatureField {
  /** Fully qualified name: the /T of the field and its ancestors joined by '.'. */
  name: string;
  field: ObjRef;
  /** The resolved field dictionary. */
  fieldDict: Map<string, PdfObj>;
  /** /V when it is an indirect reference (the signature dictionary). */
  value?: ObjRef;
  /** /V resolved to a dictionary (filled fields). */
  valueDict?: Map<string, PdfObj>;
  widgets: ObjRef[];
  /** 0-based page index of each widget; -1 when unknown. */
  pages: number[];
  /** /Lock (FieldMDP for signature fields), resolved. */
  lock?: Map<string, PdfObj>;
  /** The field has a seed value dictionary (/SV). */
  seedValue?: boolean;
  /** Found only through a page's /Annots, not through /AcroForm /Fields. */
  orphan?: boolean;
}

export interface FieldLimits {
  maxFields: number;
  /** Field dictionaries visited in total. */
  maxNodes: number;
  maxDepth: number;
}

export const DEFAULT_FIELD_LIMITS: FieldLimits = { maxFields: 10_000, maxNodes: 200_000, maxDepth: 32 };

type Dict = Map<string, PdfObj>;

/** Every signature field (/FT /Sig, own or inherited) as of `rev`, filled or not, in /Fields order, then orphans. Never throws. */
export function signatureFields(doc: PdfDocument, rev?: number, limits: Partial<FieldLimits> = {}): SignatureField[] {
  const lim = { ...DEFAULT_FIELD_LIMITS, ...limits };
  const out: SignatureField[] = [];
  try {
    collect(doc, rev, lim, out);
  } catch {
    // Accessors never throw: what was collected so far is returned.
  }
  return out;
}

function collect(doc: PdfDocument, rev: number | undefined, lim: FieldLimits, out: SignatureField[]): void {
  const R = (o: PdfObj | undefined): PdfObj | undefined => doc.resolve(o, rev);
  const dictOf = (o: PdfObj | undefined): Dict | undefined => {
    const r = R(o);
    return r?.t === 'dict' ? r.v : r?.t === 'stream' ? r.dict : undefined;
  };
  const nameOf = (o: PdfObj | undefined): string | undefined => {
    const r = R(o);
    return r?.t === 'name' ? r.v : undefined;
  };
  const seen = new Set<number>();
  const seenWidgets = new Set<number>();
  let nodes = 0;

  // Page index lookups: by /P first, else via the pages' /Annots (built once when needed).
  const pages = pageRefs(doc, rev).refs;
  const pageIndex = new Map<number, number>(pages.map((p, i) => [p.num, i]));
  let annotPage: Map<number, number> | undefined;
  const annotMap = (): Map<number, number> => {
    if (annotPage) return annotPage;
    annotPage = new Map();
    let count = 0;
    pages.forEach((p, i) => {
      const annots = R(dictOf({ t: 'ref', ...p })?.get('Annots'));
      if (annots?.t !== 'array') return;
      for (const a of annots.v) {
        if (a.t === 'ref' && !annotPage!.has(a.num) && ++count <= lim.maxNodes) annotPage!.set(a.num, i);
      }
    });
    return annotPage;
  };
  const pageOf = (w: ObjRef, wd: Dict | undefined): number => {
    const p = wd?.get('P');
    if (p?.t === 'ref') {
      const i = pageIndex.get(p.num);
      if (i !== undefined) return i;
    }
    return annotMap().get(w.num) ?? -1;
  };

  const emit = (ref: ObjRef, d: Dict, name: string, widgets: ObjRef[], orphan: boolean): void => {
    if (out.length >= lim.maxFields) return;
    const f: SignatureField = { name, field: ref, fieldDict: d, widgets, pages: widgets.map((w) => pageOf(w, dictOf({ t: 'ref', ...w }))) };
    const v = d.get('V');
    if (v?.t === 'ref') f.value = { num: v.num, gen: v.gen };
    const vd = dictOf(v);
    if (vd) f.valueDict = vd;
    const lock = dictOf(d.get('Lock'));
    if (lock) f.lock = lock;
    if (d.has('SV')) f.seedValue = true;
    if (orphan) f.orphan = true;
    for (const w of widgets) seenWidgets.add(w.num);
    out.push(f);
  };

  const walk = (ref: PdfObj, parentName: string | undefined, parentFT: string | undefined, depth: number): void => {
    if (ref.t !== 'ref' || seen.has(ref.num) || depth > lim.maxDepth || ++nodes > lim.maxNodes) return;
    seen.add(ref.num);
    const d = dictOf(ref);
    if (!d) return;
    const t = pdfText(R(d.get('T')));
    const name = t === undefined ? parentName : parentName === undefined ? t : `${parentName}.${t}`;
    const ft = nameOf(d.get('FT')) ?? parentFT;
    const kids = R(d.get('Kids'));
    const childFields: PdfObj[] = [];
    const widgets: ObjRef[] = [];
    if (kids?.t === 'array') {
      for (const k of kids.v) {
        // A kid already visited (an ancestor, in a cyclic tree) is neither a child field nor a widget.
        if (k.t === 'ref' && seen.has(k.num)) continue;
        const kd = dictOf(k);
        if (!kd) continue;
        // A kid with /T (or its own /Kids) is a child field; without, it is one of this field's widgets.
        if (kd.has('T') || (kd.has('Kids') && !kd.has('Subtype'))) childFields.push(k);
        else if (k.t === 'ref') widgets.push({ num: k.num, gen: k.gen });
      }
    }
    if (childFields.length > 0) {
      for (const c of childFields) walk(c, name, ft, depth + 1);
      return;
    }
    if (ft !== 'Sig') return;
    // No widget kids: the field dictionary is merged with its single widget.
    if (widgets.length === 0 && (kids === undefined || nameOf(d.get('Subtype')) === 'Widget')) widgets.push({ num: ref.num, gen: ref.gen });
    emit({ num: ref.num, gen: ref.gen }, d, name ?? '', widgets, false);
  };

  const acro = dictOf(doc.catalog(rev)?.get('AcroForm'));
  const list = R(acro?.get('Fields'));
  if (list?.t === 'array') for (const f of list.v) walk(f, undefined, undefined, 0);

  // Orphan signature widgets: in a page's /Annots, /FT /Sig (own or inherited), not reached through /Fields.
  const orphans = new Map<number, { ref: ObjRef; d: Dict; name: string; widgets: ObjRef[] }>();
  for (const p of pages) {
    const annots = R(dictOf({ t: 'ref', ...p })?.get('Annots'));
    if (annots?.t !== 'array') continue;
    for (const a of annots.v) {
      if (a.t !== 'ref' || seenWidgets.has(a.num) || ++nodes > lim.maxNodes) continue;
      const wd = dictOf(a);
      if (!wd || nameOf(wd.get('Subtype')) !== 'Widget') continue;
      // Walk up /Parent for /FT and the name parts.
      let ft: string | undefined;
      const parts: string[] = [];
      let cur: Dict | undefined = wd;
      let curRef: ObjRef = { num: a.num, gen: a.gen };
      let fieldRef: ObjRef | undefined;
      let fieldDict: Dict | undefined;
      const chain = new Set<number>([a.num]);
      for (let depth = 0; cur && depth <= lim.maxDepth; depth++) {
        ft ??= nameOf(cur.get('FT'));
        const t = pdfText(R(cur.get('T')));
        if (t !== undefined) {
          parts.unshift(t);
          if (!fieldRef) {
            fieldRef = curRef;
            fieldDict = cur;
          }
        }
        const par = cur.get('Parent');
        if (par?.t !== 'ref' || chain.has(par.num)) break;
        chain.add(par.num);
        curRef = { num: par.num, gen: par.gen };
        cur = dictOf(par);
      }
      if (ft !== 'Sig') continue;
      fieldRef ??= { num: a.num, gen: a.gen };
      fieldDict ??= wd;
      const o = orphans.get(fieldRef.num);
      if (o) o.widgets.push({ num: a.num, gen: a.gen });
      else orphans.set(fieldRef.num, { ref: fieldRef, d: fieldDict, name: parts.join('.'), widgets: [{ num: a.num, gen: a.gen }] });
    }
  }
  for (const o of orphans.values()) if (!seen.has(o.ref.num)) emit(o.ref, o.d, o.name, o.widgets, true);
}
