// State shared by the change rules while one signed revision is compared with the final document.
import type { PdfDocument, PdfObj } from '../document/types.js';
import type { Graph } from './graph.js';
import type { Structure } from './structure.js';
import type { ChangeCategory, PdfChange } from './types.js';
import { type Budget, refKey, refsIn } from './values.js';

export class ChangeContext {
  readonly changes: PdfChange[] = [];
  /** Objects added after the signed revision (not in use there). */
  readonly newObjects = new Set<number>();
  /** New objects reached from a recorded change. */
  readonly claimed = new Set<number>();
  /** Existing objects whose value differs between the signed revision and the final document. */
  readonly changed = new Set<number>();
  /** Changed objects a rule has already dealt with. */
  readonly handled = new Set<number>();
  /** Fields whose value was set or changed after signing → the category that explains their appearance updates. */
  readonly filled = new Map<number, ChangeCategory>();
  pageListChanged = false;
  topFieldsCompared = false;
  private readonly seen = new Set<string>();
  private readonly shadowed = new Set<number>();

  constructor(
    readonly doc: PdfDocument,
    /** Signed revision. */
    readonly s: number,
    /** Final revision. */
    readonly last: number,
    readonly old: Structure,
    readonly neu: Structure,
    readonly graph: Graph,
    readonly budget: Budget,
  ) {}

  add(c: PdfChange): void {
    const key = `${c.category}|${c.object ?? ''}|${c.field ?? ''}|${c.detail}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.changes.push(c);
  }

  /** The revision whose xref entry last defined `num` (the revision that made its current value). */
  revOf(num: number): number {
    return this.doc.definedIn(num, this.last)?.revision ?? this.last;
  }

  oldObj(num: number): PdfObj | undefined {
    this.budget.spend();
    return this.doc.getObject(num, this.s);
  }

  newObj(num: number): PdfObj | undefined {
    this.budget.spend();
    return this.doc.getObject(num, this.last);
  }

  existedBefore(num: number): boolean {
    return !this.newObjects.has(num) && this.oldObj(num) !== undefined;
  }

  pageOf(num: number, st: Structure): number | undefined {
    const a = st.annots.get(num);
    if (a && a.page >= 0) return a.page + 1;
    const f = st.fields.get(num);
    for (const w of f?.widgets ?? []) {
      const wa = st.annots.get(w);
      if (wa && wa.page >= 0) return wa.page + 1;
    }
    return undefined;
  }

  /**
   * Attribute the new objects reachable from `value` (through new objects only) to an explained change, and flag
   * references to objects that existed in the signed revision but were not reachable there: a later update that
   * makes hidden, pre-signed content visible is the shadow-attack pattern.
   */
  claim(value: PdfObj | undefined, from: { label: string; revision: number; page?: number; field?: string }): void {
    const stack: { o: PdfObj | undefined; label: string; depth: number }[] = [{ o: value, label: from.label, depth: 0 }];
    while (stack.length) {
      const { o, label, depth } = stack.pop()!;
      if (depth > this.budget.maxDepth) {
        this.budget.truncated = true;
        continue;
      }
      for (const r of refsIn(o, this.budget)) {
        if (this.newObjects.has(r.num)) {
          if (this.claimed.has(r.num) || !this.budget.spend()) continue;
          this.claimed.add(r.num);
          stack.push({ o: this.newObj(r.num), label: refKey(r.num, r.gen), depth: depth + 1 });
        } else if (!this.graph.reachable.has(r.num) && !this.shadowed.has(r.num) && this.oldObj(r.num) !== undefined) {
          this.shadowed.add(r.num);
          const path = `${label}${r.path}`;
          const c: PdfChange = {
            category: isVisualPath(path) ? 'appearance' : 'other',
            revision: from.revision,
            object: refKey(r.num, r.gen),
            detail: `${path} now references ${refKey(r.num, r.gen)}, an object that existed but was not used in the signed revision (hidden content revealed)`,
          };
          if (from.page !== undefined) c.page = from.page;
          if (from.field !== undefined) c.field = from.field;
          this.add(c);
        }
      }
    }
  }
}

/** Paths through which content gets drawn. */
export function isVisualPath(path: string): boolean {
  return /(^|\s)(page \d+|annotation|field )|\/(AP|Contents|Resources|XObject|Font|Annots|Pattern|Shading|ExtGState|MK|BS)\b/.test(path);
}
