// Rules for form fields: new signature fields, signing an empty one, filling other fields, and everything else a
// field may not do after signing (/Lock added, renamed, removed, new non-signature fields).
import type { ChangeContext } from './context.js';
import { type FieldInfo, visibleWidget } from './structure.js';
import type { ChangeCategory, PdfChange } from './types.js';
import { changedKeys, dictOf, nameOf, refKey, show } from './values.js';

/**
 * Keys a field or widget may change while its value is being set (pyHanko's VALUE_UPDATE_KEYS plus /MK): appearance,
 * appearance state, annotation and field flags (Acrobat sets the Locked bit when signing), quadding, /Type.
 */
const FILL_KEYS = new Set(['AP', 'AS', 'MK', 'DA', 'Q', 'F', 'Ff', 'Type']);
/** Keys that change what a widget shows. */
const APPEARANCE_KEYS = new Set(['AP', 'AS', 'MK', 'DA', 'Q', 'F']);

export function compareFields(ctx: ChangeContext): void {
  // Pass 1: new fields and field dictionaries (sets ctx.filled, which pass 2 and the stream rule rely on).
  for (const [num, nf] of ctx.neu.fields) {
    const of = ctx.old.fields.get(num);
    if (!of) newField(ctx, nf);
    else if (ctx.changed.has(num)) changedField(ctx, of, nf);
    ctx.handled.add(num);
  }
  // Pass 2: separate widget objects of existing fields.
  for (const [num, nf] of ctx.neu.fields) {
    for (const w of nf.widgets) {
      if (w === num || !ctx.changed.has(w) || !ctx.old.widgetField.has(w)) continue;
      changedWidget(ctx, w, nf);
      ctx.handled.add(w);
    }
  }
  for (const [num, of] of ctx.old.fields) {
    if (ctx.neu.fields.has(num)) continue;
    ctx.add({ category: 'other', revision: ctx.last, object: refKey(num), field: of.name, detail: `field '${of.name}' no longer in the form` });
  }
}

function base(ctx: ChangeContext, f: FieldInfo, num = f.num): Pick<PdfChange, 'revision' | 'object' | 'field' | 'page'> {
  const b: Pick<PdfChange, 'revision' | 'object' | 'field' | 'page'> = { revision: ctx.revOf(num), object: refKey(num), field: f.name };
  const page = ctx.pageOf(f.num, ctx.neu);
  if (page !== undefined) b.page = page;
  return b;
}

type SigValue = { cat: 'signature' | 'doc-timestamp' } | { problem: string };

const valueRefOf = (ctx: ChangeContext, num: number): number | undefined => {
  const v = dictOf(ctx.newObj(num))?.get('V');
  return v?.t === 'ref' ? v.num : undefined;
};

/**
 * What a signature field's value is (undefined: no value). It counts as a signature (or document timestamp) only when
 * it is an indirect signature dictionary of its own — no other field's /V — with a /ByteRange of four integers that
 * ends at the end of the revision holding it or a later one, and a /Contents string: anything else set as the value
 * of a new or newly filled /Sig field makes its appearance look signed without a signature behind it (sneaky signature).
 */
function sigValue(ctx: ChangeContext, f: FieldInfo): SigValue | undefined {
  const v = dictOf(ctx.newObj(f.num))?.get('V');
  if (!v || v.t === 'null') return undefined;
  if (v.t !== 'ref') return { problem: `value of signature field '${f.name}' is not an indirect signature dictionary` };
  const shared: string[] = [];
  for (const o of ctx.neu.fields.values()) if (o.num !== f.num && valueRefOf(ctx, o.num) === v.num) shared.push(o.name);
  if (shared.length) return { problem: `signature field '${f.name}' shares its value ${refKey(v.num, v.gen)} with field '${shared.join("', '")}' (no signature of its own)` };
  const o = ctx.newObj(v.num);
  const d = o?.t === 'dict' ? o.v : undefined;
  const type = nameOf(d?.get('Type'));
  const br = d?.get('ByteRange');
  const nums = br?.t === 'array' && br.v.length === 4 && br.v.every((x) => x.t === 'num' && x.int && x.v >= 0) ? br.v.map((x) => (x as { v: number }).v) : undefined;
  if (!d || (type !== undefined && type !== 'Sig' && type !== 'DocTimeStamp') || !nums || d.get('Contents')?.t !== 'str') {
    return { problem: `value of signature field '${f.name}' (${refKey(v.num, v.gen)}) is not a signature dictionary (${!d ? `a ${o?.t ?? 'missing object'}` : 'no /ByteRange of four integers and /Contents string'})` };
  }
  const end = nums[2]! + nums[3]!;
  const from = ctx.revOf(v.num);
  if (!ctx.doc.revisions.some((r, i) => i >= from && (r.end === end || r.eofEnd === end))) {
    return { problem: `value of signature field '${f.name}' (${refKey(v.num, v.gen)}) is not a signature dictionary of its revision (its /ByteRange ends at ${end}, no end of revision ${from} or later)` };
  }
  return { cat: type === 'DocTimeStamp' ? 'doc-timestamp' : 'signature' };
}

function newField(ctx: ChangeContext, f: FieldInfo): void {
  const d = dictOf(ctx.newObj(f.num));
  const b = base(ctx, f);
  const from = { label: `field ${f.name}`, revision: b.revision, field: f.name, ...(b.page ? { page: b.page } : {}) };
  if (ctx.newObjects.has(f.num)) ctx.claimed.add(f.num);
  else {
    // An object of the signed revision turned into a field: not the shape of a normal signing update.
    ctx.add({ ...b, category: 'other', detail: `existing object ${refKey(f.num)} became field '${f.name}'` });
  }
  if (f.ft !== 'Sig') {
    ctx.add({ ...b, category: 'other', detail: `new form field '${f.name}' (${f.ft ? `/${f.ft}` : 'no /FT'}) added after signing` });
    ctx.filled.set(f.num, 'other');
    ctx.claim(d ? { t: 'dict', v: d } : undefined, from);
    return;
  }
  const shown = visibleWidget(ctx.doc, f, ctx.last);
  const visible = shown !== undefined;
  const where = shown ? ` (visible: ${rectText(shown.rect)}${b.page ? ` on page ${b.page}` : ''})` : '';
  const sv = sigValue(ctx, f);
  let cat: ChangeCategory;
  if (sv && 'problem' in sv) {
    cat = 'other';
    ctx.add({ ...b, category: 'other', detail: sv.problem });
  } else if (sv?.cat === 'doc-timestamp') {
    // A document timestamp proves only when the document existed; anyone can get one, so it may not draw anything.
    cat = visible ? 'appearance' : 'doc-timestamp';
    ctx.add({ ...b, category: cat, detail: `document timestamp field '${f.name}' added${visible ? ` with a visible appearance that may cover the signed content${where}` : ''}` });
  } else if (sv?.cat === 'signature') {
    cat = 'signature';
    ctx.add({ ...b, category: 'signature', detail: `signature field '${f.name}' added and signed${where}`, ...(shown ? { rect: shown.rect } : {}) });
  } else if (visible) {
    // Sneaky-signature attack: an unsigned "signature" widget is free-form visible content.
    cat = 'unsigned-field';
    ctx.add({ ...b, category: 'unsigned-field', detail: `empty visible signature field '${f.name}' added (its appearance is not backed by a signature)${where}` });
  } else {
    cat = 'signature';
    ctx.add({ ...b, category: 'signature', detail: `empty signature field '${f.name}' added` });
  }
  ctx.filled.set(f.num, cat);
  ctx.claim(d ? { t: 'dict', v: d } : undefined, from);
  for (const w of f.widgets) if (w !== f.num) ctx.claim({ t: 'ref', num: w, gen: 0 }, from);
}

/** [x1 y1 x2 y2] rounded for a change detail. */
export function rectText(r: readonly number[]): string {
  return `[${r.map((x) => Math.round(x * 100) / 100).join(' ')}]`;
}

/**
 * The category of an appearance-related update made with a field's value: a document timestamp's may not change what
 * is shown (anyone can obtain one), so its appearance updates are 'appearance' changes.
 */
function withValue(cat: ChangeCategory, key: string): ChangeCategory {
  return cat === 'doc-timestamp' && APPEARANCE_KEYS.has(key) ? 'appearance' : cat;
}

/** A field or widget that is a stream: only its dictionary would be compared — its data could be page content. */
function streamField(ctx: ChangeContext, num: number, f: FieldInfo): boolean {
  if (ctx.oldObj(num)?.t !== 'stream' && ctx.newObj(num)?.t !== 'stream') return false;
  ctx.add({ category: 'other', revision: ctx.revOf(num), object: refKey(num), field: f.name, detail: `field '${f.name}' object ${refKey(num)} is a stream and was rewritten after signing` });
  return true;
}

function changedField(ctx: ChangeContext, of: FieldInfo, nf: FieldInfo): void {
  if (streamField(ctx, nf.num, nf)) return;
  const od = dictOf(ctx.oldObj(nf.num));
  const nd = dictOf(ctx.newObj(nf.num));
  const keys = changedKeys(ctx.doc, od, nd, ctx.budget);
  const b = base(ctx, nf);
  const from = { label: `field ${nf.name}`, revision: b.revision, field: nf.name, ...(b.page ? { page: b.page } : {}) };
  const isSig = nf.ft === 'Sig';
  const oldV = od?.get('V');
  const newV = nd?.get('V');
  const hadV = !!oldV && oldV.t !== 'null';
  const hasV = !!newV && newV.t !== 'null';
  let fillCat: ChangeCategory | undefined;
  if (of.ft !== nf.ft) ctx.add({ ...b, category: 'other', detail: `field type of '${nf.name}' changed from ${of.ft ? `/${of.ft}` : 'none'} to ${nf.ft ? `/${nf.ft}` : 'none'}` });
  if (keys.includes('V')) {
    if (isSig) {
      if (!hadV && hasV) {
        const sv = sigValue(ctx, nf);
        fillCat = !sv ? 'signature' : 'problem' in sv ? 'other' : sv.cat;
        if (sv && 'problem' in sv) {
          ctx.add({ ...b, category: 'other', detail: sv.problem });
        } else {
          const shown = fillCat === 'signature' ? visibleWidget(ctx.doc, nf, ctx.last) : undefined;
          const where = shown ? ` (visible: ${rectText(shown.rect)}${b.page ? ` on page ${b.page}` : ''})` : '';
          ctx.add({ ...b, category: fillCat, detail: `${fillCat === 'doc-timestamp' ? 'document timestamp' : 'signature'} added to the empty field '${nf.name}'${where}`, ...(shown ? { rect: shown.rect } : {}) });
        }
      } else if (hadV && !hasV) {
        ctx.add({ ...b, category: 'signature-dictionary', detail: `signature removed from field '${nf.name}' (/V was ${show(oldV)})` });
      } else {
        ctx.add({ ...b, category: 'signature-dictionary', detail: `signature of field '${nf.name}' replaced (/V ${show(oldV)} → ${show(newV)})` });
      }
    } else {
      fillCat = 'form-fill';
      ctx.add({ ...b, category: 'form-fill', detail: `value of field '${nf.name}' changed from ${show(oldV)} to ${show(newV)}` });
    }
    if (fillCat) ctx.filled.set(nf.num, fillCat);
  }
  for (const k of keys) {
    if (k === 'V') continue;
    if (FILL_KEYS.has(k) && fillCat) {
      ctx.add({ ...b, category: withValue(fillCat, k), detail: `field '${nf.name}' updated with its value (/${k}${k === 'F' || k === 'Ff' ? ` ${show(od?.get(k))} → ${show(nd?.get(k))}` : ''})` });
    } else if (!isSig && k === 'AS') {
      ctx.filled.set(nf.num, 'form-fill');
      ctx.add({ ...b, category: 'form-fill', detail: `state of field '${nf.name}' changed (/AS ${show(od?.get('AS'))} → ${show(nd?.get('AS'))})` });
    } else if (k === 'Ff' || k === 'Type') {
      ctx.add({ ...b, category: isSig ? 'signature' : 'form-fill', detail: `field '${nf.name}': /${k} changed from ${show(od?.get(k))} to ${show(nd?.get(k))}` });
    } else if (APPEARANCE_KEYS.has(k)) {
      ctx.add({ ...b, category: 'appearance', detail: `appearance of ${isSig ? 'signature ' : ''}field '${nf.name}' changed (/${k}) without a new value` });
    } else if (k === 'Lock') {
      ctx.add({ ...b, category: 'other', detail: `/Lock ${od?.has('Lock') ? 'changed' : 'added'} on field '${nf.name}'` });
    } else {
      ctx.add({ ...b, category: 'other', detail: `field '${nf.name}': /${k} changed from ${show(od?.get(k))} to ${show(nd?.get(k))}` });
    }
  }
  ctx.claim(nd ? { t: 'dict', v: nd } : undefined, from);
}

function changedWidget(ctx: ChangeContext, w: number, f: FieldInfo): void {
  if (streamField(ctx, w, f)) return;
  const od = dictOf(ctx.oldObj(w));
  const nd = dictOf(ctx.newObj(w));
  const b = base(ctx, f, w);
  const fill = ctx.filled.get(f.num);
  for (const k of changedKeys(ctx.doc, od, nd, ctx.budget)) {
    if (FILL_KEYS.has(k) && fill) ctx.add({ ...b, category: withValue(fill, k), detail: `widget of field '${f.name}' updated with its value (/${k})` });
    else if (k === 'AS' && f.ft !== 'Sig') {
      ctx.filled.set(f.num, 'form-fill');
      ctx.add({ ...b, category: 'form-fill', detail: `state of a widget of field '${f.name}' changed (/AS)` });
    } else if (APPEARANCE_KEYS.has(k)) ctx.add({ ...b, category: 'appearance', detail: `widget appearance of field '${f.name}' changed (/${k}) without a new value` });
    else ctx.add({ ...b, category: 'other', detail: `widget of field '${f.name}': /${k} changed from ${show(od?.get(k))} to ${show(nd?.get(k))}` });
  }
  ctx.claim(nd ? { t: 'dict', v: nd } : undefined, { label: `field ${f.name} widget`, revision: b.revision, field: f.name });
}
