// SESeal of all three versions. The version comes from the structure (ofdrw VersionParser rule, reference §1):
// 2 elements → v1; 5 → v5; 4 → v5 when header.version is 5, else v4. Signed bytes are original slices.
import {
  TAG_IA5_STRING,
  TAG_OCTET_STRING,
  TAG_PRINTABLE_STRING,
  TAG_SEQUENCE,
  encoding,
  expectTag,
  readRoot,
  readSequence,
  seq,
  type Asn1Mode,
  type El,
} from '../asn1/index.js';
import { FormatError, LimitError } from '../errors.js';
import { SEAL_CHECKS as C } from './checks.js';
import {
  readAlgorithmField,
  readExtDatas,
  readIa5,
  readOctets,
  readSignatureField,
  readStringField,
  readTimeField,
  readTimestampField,
  readUint,
  readUtf8,
} from './fields.js';
import { MAX_CERT_LIST, MAX_SEAL_BYTES, MAX_SES_DEPTH, MAX_SES_ELEMENTS } from './limits.js';
import { PICTURE_TYPE_NAMES, pictureKindOf, pictureKindOfType } from './picture.js';
import { Tolerances, tolerance } from './tolerance.js';
import type { SealInfo, SesCertList, SesExtData, SesHeader, SesPicture, SesProperty, SesVersion, Tolerance } from './types.js';

/**
 * Decode an electronic seal (SESeal, .esl) of GM/T 0031-2014, GB/T 38540-2020 or GM/T 0031-2025.
 * Throws FormatError for anything that is not one, LimitError past the size limits.
 */
export function decodeSeal(der: Uint8Array): SealInfo {
  if (!(der instanceof Uint8Array)) throw new FormatError('SESeal: bytes expected');
  if (der.length > MAX_SEAL_BYTES) throw new LimitError(`SESeal: ${der.length} bytes exceeds the ${MAX_SEAL_BYTES}-byte limit`);
  return derThenBer((mode) => parseSealElement(readRoot(der, 'SESeal', readerOptions(mode))));
}

export function readerOptions(mode: Asn1Mode): { mode: Asn1Mode; maxDepth: number; maxElements: number } {
  return { mode, maxDepth: MAX_SES_DEPTH, maxElements: MAX_SES_ELEMENTS };
}

/**
 * Parse strictly as DER first; when only BER rules were broken (non-minimal lengths or INTEGERs, BOOLEAN other than
 * 00/FF, indefinite lengths) parse again as BER and record the deviation. Signed bytes stay the original slices.
 */
export function derThenBer<T extends { tolerances: Tolerance[] }>(parse: (mode: Asn1Mode) => T): T {
  try {
    return parse('der');
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    const r = parse('ber');
    r.tolerances.unshift(tolerance(C.notDer, undefined, { zh: e.message, en: e.message }));
    return r;
  }
}

/** Decode one SESeal element (bare, or embedded in TBS_Sign). `raw` is its exact encoding. */
export function parseSealElement(root: El): SealInfo {
  const tol = new Tolerances();
  const kids = readSequence(root, 'SESeal', 6);
  if (kids.length !== 2 && kids.length !== 4 && kids.length !== 5) {
    throw new FormatError(`SESeal: 2 (GM/T 0031-2014), 4 or 5 elements expected, found ${kids.length}`);
  }
  const v1 = kids.length === 2;
  const infoEl = expectTag(kids[0], TAG_SEQUENCE, 'SES_SealInfo');
  const info = parseSealInfo(infoEl, v1 ? 'utc' : 'generalized');

  let version: SesVersion;
  let detectedBy: string;
  if (v1) {
    version = 1;
    detectedBy = '2 elements: GM/T 0031-2014';
  } else if (kids.length === 5) {
    version = 5;
    detectedBy = '5 elements ([0] timeStamp): GM/T 0031-2025';
  } else if (info.header.version === 5) {
    version = 5;
    detectedBy = '4 elements and header version 5: GM/T 0031-2025';
  } else {
    version = 4;
    detectedBy = '4 elements: GB/T 38540-2020';
  }
  if (info.header.version !== version) {
    tol.add(C.headerVersion, 'SES_Header.version', {
      zh: `头信息版本 ${info.header.version}，结构为 v${version}`,
      en: `header version ${info.header.version}, structure v${version}`,
    });
  }

  let certEl: El;
  let algEl: El;
  let sigEl: El;
  let timeStamp: Uint8Array | undefined;
  if (v1) {
    // SES_SignInfo { cert OCTET STRING, signatureAlgorithm OID, signData BIT STRING }
    const s = readSequence(kids[1], 'SES_SignInfo', 4);
    if (s.length !== 3) throw new FormatError(`SES_SignInfo: 3 elements expected, found ${s.length}`);
    [certEl, algEl, sigEl] = s as [El, El, El];
  } else {
    [, certEl, algEl, sigEl] = kids as [El, El, El, El];
    if (kids[4]) timeStamp = readTimestampField(kids[4], 'SESeal.timeStamp', tol);
  }
  const field = v1 ? 'SES_SignInfo' : 'SESeal';
  const makerCertificate = readOctets(certEl, `${field}.cert`);
  const signatureAlgorithm = readAlgorithmField(algEl, `${field}.signatureAlgorithm`, tol);
  const sig = readSignatureField(sigEl, `${field}.${v1 ? 'signData' : 'signedValue'}`, signatureAlgorithm, tol);

  const sealInfoBytes = encoding(infoEl);
  // v1 signs SEQUENCE { SES_SealInfo, cert, signatureAlgorithm } (confirmed on ofdrw and dms360 data).
  const signedBytes = v1 ? seq(sealInfoBytes, encoding(certEl), encoding(algEl)) : sealInfoBytes;

  const out: SealInfo = {
    version,
    detectedBy,
    header: info.header,
    esID: info.esID,
    property: info.property,
    picture: info.picture,
    extDatas: info.extDatas,
    makerCertificate,
    signatureAlgorithm,
    signatureValue: sig.value,
    signatureForm: sig.form,
    sealInfoBytes,
    signedBytes,
    raw: encoding(root),
    tolerances: [...info.tolerances.list, ...tol.list],
  };
  if (timeStamp) out.timeStamp = timeStamp;
  return out;
}

interface ParsedSealInfo {
  header: SesHeader;
  esID: string;
  property: SesProperty;
  picture: SesPicture;
  extDatas: SesExtData[];
  tolerances: Tolerances;
}

function parseSealInfo(e: El, times: 'utc' | 'generalized'): ParsedSealInfo {
  const tol = new Tolerances();
  const k = readSequence(e, 'SES_SealInfo', 6);
  if (k.length !== 4 && k.length !== 5) throw new FormatError(`SES_SealInfo: 4 or 5 elements expected, found ${k.length}`);

  const h = readSequence(k[0], 'SES_Header', 4);
  if (h.length !== 3) throw new FormatError(`SES_Header: 3 elements expected, found ${h.length}`);
  const header: SesHeader = {
    id: readIa5(h[0], 'SES_Header.id', tol),
    version: readUint(h[1], 'SES_Header.version'),
    vid: readIa5(h[2], 'SES_Header.vid', tol),
  };
  const esID = readIa5(k[1], 'SES_SealInfo.esID', tol);
  const property = parseProperty(k[2]!, times, tol);
  const picture = parsePicture(k[3]!, tol);
  const extDatas = k[4] ? readExtDatas(k[4], 'SES_SealInfo.extDatas', tol) : [];
  return { header, esID, property, picture, extDatas, tolerances: tol };
}

function parseProperty(e: El, times: 'utc' | 'generalized', tol: Tolerances): SesProperty {
  const f = 'SES_ESPropertyInfo';
  const k = readSequence(e, f, 8);
  // v1: type, name, certList, 3 times; v4/v5: type, name, certListType, certList, 3 times.
  let certListType: number;
  let rest: El[];
  if (k.length === 6) {
    certListType = 1;
    rest = k.slice(2);
  } else if (k.length === 7) {
    certListType = readUint(k[2], `${f}.certListType`);
    rest = k.slice(3);
  } else throw new FormatError(`${f}: 6 (v1) or 7 elements expected, found ${k.length}`);
  const certList = parseCertList(rest[0], certListType, k.length === 6, tol);
  return {
    type: readUint(k[0], `${f}.type`),
    name: readUtf8(k[1], `${f}.name`, tol),
    certListType,
    certList,
    createDate: readTimeField(rest[1], `${f}.createDate`, times, tol),
    validStart: readTimeField(rest[2], `${f}.validStart`, times, tol),
    validEnd: readTimeField(rest[3], `${f}.validEnd`, times, tol),
  };
}

function parseCertList(e: El | undefined, certListType: number, v1: boolean, tol: Tolerances): SesCertList {
  const f = v1 ? 'SES_ESPropertyInfo.certList' : 'SES_CertList';
  const items = readSequence(e, f, MAX_CERT_LIST);
  if (certListType === 2) {
    const digests = items.map((item, i) => {
      const k = readSequence(item, `${f}[${i}]`, 3);
      if (k.length !== 2) throw new FormatError(`${f}[${i}]: CertDigestObj of 2 elements expected`);
      return {
        type: readStringField(k[0], TAG_PRINTABLE_STRING, `${f}[${i}].type`, tol),
        value: readOctets(k[1], `${f}[${i}].value`),
      };
    });
    return { kind: 'digests', digests };
  }
  if (certListType !== 1) throw new FormatError(`${f}: unknown certListType ${certListType} (1 = certificates, 2 = digests)`);
  const certs: Uint8Array[] = [];
  items.forEach((item, i) => {
    // dms360 writes an IA5String "1" here: kept out of the list, reported.
    if (item.tag !== TAG_OCTET_STRING) {
      tol.add(C.certListEntry, `${f}[${i}]`, { zh: `标签 0x${item.tag.toString(16)}`, en: `tag 0x${item.tag.toString(16)}` });
      return;
    }
    certs.push(readOctets(item, `${f}[${i}]`));
  });
  return { kind: 'certs', certs };
}

function parsePicture(e: El, tol: Tolerances): SesPicture {
  const f = 'SES_ESPictrueInfo';
  const k = readSequence(e, f, 5);
  if (k.length !== 4) throw new FormatError(`${f}: 4 elements expected, found ${k.length}`);
  const type = readStringField(k[0], TAG_IA5_STRING, `${f}.type`, tol);
  const data = readOctets(k[1], `${f}.data`);
  const picture: SesPicture = { type, data, widthMm: readUint(k[2], `${f}.width`), heightMm: readUint(k[3], `${f}.height`) };
  const named = pictureKindOfType(type);
  const actual = pictureKindOf(data);
  if (!Object.values(PICTURE_TYPE_NAMES).includes(type)) {
    tol.add(C.pictureType, `${f}.type`, { zh: `写作「${type}」`, en: `written "${type}"` });
  }
  if (!actual) {
    tol.add(C.pictureType, `${f}.data`, { zh: '无法识别图片数据格式', en: 'image data format not recognised' });
  } else if (named && actual !== named) {
    tol.add(C.pictureType, `${f}.data`, { zh: `类型为 ${type}，数据却是 ${actual}`, en: `type ${type}, but the data is ${actual}` });
  }
  return picture;
}
