// Readable, JSON-safe descriptions of seals and seal signatures for `heyan seal inspect`: every field, bytes as hex
// (large ones as size + SHA-256), embedded certificates summarised. Never throws on a decoded structure.
import { createHash } from 'node:crypto';
import { toHex } from '../asn1/index.js';
import { describeAlgorithm } from '../crypto/registry.js';
import { FormatError } from '../errors.js';
import { Certificate } from '../pki/certificate.js';
import { decodeSeal } from './decode-seal.js';
import { decodeSesSignature } from './decode-signature.js';
import { pictureKindOf } from './picture.js';
import { isSeal, isSesSignature } from './shape.js';
import type { SealInfo, SesExtData, SesSignatureInfo, Tolerance } from './types.js';

export type Described = Record<string, unknown>;

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Short byte strings as hex, long ones as size and digest. */
function bytes(b: Uint8Array, max = 96): string | { bytes: number; sha256: string } {
  return b.length <= max ? toHex(b) : { bytes: b.length, sha256: sha256(b) };
}

function certificate(der: Uint8Array): Described {
  try {
    return { ...Certificate.fromDer(der).summary() };
  } catch (e) {
    return { error: (e as Error).message, bytes: der.length, sha256: sha256(der) };
  }
}

function extDatas(list: readonly SesExtData[]): Described[] {
  return list.map((x) => {
    const text = /^[\x20-\x7e]*$/.test(Buffer.from(x.value).toString('latin1')) ? Buffer.from(x.value).toString('latin1') : undefined;
    return { oid: x.oid, critical: x.critical, value: bytes(x.value), ...(text !== undefined && x.value.length ? { text } : {}) };
  });
}

function tolerances(list: readonly Tolerance[]): Described[] {
  return list.map((t) => ({ id: t.id, ...(t.field ? { field: t.field } : {}), zh: t.message.zh, en: t.message.en }));
}

/** Every field of a decoded seal. */
export function describeSeal(s: SealInfo): Described {
  const p = s.property;
  const out: Described = {
    type: 'seal',
    version: s.version,
    detectedBy: s.detectedBy,
    header: { ...s.header },
    esID: s.esID,
    property: {
      type: p.type,
      name: p.name,
      certListType: p.certListType,
      certList:
        p.certList.kind === 'certs'
          ? { kind: 'certs', certs: p.certList.certs.map(certificate) }
          : { kind: 'digests', digests: p.certList.digests.map((d) => ({ type: d.type, value: toHex(d.value) })) },
      createDate: p.createDate.toISOString(),
      validStart: p.validStart.toISOString(),
      validEnd: p.validEnd.toISOString(),
    },
    picture: {
      type: s.picture.type,
      detected: pictureKindOf(s.picture.data) ?? 'unknown',
      bytes: s.picture.data.length,
      sha256: sha256(s.picture.data),
      widthMm: s.picture.widthMm,
      heightMm: s.picture.heightMm,
    },
    extDatas: extDatas(s.extDatas),
    makerCertificate: certificate(s.makerCertificate),
    signatureAlgorithm: describeAlgorithm(s.signatureAlgorithm),
    signatureValue: toHex(s.signatureValue),
    signatureForm: s.signatureForm,
    signedBytes: { bytes: s.signedBytes.length, sha256: sha256(s.signedBytes) },
    size: s.raw.length,
    sha256: sha256(s.raw),
    tolerances: tolerances(s.tolerances),
  };
  if (s.timeStamp) out.timeStamp = bytes(s.timeStamp, 0);
  return out;
}

/** Every field of a decoded seal signature, the embedded seal included. */
export function describeSesSignature(s: SesSignatureInfo): Described {
  const t = s.toSign;
  const toSign: Described = {
    version: t.version,
    seal: describeSeal(t.seal),
    timeInfo: t.timeInfo ? t.timeInfo.toISOString() : null,
    dataHash: toHex(t.dataHash),
    propertyInfo: t.propertyInfo,
  };
  if (t.timeInfoText !== undefined) toSign.timeInfoText = t.timeInfoText;
  if (t.extDatas) toSign.extDatas = extDatas(t.extDatas);
  if (t.signatureAlgorithm) toSign.signatureAlgorithm = describeAlgorithm(t.signatureAlgorithm);
  const out: Described = {
    type: 'ses-signature',
    version: s.version,
    detectedBy: s.detectedBy,
    toSign,
    tbs: { bytes: s.tbsBytes.length, sha256: sha256(s.tbsBytes) },
    signerCertificate: certificate(s.signerCertificate),
    signatureAlgorithm: describeAlgorithm(s.signatureAlgorithm),
    signature: toHex(s.signature),
    signatureForm: s.signatureForm,
    size: s.raw.length,
    sha256: sha256(s.raw),
    tolerances: tolerances(s.tolerances),
  };
  if (s.timeStamp) out.timeStamp = bytes(s.timeStamp, 0);
  return out;
}

/** Decode a seal or a seal signature, whichever the bytes are. Throws FormatError when they are neither. */
export function decodeSealFile(der: Uint8Array): { kind: 'seal'; seal: SealInfo } | { kind: 'ses-signature'; signature: SesSignatureInfo } {
  if (isSesSignature(der)) return { kind: 'ses-signature', signature: decodeSesSignature(der) };
  if (isSeal(der)) return { kind: 'seal', seal: decodeSeal(der) };
  // Neither shape: the seal decoder names what is wrong.
  try {
    return { kind: 'seal', seal: decodeSeal(der) };
  } catch (e) {
    throw new FormatError(`neither an electronic seal nor a seal signature: ${(e as Error).message}`, { cause: e });
  }
}

/** describeSeal / describeSesSignature of a file's bytes. Throws FormatError. */
export function describeSealFile(der: Uint8Array): Described {
  const d = decodeSealFile(der);
  return d.kind === 'seal' ? describeSeal(d.seal) : describeSesSignature(d.signature);
}
