// Issue a v2 CRL: the TBSCertList is written with the DER encoder of asn1/, the crypto registry signs it.
import { FormatError, KeyError } from '../errors.js';
import { enumerated, equalBytes, explicit, integer, integerFromContent, seq } from '../asn1/index.js';
import { encodeAlgorithm } from './algorithm.js';
import { signData } from '../crypto/index.js';
import type { DigestName, PrivateKey } from '../crypto/types.js';
import type { Certificate } from './certificate.js';
import { Crl, REVOCATION_REASONS, type RevocationReason } from './crl.js';
import { OID_AUTHORITY_KEY_IDENTIFIER, OID_CRL_NUMBER, OID_CRL_REASON } from './extensions.js';
import { authorityKeyIdentifier, extension, keyIdentifier, serialBytes, signTbs, x509Time } from './issue-certificate.js';

export interface RevokedEntryInput {
  /** Hex as in Certificate.serialNumber, a bigint, or the INTEGER bytes. */
  serialNumber: string | bigint | Uint8Array;
  revocationDate: Date;
  reason?: RevocationReason;
}

export interface IssueCrlOptions {
  issuer: Certificate;
  issuerKey: PrivateKey;
  thisUpdate: Date;
  nextUpdate: Date;
  revoked: RevokedEntryInput[];
  /** Default: thisUpdate in seconds since 1970, which grows with every new CRL. */
  crlNumber?: bigint | number;
  digest?: DigestName;
}

function serialOf(s: RevokedEntryInput['serialNumber']): Uint8Array {
  if (typeof s === 'string') {
    if (!/^(?:[0-9a-fA-F]{2})+$/.test(s)) throw new FormatError(`serial number "${s.slice(0, 40)}" is not even-length hex`);
    // Hex from Certificate.serialNumber is already the INTEGER content: keep it byte for byte.
    return new Uint8Array(Buffer.from(s, 'hex'));
  }
  return serialBytes(s);
}

/** Non-negative INTEGER content bytes (cRLNumber may be 0, unlike serial numbers). */
function unsignedBytes(n: bigint): Uint8Array {
  if (n < 0n || n >= 1n << 159n) throw new FormatError('crlNumber must be 0 ≤ n < 2^159 (RFC 5280 5.2.3)');
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const b = new Uint8Array(Buffer.from(hex, 'hex'));
  return b[0]! & 0x80 ? Uint8Array.of(0, ...b) : b;
}

export function issueCrl(opts: IssueCrlOptions): Crl {
  const { issuer, issuerKey } = opts;
  if (!equalBytes(issuerKey.publicKey.spki, issuer.spki)) throw new KeyError('issuerKey does not match the issuer certificate');
  if (opts.nextUpdate.getTime() < opts.thisUpdate.getTime()) throw new FormatError('nextUpdate is before thisUpdate');

  const probe: Parameters<typeof signData>[0] = { key: issuerKey, data: new Uint8Array(0) };
  if (opts.digest) probe.digest = opts.digest;
  const algorithm = signData(probe).algorithm;

  // RFC 5280 5.1.2.6: no revoked certificates → the list is absent, not empty.
  const revoked = opts.revoked.map((r) => {
    let entryExtensions: Uint8Array[] = [];
    if (r.reason) {
      const code = REVOCATION_REASONS.indexOf(r.reason);
      if (code < 0 || r.reason === ('unused7' as RevocationReason)) throw new FormatError(`unknown revocation reason "${r.reason}"`);
      entryExtensions = [seq(extension(OID_CRL_REASON, false, enumerated(code)))];
    }
    return seq(integerFromContent(serialOf(r.serialNumber)), x509Time(r.revocationDate, 'revocationDate'), ...entryExtensions);
  });
  const ski = issuer.extensions.subjectKeyIdentifier;
  const aki = ski ? new Uint8Array(Buffer.from(ski, 'hex')) : keyIdentifier(issuer.spki);
  const number = BigInt(opts.crlNumber ?? Math.floor(opts.thisUpdate.getTime() / 1000));
  const tbs = seq(
    integer(1), // v2
    encodeAlgorithm(algorithm),
    issuer.subjectDer,
    x509Time(opts.thisUpdate, 'thisUpdate'),
    x509Time(opts.nextUpdate, 'nextUpdate'),
    ...(revoked.length ? [seq(...revoked)] : []),
    explicit(0, seq(extension(OID_AUTHORITY_KEY_IDENTIFIER, false, authorityKeyIdentifier(aki)), extension(OID_CRL_NUMBER, false, integerFromContent(unsignedBytes(number))))),
  );
  return Crl.fromDer(signTbs(tbs, issuerKey, algorithm, opts.digest));
}
