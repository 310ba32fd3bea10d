// PKIStatusInfo (RFC 3161 §2.4.2, from RFC 4210): status, free text, failure bits.
import { FormatError } from '../errors.js';
import { TAG_UTF8_STRING, bitString, children, content, decodeString, integer, readBitString, readSequence, readSmallInt, seq, tlv, utf8Bytes, type El } from '../asn1/index.js';
import { MAX_STATUS_STRINGS } from './limits.js';
import type { PkiFailureName, PkiStatusName } from './types.js';

export const PKI_STATUS: Readonly<Record<PkiStatusName, number>> = Object.freeze({
  granted: 0,
  grantedWithMods: 1,
  rejection: 2,
  waiting: 3,
  revocationWarning: 4,
  revocationNotification: 5,
});

/** Bit positions of PKIFailureInfo (bit 0 is the most significant bit of the first octet). */
export const PKI_FAILURE_BITS: Readonly<Record<PkiFailureName, number>> = Object.freeze({
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  addInfoNotAvailable: 17,
  systemFailure: 25,
});

const STATUS_NAMES = new Map(Object.entries(PKI_STATUS).map(([k, v]) => [v, k as PkiStatusName]));
const FAILURE_NAMES = new Map(Object.entries(PKI_FAILURE_BITS).map(([k, v]) => [v, k as PkiFailureName]));

/** DER named BIT STRING: trailing zero bits removed (X.690 11.2.2). */
function failureBits(names: readonly PkiFailureName[]): Uint8Array {
  const bits = names.map((n) => PKI_FAILURE_BITS[n]);
  const max = Math.max(...bits);
  const bytes = new Uint8Array((max >> 3) + 1);
  for (const b of bits) bytes[b >> 3]! |= 0x80 >> (b & 7);
  return bitString(bytes, 7 - (max & 7));
}

/** DER PKIStatusInfo. */
export function encodeStatusInfo(status: PkiStatusName, text?: string, failures: readonly PkiFailureName[] = []): Uint8Array {
  return seq(
    integer(PKI_STATUS[status]),
    ...(text !== undefined ? [seq(tlv(TAG_UTF8_STRING, utf8Bytes(text)))] : []),
    ...(failures.length ? [failureBits(failures)] : []),
  );
}

export interface StatusInfo {
  status: number;
  statusName?: PkiStatusName;
  statusString?: string;
  failInfo?: (PkiFailureName | `bit${number}`)[];
}

const clean = (s: string): string => s.replace(/[\x00-\x1f\x7f]/g, ' ');

/** Decode a PKIStatusInfo element. Throws FormatError. */
export function readStatusInfo(e: El): StatusInfo {
  const f = readSequence(e, 'PKIStatusInfo', 3);
  const status = readSmallInt(f[0], 'PKIStatusInfo.status');
  const out: StatusInfo = { status };
  const name = STATUS_NAMES.get(status);
  if (name) out.statusName = name;
  let i = 1;
  if (f[i]?.tag === 0x30) {
    const texts = children(f[i++]!, 'PKIFreeText', MAX_STATUS_STRINGS).map((t) => {
      if (t.tag !== TAG_UTF8_STRING) throw new FormatError('PKIFreeText: UTF8String expected');
      return clean(decodeString(t) ?? '');
    });
    if (texts.length === 0) throw new FormatError('PKIFreeText: empty');
    out.statusString = texts.join('; ');
  }
  if (f[i]?.tag === 0x03) {
    const bits = readBitString(f[i++], 'PKIFailureInfo', true);
    const unused = content(f[i - 1]!)[0]!;
    const names: NonNullable<StatusInfo['failInfo']> = [];
    for (let b = 0; b < bits.length * 8 - unused; b++) {
      if (bits[b >> 3]! & (0x80 >> (b & 7))) names.push(FAILURE_NAMES.get(b) ?? `bit${b}`);
    }
    out.failInfo = names;
  }
  if (i !== f.length) throw new FormatError('PKIStatusInfo: unexpected field');
  return out;
}
