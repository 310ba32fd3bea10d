// Issue a v2 CRL: pkijs builds the TBSCertList, the crypto registry signs it.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { FormatError, KeyError } from '../errors.js';
import { signData } from '../crypto/index.js';
import type { DigestName, PrivateKey } from '../crypto/types.js';
import type { Certificate } from './certificate.js';
import { Crl, REVOCATION_REASONS, type RevocationReason } from './crl.js';
import { OID_AUTHORITY_KEY_IDENTIFIER, OID_CRL_NUMBER, OID_CRL_REASON } from './extensions.js';
import { algorithmToPkijs, keyIdentifier, serialBytes, signTbs, x509Time } from './issue-certificate.js';

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
  if (!Buffer.from(issuerKey.publicKey.spki).equals(Buffer.from(issuer.spki))) throw new KeyError('issuerKey does not match the issuer certificate');
  if (opts.nextUpdate.getTime() < opts.thisUpdate.getTime()) throw new FormatError('nextUpdate is before thisUpdate');

  const probe: Parameters<typeof signData>[0] = { key: issuerKey, data: new Uint8Array(0) };
  if (opts.digest) probe.digest = opts.digest;
  const algorithm = signData(probe).algorithm;

  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1; // v2
  crl.signature = algorithmToPkijs(algorithm);
  crl.signatureAlgorithm = algorithmToPkijs(algorithm);
  crl.issuer = new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(issuer.subjectDer.slice()).result });
  crl.thisUpdate = x509Time(opts.thisUpdate, 'thisUpdate');
  crl.nextUpdate = x509Time(opts.nextUpdate, 'nextUpdate');
  // RFC 5280 5.1.2.6: no revoked certificates → the list is absent, not empty.
  if (opts.revoked.length) {
    crl.revokedCertificates = opts.revoked.map((r) => {
      const p: ConstructorParameters<typeof pkijs.RevokedCertificate>[0] = {
        userCertificate: new asn1js.Integer({ valueHex: serialOf(r.serialNumber).slice().buffer }),
        revocationDate: x509Time(r.revocationDate, 'revocationDate'),
      };
      if (r.reason) {
        const code = REVOCATION_REASONS.indexOf(r.reason);
        if (code < 0 || r.reason === ('unused7' as RevocationReason)) throw new FormatError(`unknown revocation reason "${r.reason}"`);
        p.crlEntryExtensions = new pkijs.Extensions({
          extensions: [
            new pkijs.Extension({ extnID: OID_CRL_REASON, critical: false, extnValue: new asn1js.Enumerated({ value: code }).toBER(false) }),
          ],
        });
      }
      return new pkijs.RevokedCertificate(p);
    });
  }
  const ski = issuer.extensions.subjectKeyIdentifier;
  const aki = ski ? new Uint8Array(Buffer.from(ski, 'hex')) : keyIdentifier(issuer.spki);
  const number = BigInt(opts.crlNumber ?? Math.floor(opts.thisUpdate.getTime() / 1000));
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [
      new pkijs.Extension({
        extnID: OID_AUTHORITY_KEY_IDENTIFIER,
        critical: false,
        extnValue: new asn1js.Sequence({ value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: aki.slice().buffer })] }).toBER(false),
      }),
      new pkijs.Extension({
        extnID: OID_CRL_NUMBER,
        critical: false,
        extnValue: new asn1js.Integer({ valueHex: unsignedBytes(number).slice().buffer }).toBER(false),
      }),
    ],
  });
  const tbsNode = (crl.toSchema(true) as asn1js.Sequence).valueBlock.value[0]!;
  const tbs = new Uint8Array(tbsNode.toBER(false));
  return Crl.fromDer(signTbs(tbs, issuerKey, algorithm, opts.digest));
}
