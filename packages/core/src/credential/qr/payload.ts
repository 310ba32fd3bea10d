// The QR text: "HY1:" + Base45(raw DEFLATE(COSE_Sign1(claims))). Versioned like EU DCC's "HC1:"; a breaking change
// bumps the number. Decoding is bounded (text length, inflated size, CBOR depth and counts).
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { FormatError, LimitError } from '../../errors.js';
import type { PrivateKey } from '../../crypto/types.js';
import type { Certificate } from '../../pki/index.js';
import type { JwsAlgorithm } from '../jws/algorithms.js';
import { MAX_QR_CLAIMS_BYTES, MAX_QR_TEXT } from '../limits.js';
import { base45Decode, base45Encode } from './base45.js';
import { cborDecode, cborEncode } from './cbor.js';
import { claimsFromCbor, claimsToCbor, qrKeyId, type QrClaims } from './claims.js';
import { decodeCoseSign1, signCoseSign1, type CoseSign1 } from './cose.js';

export const QR_PREFIX = 'HY1:';

/** Prefixes of other systems' QR payloads, to say what a scanned code is instead. */
const OTHER_SYSTEMS: [RegExp, string][] = [
  [/^HC\d:/, 'an EU Digital COVID Certificate (HC1:)'],
  [/^shc:\//i, 'a SMART Health Card (shc:/)'],
  [/^https?:\/\//i, 'a web address'],
  [/^DC\d\d/, 'a French 2D-Doc'],
  [/^LT\d:/, 'another licence QR scheme'],
  [/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'a JWS/JWT (verify it as a credential, not as a QR)'],
];

export function signQrPayload(claims: QrClaims, opts: { key: PrivateKey; certificate: Certificate; alg: JwsAlgorithm }): string {
  const cose = signCoseSign1(cborEncode(claimsToCbor(claims)), { key: opts.key, alg: opts.alg, kid: qrKeyId(opts.certificate) });
  return QR_PREFIX + base45Encode(deflateRawSync(cose, { level: 9 }));
}

export interface DecodedQr {
  cose: CoseSign1;
  claims: QrClaims;
}

/** Decode without verifying. Throws FormatError (with "not a heyan licence QR" for foreign text) or LimitError. */
export function decodeQrPayload(text: string): DecodedQr {
  if (typeof text !== 'string') throw new FormatError('not a heyan licence QR: the input is not text');
  const t = text.trim();
  if (t.length > MAX_QR_TEXT) throw new LimitError(`QR text of ${t.length} characters exceeds ${MAX_QR_TEXT}`);
  if (!t.startsWith(QR_PREFIX)) {
    const other = OTHER_SYSTEMS.find(([re]) => re.test(t));
    throw new FormatError(`not a heyan licence QR (no "${QR_PREFIX}" prefix)${other ? `: it looks like ${other[1]}` : ''}`);
  }
  const compressed = base45Decode(t.slice(QR_PREFIX.length));
  let cose: Uint8Array;
  try {
    cose = new Uint8Array(inflateRawSync(compressed, { maxOutputLength: MAX_QR_CLAIMS_BYTES }));
  } catch (e) {
    const m = (e as Error).message;
    if (/maxOutputLength|buffer/i.test(m) || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new LimitError(`QR payload inflates beyond ${MAX_QR_CLAIMS_BYTES} bytes`);
    throw new FormatError(`QR payload is not raw DEFLATE data: ${m}`);
  }
  const c = decodeCoseSign1(cose);
  return { cose: c, claims: claimsFromCbor(cborDecode(c.payload, { maxDepth: 2, maxItems: 16 })) };
}
