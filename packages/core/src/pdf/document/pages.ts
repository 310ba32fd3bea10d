// The page tree in document order (/Root /Pages → /Kids …), cycle-protected and bounded.
import type { PdfDocument, PdfObj } from './types.js';

export interface PageRef {
  num: number;
  gen: number;
}

export interface PageTreeLimits {
  /** Most pages listed. */
  maxPages: number;
  /** Deepest /Kids nesting. */
  maxDepth: number;
}

export const DEFAULT_PAGE_TREE_LIMITS: PageTreeLimits = { maxPages: 1_000_000, maxDepth: 64 };

/** Page objects as of `rev` in order. `truncated`: a cycle, a limit or a broken node cut the walk short. Never throws. */
export function pageRefs(
  doc: PdfDocument,
  rev?: number,
  limits: Partial<PageTreeLimits> = {},
): { refs: PageRef[]; truncated: boolean } {
  const lim = { ...DEFAULT_PAGE_TREE_LIMITS, ...limits };
  const refs: PageRef[] = [];
  let truncated = false;
  try {
    const root = doc.catalog(rev)?.get('Pages');
    if (root?.t !== 'ref') return { refs, truncated: root !== undefined };
    const seen = new Set<number>();
    // Explicit stack (reverse pushes keep document order): no recursion on hostile depth.
    const stack: { ref: PdfObj; depth: number }[] = [{ ref: root, depth: 0 }];
    let visits = 0;
    while (stack.length > 0) {
      const { ref, depth } = stack.pop()!;
      if (ref.t !== 'ref') {
        truncated = true;
        continue;
      }
      if (seen.has(ref.num) || depth > lim.maxDepth || ++visits > lim.maxPages * 2) {
        truncated = true;
        if (visits > lim.maxPages * 2) break;
        continue;
      }
      seen.add(ref.num);
      const node = doc.resolve(ref, rev);
      if (node?.t !== 'dict') {
        truncated = true;
        continue;
      }
      const type = node.v.get('Type');
      const kids = doc.resolve(node.v.get('Kids'), rev);
      const isPages = type?.t === 'name' ? type.v === 'Pages' : kids?.t === 'array';
      if (!isPages) {
        if (refs.length >= lim.maxPages) {
          truncated = true;
          break;
        }
        refs.push({ num: ref.num, gen: ref.gen });
        continue;
      }
      if (kids?.t !== 'array') {
        truncated = true;
        continue;
      }
      for (let i = kids.v.length - 1; i >= 0; i--) stack.push({ ref: kids.v[i]!, depth: depth + 1 });
    }
  } catch {
    truncated = true;
  }
  return { refs, truncated };
}
