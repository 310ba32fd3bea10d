// SES_Signature of all three versions: 2 elements → v1 (GM/T 0031-2014); 4 or 5 → v5 when the embedded seal is v5,
// else v4. TBS_Sign is kept as the exact input slice: that is what the signer signed.
import {
  TAG_BIT_STRING,
  TAG_GENERALIZED_TIME,
  TAG_OCTET_STRING,
  TAG_SEQUENCE,
  TAG_UTC_TIME,
  encoding,
  expectTag,
  isCtx,
  readRoot,
  readSequence,
  readTime,
  type El,
} from '../asn1/index.js';
import { FormatError, LimitError } from '../errors.js';
import { SEAL_CHECKS as C } from './checks.js';
import { derThenBer, parseSealElement, readerOptions } from './decode-seal.js';
import {
  asciiText,
  readAlgorithmField,
  readBitsField,
  readExtDatas,
  readIa5,
  readOctets,
  readSignatureField,
  readTimeField,
  readTimestampField,
  readUint,
} from './fields.js';
import { MAX_SES_SIGNATURE_BYTES } from './limits.js';
import { Tolerances } from './tolerance.js';
import type { SesSignatureInfo, SesVersion, TbsSign } from './types.js';
import { parseV1TimeText } from './v1-time.js';

/**
 * Decode an electronic seal signature (SES_Signature, e.g. an OFD SignedValue.dat of Type=Seal).
 * Throws FormatError for anything that is not one, LimitError past the size limits.
 */
export function decodeSesSignature(der: Uint8Array): SesSignatureInfo {
  if (!(der instanceof Uint8Array)) throw new FormatError('SES_Signature: bytes expected');
  if (der.length > MAX_SES_SIGNATURE_BYTES) {
    throw new LimitError(`SES_Signature: ${der.length} bytes exceeds the ${MAX_SES_SIGNATURE_BYTES}-byte limit`);
  }
  return derThenBer((mode) => parseSignature(readRoot(der, 'SES_Signature', readerOptions(mode))));
}

function parseSignature(root: El): SesSignatureInfo {
  const tol = new Tolerances();
  const kids = readSequence(root, 'SES_Signature', 6);
  if (kids.length !== 2 && kids.length !== 4 && kids.length !== 5) {
    throw new FormatError(`SES_Signature: 2 (GM/T 0031-2014), 4 or 5 elements expected, found ${kids.length}`);
  }
  const v1 = kids.length === 2;
  const tbsEl = expectTag(kids[0], TAG_SEQUENCE, 'TBS_Sign');
  const toSign = parseTbs(tbsEl, v1, tol);

  let version: SesVersion;
  let detectedBy: string;
  if (v1) {
    version = 1;
    detectedBy = '2 elements: GM/T 0031-2014';
  } else if (toSign.seal.version === 5) {
    version = 5;
    detectedBy = `${kids.length} elements and a v5 seal: GM/T 0031-2025`;
  } else {
    version = 4;
    detectedBy = `${kids.length} elements: GB/T 38540-2020`;
  }
  if (toSign.version !== version) {
    tol.add(C.tbsVersion, 'TBS_Sign.version', { zh: `TBS_Sign 版本 ${toSign.version}，结构为 v${version}`, en: `TBS_Sign version ${toSign.version}, structure v${version}` });
  }

  let signerCertificate: Uint8Array;
  let signatureAlgorithm: string;
  let sigEl: El | undefined;
  let timeStamp: Uint8Array | undefined;
  if (v1) {
    // v1 keeps the signer certificate and algorithm inside TBS_Sign.
    signerCertificate = toSign.cert!;
    signatureAlgorithm = toSign.signatureAlgorithm!;
    sigEl = kids[1];
  } else {
    signerCertificate = readOctets(kids[1], 'SES_Signature.cert');
    signatureAlgorithm = readAlgorithmField(kids[2], 'SES_Signature.signatureAlgID', tol);
    sigEl = kids[3];
    if (kids[4]) timeStamp = readTimestampField(kids[4], 'SES_Signature.timeStamp', tol);
  }
  const sig = readSignatureField(sigEl, 'SES_Signature.signature', signatureAlgorithm, tol);
  const out: SesSignatureInfo = {
    version,
    detectedBy,
    toSign,
    tbsBytes: encoding(tbsEl),
    signerCertificate,
    signatureAlgorithm,
    signature: sig.value,
    signatureForm: sig.form,
    raw: encoding(root),
    tolerances: tol.list,
  };
  if (timeStamp) out.timeStamp = timeStamp;
  return out;
}

function parseTbs(e: El, v1: boolean, tol: Tolerances): TbsSign {
  const f = 'TBS_Sign';
  const k = readSequence(e, f, 8);
  // v1: version, eseal, timeInfo, dataHash, propertyInfo, cert, signatureAlgorithm
  // v4/v5: version, eseal, timeInfo, dataHash, propertyInfo, extDatas [0] OPTIONAL
  if (v1 ? k.length !== 7 : k.length !== 5 && k.length !== 6) {
    throw new FormatError(`${f}: ${v1 ? '7' : '5 or 6'} elements expected, found ${k.length}`);
  }
  const version = readUint(k[0], `${f}.version`);
  const sealEl = expectTag(k[1], TAG_SEQUENCE, `${f}.eseal`);
  const seal = parseSealElement(sealEl);
  const tbs: TbsSign = {
    version,
    seal,
    sealBytes: encoding(sealEl),
    timeInfo: undefined,
    dataHash: readBitsField(k[3], `${f}.dataHash`, tol),
    propertyInfo: readIa5(k[4], `${f}.propertyInfo`, tol),
  };
  if (v1) {
    readV1Time(k[2]!, tbs, tol);
    tbs.cert = readOctets(k[5], `${f}.cert`);
    tbs.signatureAlgorithm = readAlgorithmField(k[6], `${f}.signatureAlgorithm`, tol);
  } else {
    tbs.timeInfo = readTimeField(k[2], `${f}.timeInfo`, 'generalized', tol);
    if (k[5]) {
      if (!isCtx(k[5], 0) || k[5].tag !== 0xa0) throw new FormatError(`${f}.extDatas: [0] EXPLICIT expected`);
      const inner = k[5].reader.children(k[5], 2, `${f}.extDatas`);
      if (inner.length !== 1) throw new FormatError(`${f}.extDatas: one ExtensionDatas expected inside [0]`);
      tbs.extDatas = readExtDatas(inner[0], `${f}.extDatas`, tol);
    }
  }
  return tbs;
}

/** v1 timeInfo: a BIT STRING holding text (dms360, ofdrw) or a time; a bare time element is tolerated too. */
function readV1Time(e: El, tbs: TbsSign, tol: Tolerances): void {
  const f = 'TBS_Sign.timeInfo';
  if (e.tag === TAG_UTC_TIME || e.tag === TAG_GENERALIZED_TIME) {
    tol.add(C.timeType, f, { zh: '应为 BIT STRING，实为时间类型', en: 'BIT STRING expected, a time type found' });
    tbs.timeInfo = readTime(e, f, { fractions: true, utcWithoutSeconds: true });
    return;
  }
  if (e.tag !== TAG_BIT_STRING && e.tag !== TAG_OCTET_STRING) throw new FormatError(`${f}: BIT STRING expected`);
  const bytes = readBitsField(e, f, tol);
  const text = asciiText(bytes);
  if (text !== undefined) {
    tbs.timeInfoText = text;
    const t = parseV1TimeText(text);
    const zone = t?.assumedZone ? { zh: `「${text}」，未写时区，按北京时间（UTC+8）理解`, en: `"${text}", no zone: read as China Standard Time (UTC+8)` } : { zh: `「${text}」`, en: `"${text}"` };
    tol.add(C.v1TimeText, f, t ? zone : { zh: `「${text}」无法识别为时间`, en: `"${text}" is not a recognisable time` });
    if (t) tbs.timeInfo = t.date;
    return;
  }
  // A DER time inside the BIT STRING (the standard's "UTCTime" reading).
  try {
    const inner = readRoot(bytes, f);
    if (inner.tag === TAG_UTC_TIME || inner.tag === TAG_GENERALIZED_TIME) {
      tbs.timeInfo = readTime(inner, f, { fractions: true, utcWithoutSeconds: true });
      return;
    }
  } catch (err) {
    if (!(err instanceof FormatError)) throw err;
  }
  // Anything else (e.g. a timestamp token) leaves the claimed time unknown; the verifier reports that.
  tol.add(C.v1TimeText, f, { zh: `${bytes.length} 字节，无法识别为时间`, en: `${bytes.length} bytes, not a recognisable time` });
}
