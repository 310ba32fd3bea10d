// Pairwise ByteRange collisions (DSS ByteRangeCollision): a signature's /Contents gap must not lie inside bytes an
// earlier signature signed, and two gaps must not intersect. A later signature normally covers an earlier gap whole;
// that is not a collision.
import { check, withDetail } from '../../report/check.js';
import type { Check } from '../../report/types.js';
import type { ByteRange } from '../byte-range.js';
import { PDF_CHECKS as C } from '../checks.js';

/** One check per input position (undefined where the ByteRange is unusable). */
export function collisionChecks(ranges: readonly (ByteRange | undefined)[]): (Check | undefined)[] {
  return ranges.map((me, i) => {
    if (!me) return undefined;
    const [, b, c, d] = me;
    const end = c + d;
    for (let j = 0; j < ranges.length; j++) {
      const other = ranges[j];
      if (j === i || !other) continue;
      const [, ob, oc, od] = other;
      const otherEnd = oc + od;
      // Only the later signature (larger end; file order on a tie) can be at fault: its gap belongs in its own
      // update, after every byte the earlier one signed.
      const earlier = otherEnd < end || (otherEnd === end && j < i);
      if (earlier && b < otherEnd) {
        const zh = `空隙 [${b}, ${c}) 落在签名 #${j + 1} 已签名的范围 [0, ${ob}) + [${oc}, ${otherEnd}) 之内`;
        const en = `gap [${b}, ${c}) lies inside signature #${j + 1}'s signed ranges [0, ${ob}) + [${oc}, ${otherEnd})`;
        return check(C.byteRangeCollision, 'failed', { message: withDetail(C.byteRangeCollision.failed, zh, en), details: { with: j + 1 } });
      }
    }
    return check(C.byteRangeCollision, 'passed');
  });
}
