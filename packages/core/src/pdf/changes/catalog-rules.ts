// Rules for the trailer, the document catalog and the AcroForm dictionary.
import type { PdfObj } from '../document/types.js';
import type { ChangeContext } from './context.js';
import type { PdfChange } from './types.js';
import { type Dict, changedKeys, dictOf, refKey, sameValue, show } from './values.js';

const DSS_KEYS = new Set(['Type', 'Certs', 'CRLs', 'OCSPs', 'VRI']);
const VRI_KEYS = new Set(['Type', 'TU', 'TS', 'Cert', 'CRL', 'OCSP']);

export function compareTrailer(ctx: ChangeContext): void {
  const { old, neu, doc } = ctx;
  const lastTrailer = doc.revisions[ctx.last]?.trailer;
  const oldTrailer = doc.revisions[ctx.s]?.trailer;
  if (old.rootNum !== neu.rootNum) {
    ctx.add({
      category: 'other',
      revision: ctx.last,
      detail: `trailer /Root now points to ${neu.rootNum === undefined ? 'nothing' : refKey(neu.rootNum)} (was ${old.rootNum === undefined ? 'nothing' : refKey(old.rootNum)})`,
    });
    compareCatalog(ctx, old.catalog, neu.catalog, ctx.last);
    ctx.claim(lastTrailer?.get('Root'), { label: 'trailer', revision: ctx.last });
  }
  if (old.infoNum !== neu.infoNum && neu.infoNum !== undefined) {
    const keys = changedKeys(doc, dictOf(doc.resolve(oldTrailer?.get('Info'), ctx.s)), dictOf(doc.resolve(lastTrailer?.get('Info'), ctx.last)), ctx.budget);
    ctx.add({ category: 'metadata', revision: ctx.revOf(neu.infoNum), object: refKey(neu.infoNum), detail: `document information dictionary (/Info) replaced (${keys.map((k) => `/${k}`).join(' ') || 'same keys'})` });
    ctx.claim(lastTrailer?.get('Info'), { label: '/Info', revision: ctx.revOf(neu.infoNum) });
  }
  if (!sameValue(doc, oldTrailer?.get('Encrypt'), lastTrailer?.get('Encrypt'), ctx.budget)) {
    ctx.add({ category: 'other', revision: ctx.last, detail: 'trailer /Encrypt added or changed after signing' });
  }
  for (let r = ctx.s + 1; r <= ctx.last; r++) {
    if (doc.revisions[r]?.hybrid) {
      ctx.add({ category: 'other', revision: r, detail: 'hybrid-reference update (xref table plus /XRefStm): readers may see different objects' });
    }
  }
}

/** Catalog keys that may change after signing, and what they mean. Everything else is 'other'. */
export function compareCatalog(ctx: ChangeContext, o: Dict | undefined, n: Dict | undefined, revision: number): void {
  const { doc, budget } = ctx;
  const object = ctx.neu.rootNum === undefined ? undefined : refKey(ctx.neu.rootNum);
  const add = (c: Omit<PdfChange, 'revision' | 'object'>): void => ctx.add({ ...c, revision, ...(object ? { object } : {}) });
  for (const k of changedKeys(doc, o, n, budget)) {
    const nv = n?.get(k);
    switch (k) {
      case 'DSS': {
        add({ category: 'dss', detail: o?.has('DSS') ? 'document security store (/DSS) updated' : 'document security store (/DSS) added' });
        checkDss(ctx, nv, revision);
        ctx.claim(nv, { label: '/Root /DSS', revision });
        break;
      }
      case 'Extensions':
        add({ category: 'dss', detail: `/Extensions ${o?.has('Extensions') ? 'updated' : 'added'} (developer extension level)` });
        ctx.claim(nv, { label: '/Root /Extensions', revision });
        break;
      case 'Metadata':
      case 'Version':
      case 'MarkInfo':
        add({ category: 'metadata', detail: `/Root /${k} ${o?.has(k) ? 'updated' : 'added'}` });
        ctx.claim(nv, { label: `/Root /${k}`, revision });
        break;
      case 'AcroForm':
      case 'Names':
        if (doc.resolve(nv, ctx.last)?.t === 'stream') {
          // Only its dictionary would be compared: its data could be anything (another object's content).
          add({ category: 'other', detail: `/Root /${k} is a stream after signing` });
          ctx.claim(nv, { label: `/Root /${k}`, revision });
          break;
        }
        if (k === 'Names') {
          compareNames(ctx, dictOf(doc.resolve(o?.get('Names'), ctx.s)), dictOf(doc.resolve(nv, ctx.last)), revision);
          ctx.claim(nv, { label: '/Root /Names', revision });
          break;
        }
        // Same indirect object on both sides: its own change is judged when that object is visited.
        compareAcroForm(ctx, dictOf(doc.resolve(o?.get('AcroForm'), ctx.s)), dictOf(doc.resolve(nv, ctx.last)), revision);
        ctx.claim(nv, { label: '/Root /AcroForm', revision });
        break;
      case 'Perms':
        add({ category: 'other', detail: `/Root /Perms changed after signing (${show(o?.get('Perms'))} → ${show(nv)})` });
        ctx.claim(nv, { label: '/Root /Perms', revision });
        break;
      case 'Pages':
        add({ category: 'page', detail: `page tree root /Root /Pages replaced (${show(o?.get('Pages'))} → ${show(nv)})` });
        ctx.claim(nv, { label: '/Root /Pages', revision });
        break;
      default:
        add({ category: 'other', detail: `/Root /${k} changed after signing (${show(o?.get(k))} → ${show(nv)})` });
        ctx.claim(nv, { label: `/Root /${k}`, revision });
    }
  }
}

/**
 * The name dictionary: only the /AP name tree (named appearance streams, which Acrobat adds with stamp and comment
 * annotations) may change, and that is part of an annotation change. /JavaScript, /EmbeddedFiles... are 'other'.
 */
export function compareNames(ctx: ChangeContext, o: Dict | undefined, n: Dict | undefined, revision: number): void {
  const object = ctx.neu.namesNum === undefined ? undefined : refKey(ctx.neu.namesNum);
  for (const k of changedKeys(ctx.doc, o, n, ctx.budget)) {
    ctx.add({
      category: k === 'AP' ? 'annotation' : 'other',
      revision,
      ...(object ? { object } : {}),
      detail: k === 'AP' ? '/Root /Names /AP (named annotation appearances) updated' : `/Root /Names /${k} changed after signing`,
    });
  }
}

/** pyHanko's DSS shape check: unexpected keys in the DSS or a VRI entry are not an LTA update. */
function checkDss(ctx: ChangeContext, v: PdfObj | undefined, revision: number): void {
  const dss = dictOf(ctx.doc.resolve(v, ctx.last));
  if (!dss) {
    ctx.add({ category: 'other', revision, detail: '/Root /DSS is not a dictionary' });
    return;
  }
  const extra = [...dss.keys()].filter((k) => !DSS_KEYS.has(k));
  if (extra.length) ctx.add({ category: 'other', revision, detail: `unexpected keys in /DSS: ${extra.map((k) => `/${k}`).join(' ')}` });
  const vri = dictOf(ctx.doc.resolve(dss.get('VRI'), ctx.last));
  let n = 0;
  for (const [key, entry] of vri ?? []) {
    if (++n > 10_000 || !ctx.budget.spend()) break;
    const d = dictOf(ctx.doc.resolve(entry, ctx.last));
    const bad = d ? [...d.keys()].filter((k) => !VRI_KEYS.has(k)) : ['(not a dictionary)'];
    if (bad.length) ctx.add({ category: 'other', revision, detail: `unexpected keys in /DSS /VRI /${key}: ${bad.join(' ')}` });
  }
}

export function compareAcroForm(ctx: ChangeContext, o: Dict | undefined, n: Dict | undefined, revision: number): void {
  const { doc, budget } = ctx;
  const object = ctx.neu.acroFormNum === undefined ? undefined : refKey(ctx.neu.acroFormNum);
  const add = (c: Omit<PdfChange, 'revision' | 'object'>): void => ctx.add({ ...c, revision, ...(object ? { object } : {}) });
  for (const k of changedKeys(doc, o, n, budget)) {
    const ov = o?.get(k);
    const nv = n?.get(k);
    switch (k) {
      case 'Fields':
        compareTopFields(ctx, revision);
        break;
      case 'SigFlags':
        add({ category: 'signature', detail: `/AcroForm /SigFlags set to ${show(nv)} (was ${show(ov)})` });
        break;
      case 'DA':
        add({ category: 'signature', detail: `/AcroForm /DA (default appearance) set to ${show(nv)}` });
        break;
      case 'DR': {
        const lost = lostResources(ctx, dictOf(doc.resolve(ov, ctx.s)), dictOf(doc.resolve(nv, ctx.last)));
        if (lost.length) add({ category: 'other', detail: `/AcroForm /DR resources changed or removed: ${lost.join(', ')}` });
        else add({ category: 'signature', detail: '/AcroForm /DR default resources added' });
        ctx.claim(nv, { label: '/Root /AcroForm /DR', revision });
        break;
      }
      case 'NeedAppearances':
        add({ category: 'form-fill', detail: `/AcroForm /NeedAppearances set to ${show(nv)}: viewers regenerate field appearances` });
        break;
      default:
        add({ category: 'other', detail: `/AcroForm /${k} changed after signing (${show(ov)} → ${show(nv)})` });
        ctx.claim(nv, { label: `/Root /AcroForm /${k}`, revision });
    }
  }
}

/** /DR may only grow: every resource the signed revision had must still be there, unchanged. */
function lostResources(ctx: ChangeContext, o: Dict | undefined, n: Dict | undefined): string[] {
  const out: string[] = [];
  for (const [cat, ov] of o ?? []) {
    const od = dictOf(ctx.doc.resolve(ov, ctx.s));
    const nd = dictOf(ctx.doc.resolve(n?.get(cat), ctx.last));
    if (!od) {
      if (!sameValue(ctx.doc, ov, n?.get(cat), ctx.budget)) out.push(`/${cat}`);
      continue;
    }
    for (const [name, v] of od) if (!sameValue(ctx.doc, v, nd?.get(name), ctx.budget)) out.push(`/${cat} /${name}`);
  }
  return out;
}

/** Top-level /Fields: existing fields must stay; new entries are judged as new fields by the field rules. */
export function compareTopFields(ctx: ChangeContext, revision: number): void {
  if (ctx.topFieldsCompared) return;
  ctx.topFieldsCompared = true;
  const now = new Set(ctx.neu.topFields);
  for (const f of ctx.old.topFields) {
    if (now.has(f)) continue;
    const name = ctx.old.fields.get(f)?.name ?? '';
    ctx.add({ category: 'other', revision, object: refKey(f), field: name, detail: `field '${name}' removed from /AcroForm /Fields` });
  }
}
