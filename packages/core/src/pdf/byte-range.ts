// /ByteRange checks for one signature dictionary, coverage classification, and the digest over the signed bytes.
import type { Check } from '../report/types.js';
import type { DigestName } from '../crypto/types.js';
import { check, withDetail } from '../report/check.js';
import { verdictOf, type Verdict } from '../report/indication.js';
import { digest } from '../crypto/digest.js';
import { PDF_CHECKS as C } from './checks.js';
import { HEX_VAL, decodeCleanHex } from './hex.js';
import { findRevisions, isRevisionEnd, type Revision } from './revisions.js';
import type { SignatureDict } from './signature-dicts.js';

export type ByteRange = readonly [number, number, number, number];
export type Coverage = 'ENTIRE_FILE' | 'ENTIRE_REVISION' | 'CONTIGUOUS_BLOCK_FROM_START' | 'UNCLEAR';

export interface ByteRangeResult {
  checks: Check[];
  verdict: Verdict;
  coverage: Coverage;
  /** The four numbers, when they are four non-negative integers. */
  byteRange?: ByteRange;
  /** Start and end, inside the file, that can be digested (format, start and bounds passed). */
  digestible: boolean;
}

export interface ByteRangeOptions {
  /** Revisions from `findRevisions(pdf)`; found here when not given. */
  revisions?: readonly Revision[];
}

/** Check the /ByteRange of `sig` against `pdf`. Never throws: any failure is a failed check. */
export function checkByteRange(pdf: Uint8Array, sig: SignatureDict, opts: ByteRangeOptions = {}): ByteRangeResult {
  const checks: Check[] = [];
  const done = (coverage: Coverage, byteRange?: ByteRange, digestible = false): ByteRangeResult => {
    const r: ByteRangeResult = { checks, verdict: verdictOf(checks), coverage, digestible };
    if (byteRange) r.byteRange = byteRange;
    return r;
  };
  const skipRest = (from: number): void => {
    const order = [C.byteRangeFormat, C.byteRangeStart, C.byteRangeBounds, C.byteRangeGap, C.byteRangeCoverage];
    for (const d of order.slice(from)) checks.push(check(d, 'skipped'));
  };
  try {
    const size = pdf.length;
    const vals = sig.byteRange?.values;
    if (!vals || vals.length !== 4 || vals.some((v) => v === null || v < 0)) {
      const what = !sig.byteRange
        ? sig.byteRangeKind
          ? `/ByteRange 不是数组（${sig.byteRangeKind}）|/ByteRange is not an array (${sig.byteRangeKind})`
          : '缺少 /ByteRange|/ByteRange is missing'
        : `/ByteRange 有 ${vals!.length} 项：[${vals!.map((v) => v ?? '?').join(' ')}]|/ByteRange has ${vals!.length} items: [${vals!.map((v) => v ?? '?').join(' ')}]`;
      const [zh, en] = what.split('|') as [string, string];
      checks.push(check(C.byteRangeFormat, 'failed', { message: withDetail(C.byteRangeFormat.failed, zh, en) }));
      skipRest(1);
      return done('UNCLEAR');
    }
    const br = vals as unknown as ByteRange;
    const [a, b, c, d] = br;
    const details = { byteRange: [a, b, c, d], fileSize: size };
    checks.push(check(C.byteRangeFormat, 'passed', { details }));

    if (a !== 0) {
      checks.push(check(C.byteRangeStart, 'failed', { details }));
      skipRest(2);
      return done('UNCLEAR', br);
    }
    checks.push(check(C.byteRangeStart, 'passed'));

    if (b > c || c + d > size) {
      const zh = b > c ? '两段重叠' : `结束于 ${c + d}，文件只有 ${size} 字节`;
      const en = b > c ? 'the two ranges overlap' : `ends at ${c + d} but the file has ${size} bytes`;
      checks.push(check(C.byteRangeBounds, 'failed', { message: withDetail(C.byteRangeBounds.failed, zh, en), details }));
      skipRest(3);
      return done('UNCLEAR', br);
    }
    checks.push(check(C.byteRangeBounds, 'passed'));

    // The gap must be this dictionary's own /Contents string: anything else in it is unsigned (signature wrapping).
    const ct = sig.contents;
    if (!ct || ct.start !== b || ct.end !== c) {
      const zh = ct ? `空隙为 [${b}, ${c})，/Contents 为 [${ct.start}, ${ct.end})` : `空隙为 [${b}, ${c})，本字典没有十六进制 /Contents`;
      const en = ct
        ? `gap is [${b}, ${c}), /Contents is [${ct.start}, ${ct.end})`
        : `gap is [${b}, ${c}), this dictionary has no hex /Contents`;
      checks.push(check(C.byteRangeGap, 'failed', { message: withDetail(C.byteRangeGap.failed, zh, en), details }));
      checks.push(check(C.byteRangeCoverage, 'failed', { details: { coverage: 'UNCLEAR' } }));
      return done('UNCLEAR', br, true);
    }
    checks.push(check(C.byteRangeGap, 'passed'));

    let coverage: Coverage;
    if (c + d === size) coverage = 'ENTIRE_FILE';
    else if (isRevisionEnd(opts.revisions ?? findRevisions(pdf).revisions, c + d)) coverage = 'ENTIRE_REVISION';
    else coverage = 'CONTIGUOUS_BLOCK_FROM_START';
    if (coverage === 'CONTIGUOUS_BLOCK_FROM_START') {
      checks.push(
        check(C.byteRangeCoverage, 'failed', {
          message: withDetail(
            C.byteRangeCoverage.failed,
            `签名范围结束于 ${c + d}，不是修订版边界；其后 ${size - c - d} 字节未签名`,
            `the signed range ends at ${c + d}, not a revision boundary; ${size - c - d} bytes after it are unsigned`,
          ),
          details: { coverage },
        }),
      );
    } else checks.push(check(C.byteRangeCoverage, 'passed', { details: { coverage, unsignedTail: size - c - d } }));
    return done(coverage, br, true);
  } catch (e) {
    // Defensive: nothing above should throw; report rather than escape.
    const m = e instanceof Error ? e.message : String(e);
    checks.length = 0;
    checks.push(check(C.byteRangeFormat, 'failed', { message: withDetail(C.byteRangeFormat.failed, m, m) }));
    skipRest(1);
    return done('UNCLEAR');
  }
}

function inside(pdf: Uint8Array, br: ByteRange): boolean {
  const [a, b, c, d] = br;
  return [a, b, c, d].every((n) => Number.isSafeInteger(n) && n >= 0) && a + b <= c && c + d <= pdf.length;
}

/** The signed bytes as two views into `pdf` (no copy), or undefined when the ranges are not inside the file. */
export function signedBytes(pdf: Uint8Array, br: ByteRange): [Uint8Array, Uint8Array] | undefined {
  if (!inside(pdf, br)) return undefined;
  const [a, b, c, d] = br;
  return [pdf.subarray(a, a + b), pdf.subarray(c, c + d)];
}

/** Digest of the signed bytes, hashed part by part without concatenating. undefined when out of bounds. */
export function digestByteRange(pdf: Uint8Array, br: ByteRange, digestName: DigestName): Uint8Array | undefined {
  const parts = signedBytes(pdf, br);
  if (!parts) return undefined;
  try {
    return digest(digestName, ...parts);
  } catch {
    return undefined;
  }
}

/**
 * The decoded /Contents of `sig` (whitespace skipped, an odd final digit padded with 0 as ISO 32000 says). The
 * trailing zero padding of the placeholder is kept: the CMS parser reads one element and ignores it.
 * undefined when /Contents is missing, empty or holds a non-hex character.
 */
export function contentsBytes(pdf: Uint8Array, sig: SignatureDict): Uint8Array | undefined {
  const ct = sig.contents;
  if (!ct || ct.start < 0 || ct.end > pdf.length || ct.end - ct.start < 2) return undefined;
  if (pdf[ct.start] !== 0x3c || pdf[ct.end - 1] !== 0x3e) return undefined;
  // A signature's digits are written without whitespace: decoded natively.
  const clean = decodeCleanHex(pdf, ct.start + 1, ct.end - 1);
  if (clean) return clean;
  const out = new Uint8Array((ct.end - ct.start - 2 + 1) >> 1);
  let n = 0;
  let hi = -1;
  for (let i = ct.start + 1; i < ct.end - 1; i++) {
    const ch = pdf[i]!;
    if (ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09 || ch === 0x0c || ch === 0x00) continue;
    const v = HEX_VAL[ch]!;
    if (v < 0) return undefined;
    if (hi < 0) hi = v;
    else {
      out[n++] = (hi << 4) | v;
      hi = -1;
    }
  }
  if (hi >= 0) out[n++] = hi << 4;
  return n === 0 ? undefined : out.subarray(0, n);
}

/** The `pdf.contents.hex` check for `sig`, with the decoded bytes when it passed. Never throws. */
export function checkContents(pdf: Uint8Array, sig: SignatureDict): { check: Check; bytes?: Uint8Array } {
  const bytes = contentsBytes(pdf, sig);
  if (!bytes) {
    const detail = sig.contents ? null : sig.contentsKind ? `值的类型为 ${sig.contentsKind}|value is a ${sig.contentsKind}` : '缺失|missing';
    const [zh, en] = (detail ?? '|').split('|') as [string, string];
    return { check: check(C.contents, 'failed', detail ? { message: withDetail(C.contents.failed, zh, en) } : {}) };
  }
  if (bytes.every((x) => x === 0)) {
    return { check: check(C.contents, 'failed', { message: withDetail(C.contents.failed, '全为零', 'all zero') }) };
  }
  return { check: check(C.contents, 'passed', { details: { length: bytes.length } }), bytes };
}
