// TSTInfo (RFC 3161 §2.4.2): decode what a TSA signed, encode what our TSA signs. The module uses IMPLICIT TAGS;
// `tsa [0] GeneralName` is explicit all the same because GeneralName is a CHOICE.
import { FormatError } from '../errors.js';
import {
  TAG_BOOLEAN,
  TAG_GENERALIZED_TIME,
  TAG_INTEGER,
  TAG_SEQUENCE,
  canonicalInteger,
  children,
  content,
  explicit,
  generalizedTime,
  implicit,
  integer,
  integerFromContent,
  integerHex,
  isConstructed,
  isCtx,
  oid,
  readBoolean,
  readInteger,
  readOid,
  readRoot,
  readSmallInt,
  readTime,
  seq,
  tlv,
  utf8Bytes,
  type El,
} from '../asn1/index.js';
import { readGeneralName } from './general-name.js';
import { MAX_DEPTH, MAX_INTEGER_BYTES, MAX_TST_INFO_BYTES } from './limits.js';
import { readMessageImprint } from './message-imprint.js';
import { readExtensions } from './ts-extensions.js';
import type { Accuracy, TstInfo } from './types.js';

/** Decode a DER TSTInfo. Non-minimal lengths are tolerated (the signature covers the bytes as given). Throws FormatError. */
export function decodeTstInfo(der: Uint8Array): TstInfo {
  if (der.length > MAX_TST_INFO_BYTES) throw new FormatError(`TSTInfo of ${der.length} bytes exceeds ${MAX_TST_INFO_BYTES}`);
  const root = readRoot(der, 'TSTInfo', { mode: 'definite', maxDepth: MAX_DEPTH, maxElements: 20_000, maxBytes: MAX_TST_INFO_BYTES });
  if (root.tag !== TAG_SEQUENCE) throw new FormatError('TSTInfo: SEQUENCE expected');
  const f = children(root, 'TSTInfo', 12);
  let i = 0;
  const version = readSmallInt(f[i++], 'TSTInfo.version');
  if (version !== 1) throw new FormatError(`TSTInfo.version ${version} (only v1 exists)`);
  const policy = readOid(f[i++], 'TSTInfo.policy');
  const messageImprint = readMessageImprint(f[i++], 'TSTInfo');
  const serialNumber = integerHex(boundedInteger(f[i++], 'TSTInfo.serialNumber'));
  const gt = f[i++];
  if (!gt || gt.tag !== TAG_GENERALIZED_TIME) throw new FormatError('TSTInfo.genTime: GeneralizedTime expected');
  const genTime = readTime(gt, 'TSTInfo.genTime', { fractions: true });
  const out: TstInfo = { version, policy, messageImprint, serialNumber, genTime, ordering: false };

  if (f[i]?.tag === TAG_SEQUENCE) out.accuracy = readAccuracy(f[i++]!);
  if (f[i]?.tag === TAG_BOOLEAN) out.ordering = readBoolean(f[i++], 'TSTInfo.ordering');
  if (f[i]?.tag === TAG_INTEGER) out.nonce = integerHex(boundedInteger(f[i++], 'TSTInfo.nonce'));
  if (isCtx(f[i], 0)) {
    const t = f[i++]!;
    if (!isConstructed(t)) throw new FormatError('TSTInfo.tsa: [0] must be constructed');
    const [g, ...rest] = children(t, 'TSTInfo.tsa', 2);
    if (!g || rest.length) throw new FormatError('TSTInfo.tsa: one GeneralName expected');
    const name = readGeneralName(g, 'TSTInfo.tsa');
    out.tsaName = name.text;
    if (name.directoryName) out.tsaNameDer = name.directoryName;
  }
  if (isCtx(f[i], 1)) out.extensions = readExtensions(f[i++]!, 'TSTInfo.extensions');
  if (i !== f.length) throw new FormatError('TSTInfo: unexpected or misplaced field');
  return out;
}

function boundedInteger(e: El | undefined, what: string): Uint8Array {
  const c = readInteger(e, what);
  if (c.length > MAX_INTEGER_BYTES) throw new FormatError(`${what}: INTEGER of ${c.length} bytes`);
  return c;
}

/** A small non-negative INTEGER under an implicit context tag (Accuracy.millis / micros). */
function implicitSmall(e: El, what: string): number {
  const c = content(e);
  if (isConstructed(e) || c.length === 0 || c.length > 4 || c[0]! & 0x80) throw new FormatError(`${what}: bad INTEGER`);
  let n = 0;
  for (const b of c) n = n * 256 + b;
  return n;
}

function readAccuracy(e: El): Accuracy {
  const f = children(e, 'TSTInfo.accuracy', 4);
  const acc: Accuracy = { seconds: 0, millis: 0, micros: 0 };
  let i = 0;
  if (f[i]?.tag === TAG_INTEGER) {
    acc.seconds = readSmallInt(f[i++], 'accuracy.seconds');
    if (acc.seconds < 0) throw new FormatError('accuracy.seconds: negative');
  }
  if (f[i] && isCtx(f[i], 0)) acc.millis = implicitSmall(f[i++]!, 'accuracy.millis');
  if (f[i] && isCtx(f[i], 1)) acc.micros = implicitSmall(f[i++]!, 'accuracy.micros');
  if (i !== f.length) throw new FormatError('TSTInfo.accuracy: unexpected field');
  // RFC 3161: millis and micros are 1..999 when present.
  if (acc.millis > 999 || acc.micros > 999) throw new FormatError('TSTInfo.accuracy: millis/micros above 999');
  return acc;
}

export interface TstInfoInput {
  policy: string;
  /** DER MessageImprint (copied from the request or built by `encodeMessageImprint`). */
  messageImprint: Uint8Array;
  serialNumber: bigint;
  genTime: Date;
  accuracy?: Partial<Accuracy>;
  /** INTEGER contents of the request's nonce, echoed with the same value. */
  nonce?: Uint8Array;
  /** DER Name of the TSA, written as tsa [0] directoryName. */
  tsaName?: Uint8Array;
}

/** GeneralizedTime with milliseconds when non-zero, trailing zeros removed (RFC 3161 §2.4.2 genTime rules). */
export function genTimeDer(d: Date): Uint8Array {
  const whole = generalizedTime(d, 'genTime');
  const ms = d.getUTCMilliseconds();
  if (ms === 0) return whole;
  const text = new TextDecoder().decode(whole.subarray(2, whole.length - 1)); // YYYYMMDDhhmmss
  const frac = String(ms).padStart(3, '0').replace(/0+$/, '');
  return tlv(TAG_GENERALIZED_TIME, utf8Bytes(`${text}.${frac}Z`));
}

function accuracyDer(a: Partial<Accuracy>): Uint8Array | undefined {
  const { seconds = 0, millis = 0, micros = 0 } = a;
  for (const [n, v, max] of [
    ['seconds', seconds, Number.MAX_SAFE_INTEGER],
    ['millis', millis, 999],
    ['micros', micros, 999],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0 || v > max) throw new RangeError(`accuracy.${n} must be an integer 0..${max}`);
  }
  const parts: Uint8Array[] = [];
  if (seconds) parts.push(integer(seconds));
  if (millis) parts.push(implicit(0, integer(millis)));
  if (micros) parts.push(implicit(1, integer(micros)));
  return parts.length ? seq(...parts) : undefined;
}

/** DER TSTInfo (version 1, ordering false). Throws RangeError / FormatError on bad input. */
export function encodeTstInfo(t: TstInfoInput): Uint8Array {
  if (t.serialNumber < 0n) throw new RangeError('serialNumber must not be negative');
  const acc = t.accuracy ? accuracyDer(t.accuracy) : undefined;
  return seq(
    integer(1),
    oid(t.policy),
    t.messageImprint,
    integer(t.serialNumber),
    genTimeDer(t.genTime),
    ...(acc ? [acc] : []),
    ...(t.nonce ? [integerFromContent(canonicalInteger(t.nonce))] : []),
    ...(t.tsaName ? [explicit(0, explicit(4, t.tsaName))] : []),
  );
}

