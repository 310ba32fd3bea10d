// TimeStampReq and TimeStampResp (RFC 3161 §2.4.1, §2.4.2): build and read requests, read responses.
import type { DigestName } from '../crypto/types.js';
import { FormatError, LimitError } from '../errors.js';
import {
  TAG_BOOLEAN,
  TAG_INTEGER,
  TAG_OID,
  TAG_SEQUENCE,
  boolean,
  canonicalInteger,
  children,
  encoding,
  expectTag,
  integer,
  integerHex,
  isCtx,
  oid,
  readBoolean,
  readInteger,
  readOid,
  readRoot,
  readSmallInt,
  seq,
} from '../asn1/index.js';
import { MAX_DEPTH, MAX_INTEGER_BYTES, MAX_REQUEST_BYTES, MAX_RESPONSE_BYTES } from './limits.js';
import { encodeMessageImprint, readMessageImprint } from './message-imprint.js';
import { readStatusInfo } from './status.js';
import { readExtensions } from './ts-extensions.js';
import type { TimestampRequest, TimestampResponse } from './types.js';

export interface TimestampRequestInput {
  /** Digest of the data to be time-stamped. */
  digest: Uint8Array;
  digestName: DigestName;
  /** Positive; the response must echo it (replay protection). */
  nonce?: bigint;
  /** Ask the TSA to include its certificate. Default false (RFC 3161 default). */
  certReq?: boolean;
  /** Requested TSA policy OID. */
  policy?: string;
}

/** DER TimeStampReq. Throws FormatError (digest length) / RangeError (nonce). */
export function createTimestampRequest(input: TimestampRequestInput): Uint8Array {
  if (input.nonce !== undefined && input.nonce <= 0n) throw new RangeError('nonce must be positive');
  return seq(
    integer(1),
    encodeMessageImprint(input.digestName, input.digest),
    ...(input.policy ? [oid(input.policy)] : []),
    ...(input.nonce !== undefined ? [integer(input.nonce)] : []),
    // DER omits a BOOLEAN equal to its DEFAULT FALSE.
    ...(input.certReq ? [boolean(true)] : []),
  );
}

/** Read a TimeStampReq. Lengths must be definite; minimal encodings are not insisted on. Throws FormatError / LimitError. */
export function parseTimestampRequest(der: Uint8Array): TimestampRequest {
  if (!(der instanceof Uint8Array)) throw new FormatError('time-stamp request must be bytes');
  if (der.length > MAX_REQUEST_BYTES) throw new LimitError(`time-stamp request of ${der.length} bytes exceeds ${MAX_REQUEST_BYTES}`);
  const root = expectTag(
    readRoot(der, 'TimeStampReq', { mode: 'definite', maxDepth: MAX_DEPTH, maxElements: 10_000, maxBytes: MAX_REQUEST_BYTES }),
    TAG_SEQUENCE,
    'TimeStampReq',
  );
  const f = children(root, 'TimeStampReq', 7);
  let i = 0;
  const version = readSmallInt(f[i++], 'TimeStampReq.version');
  const imprintEl = f[i++];
  const messageImprint = readMessageImprint(imprintEl, 'TimeStampReq');
  const out: TimestampRequest = { version, messageImprint, certReq: false, messageImprintDer: encoding(imprintEl!).slice() };
  if (f[i]?.tag === TAG_OID) out.reqPolicy = readOid(f[i++], 'TimeStampReq.reqPolicy');
  if (f[i]?.tag === TAG_INTEGER) {
    const n = readInteger(f[i++], 'TimeStampReq.nonce');
    if (n.length > MAX_INTEGER_BYTES) throw new FormatError(`TimeStampReq.nonce: INTEGER of ${n.length} bytes`);
    out.nonce = integerHex(n);
    out.nonceBytes = canonicalInteger(n).slice();
  }
  if (f[i]?.tag === TAG_BOOLEAN) out.certReq = readBoolean(f[i++], 'TimeStampReq.certReq');
  if (isCtx(f[i], 0)) out.extensions = readExtensions(f[i++]!, 'TimeStampReq.extensions');
  if (i !== f.length) throw new FormatError('TimeStampReq: unexpected or misplaced field');
  return out;
}

/**
 * Read a TimeStampResp. `token` is the DER of the TimeStampToken exactly as received (verify it with
 * `verifyTimestampToken`). RFC 3161: a token is present exactly when the status is granted(0) or grantedWithMods(1).
 * Throws FormatError / LimitError.
 */
export function parseTimestampResponse(der: Uint8Array): TimestampResponse {
  if (!(der instanceof Uint8Array)) throw new FormatError('time-stamp response must be bytes');
  if (der.length > MAX_RESPONSE_BYTES) throw new LimitError(`time-stamp response of ${der.length} bytes exceeds ${MAX_RESPONSE_BYTES}`);
  // BER: the token inside may come from a TSA that writes indefinite lengths; its bytes are passed on untouched.
  const root = expectTag(
    readRoot(der, 'TimeStampResp', { mode: 'ber', maxDepth: MAX_DEPTH, maxElements: 200_000, maxBytes: MAX_RESPONSE_BYTES }),
    TAG_SEQUENCE,
    'TimeStampResp',
  );
  const [statusEl, tokenEl, ...rest] = children(root, 'TimeStampResp', 3);
  if (!statusEl || rest.length) throw new FormatError('TimeStampResp: status and at most one token expected');
  const out: TimestampResponse = readStatusInfo(statusEl);
  if (tokenEl) {
    expectTag(tokenEl, TAG_SEQUENCE, 'TimeStampResp.timeStampToken');
    out.token = encoding(tokenEl).slice();
  }
  const granted = out.status === 0 || out.status === 1;
  if (granted && !out.token) throw new FormatError('TimeStampResp: granted without a token');
  if (!granted && out.token) throw new FormatError(`TimeStampResp: a token with status ${out.status}`);
  return out;
}

