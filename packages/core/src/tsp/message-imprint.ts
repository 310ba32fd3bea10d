// MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING } (RFC 3161 §2.4.1),
// shared by requests and TSTInfo.
import { digestLength, digestNameFromOid, digestOid } from '../crypto/index.js';
import type { DigestName } from '../crypto/types.js';
import { FormatError } from '../errors.js';
import { algorithmIdentifier, content, encoding, octets, readOid, readSequence, seq, type El } from '../asn1/index.js';
import type { MessageImprint } from './types.js';

/** Longest hashedMessage read (SHA-512 has 64 bytes; unknown algorithms get some room, no more). */
const MAX_HASH_BYTES = 128;

export function readMessageImprint(e: El | undefined, what: string): MessageImprint {
  const [alg, hashed, ...rest] = readSequence(e, `${what} MessageImprint`, 3);
  if (rest.length) throw new FormatError(`${what} MessageImprint: too many fields`);
  const [algOid, params, ...more] = readSequence(alg, `${what} hashAlgorithm`, 3);
  if (more.length) throw new FormatError(`${what} hashAlgorithm: too many fields`);
  const oid = readOid(algOid, `${what} hashAlgorithm`);
  if (!hashed || hashed.tag !== 0x04) throw new FormatError(`${what} hashedMessage: OCTET STRING expected`);
  const hashedMessage = content(hashed).slice();
  if (hashedMessage.length > MAX_HASH_BYTES) throw new FormatError(`${what} hashedMessage: ${hashedMessage.length} bytes`);
  const out: MessageImprint = { hashAlgorithm: digestNameFromOid(oid) ?? oid, hashAlgorithmOid: oid, hashedMessage };
  if (params) out.hashAlgorithmParams = encoding(params).slice();
  return out;
}

/** DER MessageImprint; the AlgorithmIdentifier without parameters (RFC 5754 for SHA-2; SM3 likewise). */
export function encodeMessageImprint(digestName: DigestName, hashedMessage: Uint8Array): Uint8Array {
  if (hashedMessage.length !== digestLength(digestName)) {
    throw new FormatError(`a ${digestName} digest has ${digestLength(digestName)} bytes, not ${hashedMessage.length}`);
  }
  return seq(algorithmIdentifier(digestOid(digestName)), octets(hashedMessage));
}

/** The known digest name of an imprint, or undefined. */
export function imprintDigestName(m: MessageImprint): DigestName | undefined {
  return digestNameFromOid(m.hashAlgorithmOid);
}
