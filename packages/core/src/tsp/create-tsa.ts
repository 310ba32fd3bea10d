// A time-stamping authority in process: issues RFC 3161 tokens (for seals, signatures, tests) and answers
// TimeStampReq messages (`respond`, ready for an HTTP front end). Tokens are CMS SignedData with an encapsulated
// TSTInfo, signed attributes contentType, signingTime, messageDigest and ESS signingCertificateV2.
import { randomBytes } from 'node:crypto';
import { signEncapsulated } from '../cms/sign.js';
import { digest as computeDigest, digestLength } from '../crypto/index.js';
import type { DigestName, PrivateKey } from '../crypto/types.js';
import { KeyError, UnsupportedError } from '../errors.js';
import { bytesToBigInt, equalBytes } from '../asn1/index.js';
import type { Certificate } from '../pki/certificate.js';
import { EKU_TIME_STAMPING } from '../pki/extensions.js';
import { encodeMessageImprint } from './message-imprint.js';
import { OID_CT_TST_INFO, OID_HEYAN_TEST_TSA_POLICY } from './oids.js';
import { respondToRequest } from './respond.js';
import { encodeTstInfo } from './tst-info.js';
import type { Accuracy } from './types.js';

export interface TsaOptions {
  /** Intermediate certificates embedded after the TSA certificate when certificates are included. */
  chain?: Certificate[];
  /** TSA policy OID. Default OID_HEYAN_TEST_TSA_POLICY (a test arc: set a real one in production). */
  policy?: string;
  /** Digest of the CMS signature and of imprints made from raw data. Default SM3 for SM2 keys, else SHA-256. */
  digest?: DigestName;
  /** Default: the system clock. */
  clock?: () => Date;
  accuracy?: Partial<Accuracy>;
  /** Serial numbers; default random 64-bit (unique without shared state). Must not repeat. */
  serial?: () => bigint;
  /** Embed certificates in tokens from `timestamp()` (default true); `respond()` follows the request's certReq. */
  includeCertificates?: boolean;
  /** Write the TSA's subject as TSTInfo.tsa. Default false. */
  tsaName?: boolean;
  /** Imprint algorithms accepted. Default SHA-256, SHA-384, SHA-512, SM3. */
  acceptedDigests?: readonly DigestName[];
  /** CMS OIDs: 'gbt35275' for GB/T 35275 (SM2 keys only). Default 'pkcs7'. */
  flavour?: 'pkcs7' | 'gbt35275';
  /** Refuse a certificate without the timeStamping extended key usage (default true). */
  checkCertificate?: boolean;
}

export type TimestampInput = Uint8Array | { digest: Uint8Array; digestName: DigestName };

export interface Tsa {
  readonly certificate: Certificate;
  readonly policy: string;
  readonly acceptedDigests: readonly DigestName[];
  /** A DER TimeStampToken over `input` (the data, hashed with the TSA digest, or a digest). Throws on bad input. */
  timestamp(input: TimestampInput, opts?: { nonce?: bigint; certReq?: boolean }): Uint8Array;
  /** A DER TimeStampResp for a DER TimeStampReq: granted with a token, or a rejection. Never throws. */
  respond(timeStampReqDer: Uint8Array): Uint8Array;
}

const DEFAULT_ACCEPTED: readonly DigestName[] = Object.freeze(['sha256', 'sha384', 'sha512', 'sm3']);

function randomSerial(): bigint {
  const n = bytesToBigInt(randomBytes(8));
  return n === 0n ? 1n : n;
}

/** Create a TSA. Throws KeyError when the key does not match the certificate or the certificate is no TSA certificate. */
export function createTsa(key: PrivateKey, certificate: Certificate, opts: TsaOptions = {}): Tsa {
  if (!equalBytes(key.publicKey.spki, certificate.spki)) throw new KeyError('the TSA key does not match the TSA certificate');
  if ((opts.checkCertificate ?? true) && !certificate.extensions.extKeyUsage?.includes(EKU_TIME_STAMPING)) {
    throw new KeyError(`"${certificate.subject}" has no timeStamping extended key usage (RFC 3161 §2.3)`);
  }
  const policy = opts.policy ?? OID_HEYAN_TEST_TSA_POLICY;
  const signDigest: DigestName | undefined = opts.digest ?? (key.type === 'sm2' ? 'sm3' : key.type === 'ed25519' ? undefined : 'sha256');
  const imprintDigest: DigestName = signDigest ?? 'sha512';
  const clock = opts.clock ?? (() => new Date());
  const serial = opts.serial ?? randomSerial;
  const acceptedDigests = opts.acceptedDigests ?? DEFAULT_ACCEPTED;

  const issue = (imprintDer: Uint8Array, o: { nonce?: Uint8Array; certReq: boolean }): Uint8Array => {
    const genTime = clock();
    const tstInfo = encodeTstInfo({
      policy,
      messageImprint: imprintDer,
      serialNumber: serial(),
      genTime,
      ...(opts.accuracy ? { accuracy: opts.accuracy } : {}),
      ...(o.nonce ? { nonce: o.nonce } : {}),
      ...(opts.tsaName ? { tsaName: certificate.subjectDer } : {}),
    });
    return signEncapsulated({
      content: tstInfo,
      eContentType: OID_CT_TST_INFO,
      key,
      certificate,
      ...(opts.chain ? { chain: opts.chain } : {}),
      includeCertificates: o.certReq,
      ...(signDigest ? { digest: signDigest } : {}),
      flavour: opts.flavour ?? 'pkcs7',
      signingTime: genTime,
      signingCertificateV2: true,
    });
  };

  const tsa: Tsa = {
    certificate,
    policy,
    acceptedDigests,
    timestamp(input, o = {}) {
      let imprint: Uint8Array;
      if (input instanceof Uint8Array) imprint = encodeMessageImprint(imprintDigest, computeDigest(imprintDigest, input));
      else {
        if (!acceptedDigests.includes(input.digestName)) throw new UnsupportedError(`this TSA does not accept ${input.digestName} imprints`);
        if (input.digest.length !== digestLength(input.digestName)) {
          throw new RangeError(`a ${input.digestName} digest has ${digestLength(input.digestName)} bytes, not ${input.digest.length}`);
        }
        imprint = encodeMessageImprint(input.digestName, input.digest);
      }
      if (o.nonce !== undefined && o.nonce <= 0n) throw new RangeError('nonce must be positive');
      const nonce = o.nonce !== undefined ? bigintContent(o.nonce) : undefined;
      return issue(imprint, { ...(nonce ? { nonce } : {}), certReq: o.certReq ?? opts.includeCertificates ?? true });
    },
    respond(der) {
      return respondToRequest(der, { policy, acceptedDigests, issue });
    },
  };
  return Object.freeze(tsa);
}

/** INTEGER contents of a positive bigint (with a sign octet when the top bit is set). */
function bigintContent(n: bigint): Uint8Array {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
