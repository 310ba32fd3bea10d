// TimeStampToken ::= ContentInfo (SignedData with an encapsulated TSTInfo), RFC 3161 §2.4.2. The CMS layer may use
// the PKCS#7 OIDs or the GB/T 35275 ones (SM2 time-stamp servers); the TSTInfo is the same in both.
import { parseSignedData } from '../cms/parse.js';
import type { ParsedSignedData } from '../cms/types.js';
import { FormatError, HeyanError, LimitError } from '../errors.js';
import { MAX_DEPTH, MAX_TOKEN_BYTES, MAX_TOKEN_CERTIFICATES, MAX_TOKEN_SIGNERS } from './limits.js';
import { OID_CT_TST_INFO } from './oids.js';
import { decodeTstInfo } from './tst-info.js';
import type { TimestampToken, TstInfo } from './types.js';

/** What the verifier needs to report each problem on its own; `parseTimestampToken` turns problems into errors. */
export interface TokenParts {
  signedData: ParsedSignedData;
  tstInfoDer?: Uint8Array;
  tstInfo?: TstInfo;
  /** eContentType is not id-ct-TSTInfo. */
  contentTypeProblem?: string;
  /** Anything else that makes it not a well-formed token (signer count, missing eContent, bad TSTInfo). */
  structureProblems: string[];
}

/** Parse the CMS layer and as much of the token as possible. Throws FormatError / LimitError when the CMS does not parse. */
export function parseTokenParts(der: Uint8Array): TokenParts {
  if (!(der instanceof Uint8Array)) throw new FormatError('time-stamp token must be bytes');
  if (der.length > MAX_TOKEN_BYTES) throw new LimitError(`time-stamp token of ${der.length} bytes exceeds ${MAX_TOKEN_BYTES}`);
  const signedData = parseSignedData(der, {
    maxBytes: MAX_TOKEN_BYTES,
    maxDepth: MAX_DEPTH,
    maxSigners: MAX_TOKEN_SIGNERS,
    maxCertificates: MAX_TOKEN_CERTIFICATES,
  });
  const parts: TokenParts = { signedData, structureProblems: [] };
  if (signedData.eContentType !== OID_CT_TST_INFO) parts.contentTypeProblem = `eContentType is ${signedData.eContentType}, not id-ct-TSTInfo`;
  // RFC 3161 §2.4.2: "MUST NOT contain any signatures other than the signature of the TSA".
  if (signedData.signers.length !== 1) parts.structureProblems.push(`${signedData.signers.length} SignerInfos, exactly one expected`);
  if (signedData.eContent === undefined) parts.structureProblems.push('no encapsulated TSTInfo');
  else {
    parts.tstInfoDer = signedData.eContent;
    try {
      parts.tstInfo = decodeTstInfo(signedData.eContent);
    } catch (e) {
      if (!(e instanceof HeyanError)) throw e;
      parts.structureProblems.push(e.message);
    }
  }
  return parts;
}

/**
 * Parse a DER time-stamp token (a bare ContentInfo, PKCS#7 or GB/T 35275 OIDs). Checks the structure only, not the
 * signature: use `verifyTimestampToken` for that. Throws FormatError / LimitError.
 */
export function parseTimestampToken(der: Uint8Array): TimestampToken {
  const p = parseTokenParts(der);
  if (p.contentTypeProblem) throw new FormatError(`not a time-stamp token: ${p.contentTypeProblem}`);
  if (p.structureProblems.length || !p.tstInfo || !p.tstInfoDer) throw new FormatError(`bad time-stamp token: ${p.structureProblems.join('; ')}`);
  return { signedData: p.signedData, tstInfo: p.tstInfo, tstInfoDer: p.tstInfoDer };
}
