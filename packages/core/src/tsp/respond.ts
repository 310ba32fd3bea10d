// The TSA side of the RFC 3161 request/response exchange. Checks mirror OpenSSL's TSA (ts_rsp_sign.c) so clients see
// the failure codes they expect; a hostile request gets a rejection, never an exception.
import { digestLength } from '../crypto/index.js';
import type { DigestName } from '../crypto/types.js';
import { seq } from '../asn1/index.js';
import { imprintDigestName } from './message-imprint.js';
import { parseTimestampRequest } from './request.js';
import { encodeStatusInfo } from './status.js';
import type { PkiFailureName, TimestampRequest } from './types.js';

export interface Responder {
  policy: string;
  acceptedDigests: readonly DigestName[];
  /** Build a token over a DER MessageImprint. May throw (key trouble): that becomes systemFailure. */
  issue(imprintDer: Uint8Array, o: { nonce?: Uint8Array; certReq: boolean }): Uint8Array;
}

const NULL_DER = '0500';

function reject(text: string, failure: PkiFailureName): Uint8Array {
  return seq(encodeStatusInfo('rejection', text, [failure]));
}

/** Why a request cannot be granted, or undefined when it can. */
function refusal(req: TimestampRequest, r: Responder): [string, PkiFailureName] | undefined {
  if (req.version !== 1) return ['Bad request version.', 'badRequest'];
  const mi = req.messageImprint;
  const name = imprintDigestName(mi);
  if (!name || !r.acceptedDigests.includes(name)) return ['Message digest algorithm is not supported.', 'badAlg'];
  if (mi.hashAlgorithmParams && Buffer.from(mi.hashAlgorithmParams).toString('hex') !== NULL_DER) {
    return ['Superfluous message digest parameter.', 'badAlg'];
  }
  if (mi.hashedMessage.length !== digestLength(name)) return ['Bad message digest.', 'badDataFormat'];
  if (req.reqPolicy !== undefined && req.reqPolicy !== r.policy) return ['Requested policy is not supported.', 'unacceptedPolicy'];
  if (req.extensions?.length) return ['Unsupported extension.', 'unacceptedExtension'];
  return undefined;
}

/** A DER TimeStampResp for `der`. Never throws. */
export function respondToRequest(der: Uint8Array, r: Responder): Uint8Array {
  let req: TimestampRequest;
  try {
    req = parseTimestampRequest(der);
  } catch {
    return reject('Bad request format or system error.', 'badDataFormat');
  }
  const no = refusal(req, r);
  if (no) return reject(...no);
  try {
    const token = r.issue(req.messageImprintDer, { ...(req.nonceBytes ? { nonce: req.nonceBytes } : {}), certReq: req.certReq });
    return seq(encodeStatusInfo('granted'), token);
  } catch {
    return reject('Error during response generation.', 'systemFailure');
  }
}
