// createSesSignature: an electronic seal signature (SES_Signature) over a data hash, per GB/T 38540-2020 (v4) or
// GM/T 0031-2025 (v5) following the seal's version. The seal is embedded exactly as given; the signer signs
// DER(TBS_Sign) with SM2 and the default user ID; an optional [0] timestamp covers the signature value.
import { bitString, equalBytes, explicit, generalizedTime, ia5String, integer, octets, oid, seq } from '../asn1/index.js';
import { signData } from '../crypto/sign-data.js';
import type { PrivateKey } from '../crypto/types.js';
import { FormatError, KeyError, UnsupportedError } from '../errors.js';
import { Certificate } from '../pki/certificate.js';
import { matchCertList } from './cert-list.js';
import { decodeSeal } from './decode-seal.js';
import { extensionDatas, type SesExtDataInput } from './encode-seal.js';

export interface CreateSesSignatureOptions {
  /** DER of the seal (SESeal v4 or v5), embedded byte for byte. */
  seal: Uint8Array;
  /** Hash of the protected data (in OFD: SM3 of Signature.xml). */
  dataHash: Uint8Array;
  /** What is protected (in OFD: the path of Signature.xml). */
  propertyInfo: string;
  /** Signing time; default now (whole seconds). */
  timeInfo?: Date;
  signerKey: PrivateKey;
  signerCertificate: Certificate;
  extDatas?: readonly SesExtDataInput[];
  /** Returns an RFC 3161 timestamp token (DER) over the signature value. */
  timestamp?: (signature: Uint8Array) => Uint8Array;
  /**
   * Default true: refuse a timeInfo outside the seal's validity period or the signer certificate's. false only to
   * make test data for verifiers (back-dated or expired signatures).
   */
  checkValidity?: boolean;
}

/**
 * Create an SES_Signature. Throws FormatError for a bad seal or field, UnsupportedError for a v1 seal, KeyError when
 * the signer key does not match its certificate, the certificate is not in the seal's certList, or (by default) the
 * seal or certificate is not valid at timeInfo.
 */
export function createSesSignature(opts: CreateSesSignatureOptions): Uint8Array {
  if (!(opts.seal instanceof Uint8Array)) throw new FormatError('seal signature: the seal must be bytes');
  const seal = decodeSeal(opts.seal);
  if (seal.version === 1) throw new UnsupportedError('seal signatures are created for v4 and v5 seals only (this seal is GM/T 0031-2014)');
  const signer = opts.signerCertificate;
  if (!(signer instanceof Certificate)) throw new TypeError('signerCertificate must be a Certificate');
  const certKey = signer.tryPublicKey();
  if (!certKey || !equalBytes(certKey.spki, opts.signerKey.publicKey.spki)) {
    throw new KeyError('seal signature: the signer key does not belong to the signer certificate');
  }
  if (!matchCertList(seal.property.certList, signer.der).matched) {
    throw new KeyError(`seal signature: the signer certificate "${signer.subject}" is not in the seal's certList: it may not use this seal`);
  }
  const dataHash = opts.dataHash;
  if (!(dataHash instanceof Uint8Array) || dataHash.length === 0 || dataHash.length > 64) throw new FormatError('seal signature: dataHash must be 1 to 64 bytes');

  const t = opts.timeInfo ?? new Date();
  if (!(t instanceof Date) || Number.isNaN(t.getTime())) throw new FormatError('seal signature: timeInfo is not a valid date');
  const timeInfo = new Date(Math.floor(t.getTime() / 1000) * 1000);
  if (opts.checkValidity !== false) {
    const p = seal.property;
    if (timeInfo < p.validStart || timeInfo > p.validEnd) {
      throw new KeyError(`seal signature: the seal is not valid at ${timeInfo.toISOString()} (valid ${p.validStart.toISOString()} to ${p.validEnd.toISOString()})`);
    }
    if (timeInfo < signer.notBefore || timeInfo > signer.notAfter) {
      throw new KeyError(`seal signature: the signer certificate is not valid at ${timeInfo.toISOString()}`);
    }
  }

  const tbsParts = [integer(seal.version), seal.raw, generalizedTime(timeInfo, 'timeInfo'), bitString(dataHash), ia5String(opts.propertyInfo)];
  if (opts.extDatas && opts.extDatas.length > 0) tbsParts.push(explicit(0, extensionDatas(opts.extDatas)));
  const tbs = seq(...tbsParts);
  const signed = signData({ key: opts.signerKey, data: tbs });
  const parts = [tbs, octets(signer.der), oid(signed.algorithm.oid), bitString(signed.signature)];
  if (opts.timestamp) {
    const token = opts.timestamp(signed.signature);
    if (!(token instanceof Uint8Array) || token.length === 0) throw new FormatError('seal signature: the timestamp callback returned no token');
    parts.push(explicit(0, bitString(token)));
  }
  return seq(...parts);
}
