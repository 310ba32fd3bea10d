// Who references what in one revision: a bounded breadth-first walk from the trailer (/Root, /Info) that records, for
// every reachable object, a few referrers with readable paths ("page 1 /Resources /XObject /I1", "field Sig2 /AP /N"),
// and every reference to an object that does not exist there (dangling — a later update may define it).
import type { PdfDocument } from '../document/types.js';
import { type Budget, refKey, refsIn } from './values.js';

export interface Referrer {
  /** Referring object, or -1 for the trailer. */
  from: number;
  /** Key path inside the referring object, e.g. ' /AP /N'. */
  path: string;
  /** Readable label: the referrer's label plus the path. */
  label: string;
}

export interface Graph {
  reachable: Set<number>;
  /** Up to MAX_REFERRERS referrers per object; `shared` says there were more. */
  referrers: Map<number, Referrer[]>;
  /** Objects with more referrers than were kept. */
  many: Set<number>;
  /** Object numbers referenced but not defined in this revision, with one referrer each. */
  dangling: Map<number, Referrer>;
  label(num: number): string;
}

const MAX_REFERRERS = 8;

/** Walk revision `rev` from its trailer. `roles` gives readable names to known objects (pages, fields...). */
export function walkGraph(doc: PdfDocument, rev: number, roles: Map<number, string>, budget: Budget): Graph {
  const reachable = new Set<number>();
  const referrers = new Map<number, Referrer[]>();
  const many = new Set<number>();
  const dangling = new Map<number, Referrer>();
  const labels = new Map<number, string>();
  const label = (num: number): string => roles.get(num) ?? labels.get(num) ?? refKey(num);
  const trailer = doc.revisions[rev]?.trailer;
  const queue: number[] = [];
  let head = 0;
  const note = (from: number, fromLabel: string, path: string, num: number): void => {
    const r: Referrer = { from, path, label: `${fromLabel}${path}` };
    if (!reachable.has(num)) {
      if (!doc.getObject(num, rev)) {
        if (!dangling.has(num)) dangling.set(num, r);
        return;
      }
      reachable.add(num);
      labels.set(num, r.label);
      queue.push(num);
    }
    const list = referrers.get(num) ?? [];
    if (list.length < MAX_REFERRERS) {
      list.push(r);
      referrers.set(num, list);
    } else many.add(num);
  };
  for (const key of ['Root', 'Info']) {
    const v = trailer?.get(key);
    if (v?.t === 'ref') note(-1, '', `/${key}`, v.num);
  }
  while (head < queue.length) {
    if (!budget.spend()) break;
    const num = queue[head++]!;
    const o = doc.getObject(num, rev);
    const from = label(num);
    for (const r of refsIn(o, budget)) note(num, from, r.path, r.num);
  }
  // Roles stay authoritative labels; everything else gets the first path that reached it.
  return { reachable, referrers, many, dangling, label };
}
