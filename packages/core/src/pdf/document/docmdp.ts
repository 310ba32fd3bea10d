// Certification (DocMDP, ISO 32000-1 12.8.2.2): /Root /Perms /DocMDP → the certification signature dictionary →
// /Reference [<< /TransformMethod /DocMDP /TransformParams << /P n >> >>]. P defaults to 2; a value other than 1, 2
// or 3 is read as 2 as the standard says — `declaredP` and `notes` keep what was actually there.
import type { PdfDocument, PdfObj } from './types.js';

export interface Certification {
  /** The certification signature dictionary. */
  sigDict: Map<string, PdfObj>;
  /** Its reference when /DocMDP is indirect (it should be). */
  sigRef?: { num: number; gen: number };
  /** Permitted changes: 1 none, 2 form filling and signing, 3 also annotations. */
  p: 1 | 2 | 3;
  /** The /P value as found (undefined when absent). */
  declaredP?: PdfObj;
  /** Oddities: no DocMDP transform reference, P absent or invalid, /DocMDP not a dictionary. */
  notes: string[];
}

/** The certification as of `rev`; undefined when /Perms /DocMDP is absent or not a dictionary. Never throws. */
export function certification(doc: PdfDocument, rev?: number): Certification | undefined {
  try {
    const R = (o: PdfObj | undefined): PdfObj | undefined => doc.resolve(o, rev);
    const perms = R(doc.catalog(rev)?.get('Perms'));
    if (perms?.t !== 'dict') return undefined;
    const ref = perms.v.get('DocMDP');
    const sig = R(ref);
    if (sig?.t !== 'dict') return undefined;
    const notes: string[] = [];
    if (ref?.t !== 'ref') notes.push('/Perms /DocMDP is a direct dictionary (should be an indirect reference)');
    const out: Certification = { sigDict: sig.v, p: 2, notes };
    if (ref?.t === 'ref') out.sigRef = { num: ref.num, gen: ref.gen };
    const refs = R(sig.v.get('Reference'));
    const transform = (refs?.t === 'array' ? refs.v : [])
      .slice(0, 64)
      .map((r) => R(r))
      .find((r) => {
        if (r?.t !== 'dict') return false;
        const m = R(r.v.get('TransformMethod'));
        return m?.t === 'name' && m.v === 'DocMDP';
      });
    if (transform?.t !== 'dict') {
      notes.push('no /Reference with /TransformMethod /DocMDP; P taken as 2');
      return out;
    }
    const params = R(transform.v.get('TransformParams'));
    const p = params?.t === 'dict' ? R(params.v.get('P')) : undefined;
    if (p === undefined) {
      notes.push('/P absent; default 2');
      return out;
    }
    out.declaredP = p;
    if (p.t === 'num' && p.int && (p.v === 1 || p.v === 2 || p.v === 3)) out.p = p.v;
    else notes.push(`/P ${p.t === 'num' ? p.v : p.t} is not 1, 2 or 3; read as 2`);
    return out;
  } catch {
    return undefined;
  }
}
