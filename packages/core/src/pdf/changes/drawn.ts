// The objects that make up what a revision displays: everything reachable from its pages' content and resources and
// from its annotations' appearances. An object with that role is judged as displayed content whatever other role it
// also has (a page's content stream listed as a /DSS certificate, /Root /Metadata or /Root /Names must not pass as a
// DSS or metadata update when it is rewritten).
import type { PdfDocument, PdfObj } from '../document/types.js';
import type { Structure } from './structure.js';
import { type Budget, dictOf } from './values.js';

/** Keys that lead away from drawn content (back-pointers, actions, values, structure): not followed. */
const SKIP = new Set(['Parent', 'P', 'Kids', 'V', 'A', 'AA', 'Dest', 'Popup', 'IRT', 'Lock', 'SV', 'Data', 'Reference', 'Annots', 'B', 'Metadata', 'PieceInfo', 'StructParent', 'StructParents']);

export function drawnObjects(doc: PdfDocument, rev: number, s: Structure, budget: Budget): Set<number> {
  const drawn = new Set<number>();
  const stack: { o: PdfObj | undefined; depth: number }[] = [];
  const fromDict = (num: number): void => {
    const d = dictOf(doc.getObject(num, rev));
    for (const [k, v] of d ?? []) if (!SKIP.has(k)) stack.push({ o: v, depth: 1 });
  };
  // Pages (own and inherited attributes), annotations (appearances, /MK icons...). Their dictionaries themselves keep
  // their own roles; what they reach is drawn.
  for (const p of s.pages) fromDict(p);
  for (const n of s.pageNodes) fromDict(n);
  for (const a of s.annots.keys()) fromDict(a);
  for (const c of s.pageContents.keys()) stack.push({ o: { t: 'ref', num: c, gen: 0 }, depth: 0 });
  while (stack.length) {
    const { o, depth } = stack.pop()!;
    if (!o) continue;
    if (!budget.spend()) break;
    if (depth > budget.maxDepth) {
      budget.truncated = true;
      continue;
    }
    switch (o.t) {
      case 'ref':
        if (drawn.has(o.num)) break;
        drawn.add(o.num);
        stack.push({ o: doc.getObject(o.num, rev), depth: depth + 1 });
        break;
      case 'array':
        for (const x of o.v) stack.push({ o: x, depth: depth + 1 });
        break;
      case 'dict':
      case 'stream':
        for (const [k, v] of o.t === 'dict' ? o.v : o.dict) if (!SKIP.has(k)) stack.push({ o: v, depth: depth + 1 });
        break;
      default:
    }
  }
  return drawn;
}
