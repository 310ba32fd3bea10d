// createSeal: an electronic seal (SESeal) per GB/T 38540-2020 (v4, the default) or GM/T 0031-2025 (v5), signed
// by the seal maker (制章者). DER throughout: GeneralizedTime, DEFAULT FALSE omitted; the maker signs DER(SES_SealInfo).
import {
  bitString,
  equalBytes,
  explicit,
  generalizedTime,
  ia5String,
  integer,
  octets,
  oid,
  printableString,
  seq,
  utf8String,
  boolean as derBoolean,
} from '../asn1/index.js';
import { signData } from '../crypto/sign-data.js';
import { sm3 } from '../crypto/sm3.js';
import type { PrivateKey } from '../crypto/types.js';
import { FormatError, KeyError, LimitError, UnsupportedError } from '../errors.js';
import { Certificate } from '../pki/certificate.js';
import { MAX_CERT_LIST, MAX_EXT_DATAS, MAX_PICTURE_BYTES, MAX_PICTURE_MM } from './limits.js';
import { PICTURE_TYPE_NAMES, pictureKindOf, type PictureKind } from './picture.js';

export interface SesExtDataInput {
  oid: string;
  /** Default false (then omitted, as DER requires). */
  critical?: boolean;
  value: Uint8Array;
}

export interface CreateSealOptions {
  /** 4 = GB/T 38540-2020 (default), 5 = GM/T 0031-2025. */
  version?: 4 | 5;
  /** Vendor identifier in the header; default 'heyan'. */
  vid?: string;
  /** Unique seal identifier (e.g. 6-digit division code + 8-digit sequence). */
  esID: string;
  /** 印章类型. */
  type: number;
  /** 印章名称. */
  name: string;
  /** The signers (签章者) allowed to use the seal. */
  signerCertificates: readonly (Uint8Array | Certificate)[];
  /** List the signers as SM3 digests (certListType 2) instead of certificates. */
  certDigests?: boolean;
  picture: { type: PictureKind; data: Uint8Array; widthMm: number; heightMm: number };
  /** Default now. Whole seconds are kept (DER GeneralizedTime). */
  createDate?: Date;
  validStart: Date;
  validEnd: Date;
  extDatas?: readonly SesExtDataInput[];
  makerKey: PrivateKey;
  makerCertificate: Certificate;
  /** v5 only: returns an RFC 3161 timestamp token (DER) over the seal signature value. */
  timestamp?: (signatureValue: Uint8Array) => Uint8Array;
}

/** Printed in CertDigestObj.type for certListType 2. */
export const CERT_DIGEST_TYPE = 'SM3';

/**
 * Create and sign a seal. Throws FormatError for bad field values, LimitError for sizes, KeyError when the maker key
 * does not match its certificate or the certificate may not make the seal, UnsupportedError for option mixes.
 */
export function createSeal(opts: CreateSealOptions): Uint8Array {
  const version = opts.version ?? 4;
  if (version !== 4 && version !== 5) throw new UnsupportedError(`seal version ${String(version)} cannot be created (4 or 5)`);
  if (opts.timestamp && version !== 5) throw new UnsupportedError('a seal timestamp needs version 5 (GM/T 0031-2025)');

  const createDate = seconds(opts.createDate ?? new Date(), 'createDate');
  const validStart = seconds(opts.validStart, 'validStart');
  const validEnd = seconds(opts.validEnd, 'validEnd');
  if (validStart.getTime() >= validEnd.getTime()) throw new FormatError('seal: validStart must be before validEnd');
  if (createDate.getTime() > validEnd.getTime()) throw new FormatError('seal: createDate is after validEnd');
  if (version === 5 && createDate.getTime() < validStart.getTime()) {
    throw new FormatError('seal: GM/T 0031-2025 requires the seal to be valid at createDate (createDate before validStart)');
  }

  const maker = opts.makerCertificate;
  checkMaker(maker, opts.makerKey, createDate);

  const signers = opts.signerCertificates.map((c, i) => {
    if (c instanceof Certificate) return c;
    try {
      return Certificate.fromDer(c);
    } catch (e) {
      throw new FormatError(`seal: signer certificate #${i + 1}: ${(e as Error).message}`, { cause: e });
    }
  });
  if (signers.length === 0) throw new FormatError('seal: at least one signer certificate is needed');
  if (signers.length > MAX_CERT_LIST) throw new LimitError(`seal: more than ${MAX_CERT_LIST} signer certificates`);

  const type = opts.type;
  if (!Number.isSafeInteger(type) || type < 0 || type > 0x7fffffff) throw new FormatError('seal: type must be a non-negative integer');
  if (typeof opts.name !== 'string' || opts.name.trim() === '') throw new FormatError('seal: name must not be empty');
  if (typeof opts.esID !== 'string' || opts.esID === '') throw new FormatError('seal: esID must not be empty');

  const header = seq(ia5String('ES'), integer(version), ia5String(opts.vid ?? 'heyan'));
  const certList = opts.certDigests
    ? seq(...signers.map((c) => seq(printableString(CERT_DIGEST_TYPE), octets(sm3(c.der)))))
    : seq(...signers.map((c) => octets(c.der)));
  const property = seq(
    integer(type),
    utf8String(opts.name),
    integer(opts.certDigests ? 2 : 1),
    certList,
    generalizedTime(createDate, 'createDate'),
    generalizedTime(validStart, 'validStart'),
    generalizedTime(validEnd, 'validEnd'),
  );
  const sealInfo = seq(header, ia5String(opts.esID), property, picture(opts.picture), ...extDatas(opts.extDatas));

  const signed = signData({ key: opts.makerKey, data: sealInfo });
  const parts = [sealInfo, octets(maker.der), oid(signed.algorithm.oid), bitString(signed.signature)];
  if (opts.timestamp) {
    const token = opts.timestamp(signed.signature);
    if (!(token instanceof Uint8Array) || token.length === 0) throw new FormatError('seal: the timestamp callback returned no token');
    parts.push(explicit(0, bitString(token)));
  }
  return seq(...parts);
}

/** DER times carry whole seconds: drop the milliseconds so the seal decodes to the dates it was given. */
function seconds(d: Date, what: string): Date {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new FormatError(`seal: ${what} is not a valid date`);
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

/** The maker must hold the key of its certificate, valid at createDate, allowed to sign (digitalSignature). */
function checkMaker(maker: Certificate, key: PrivateKey, createDate: Date): void {
  if (!(maker instanceof Certificate)) throw new TypeError('makerCertificate must be a Certificate');
  const certKey = maker.tryPublicKey();
  if (!certKey || !equalBytes(certKey.spki, key.publicKey.spki)) throw new KeyError('seal: the maker key does not belong to the maker certificate');
  const t = createDate.getTime();
  if (t < maker.notBefore.getTime() || t > maker.notAfter.getTime()) {
    throw new KeyError(
      `seal: the maker certificate is not valid at createDate ${createDate.toISOString()} (valid ${maker.notBefore.toISOString()} to ${maker.notAfter.toISOString()})`,
    );
  }
  const ku = maker.extensions.keyUsage;
  if (ku && !ku.has('digitalSignature')) throw new KeyError('seal: the maker certificate key usage lacks digitalSignature');
}

function picture(p: CreateSealOptions['picture']): Uint8Array {
  const name = PICTURE_TYPE_NAMES[p.type];
  if (!name) throw new FormatError(`seal: unknown picture type "${String(p.type)}" (png, jpg, gif, bmp, ofd, svg)`);
  if (!(p.data instanceof Uint8Array) || p.data.length === 0) throw new FormatError('seal: picture data is empty');
  if (p.data.length > MAX_PICTURE_BYTES) throw new LimitError(`seal: picture of ${p.data.length} bytes exceeds the ${MAX_PICTURE_BYTES}-byte limit`);
  const actual = pictureKindOf(p.data);
  if (actual !== p.type) throw new FormatError(`seal: picture data is ${actual ?? 'not a recognised image'}, not ${p.type}`);
  for (const [k, v] of [['widthMm', p.widthMm], ['heightMm', p.heightMm]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > MAX_PICTURE_MM) throw new FormatError(`seal: picture ${k} must be a whole number of millimetres, 1 to ${MAX_PICTURE_MM}`);
  }
  // The type is written as the standard's examples spell it (upper case, as ofdrw does).
  return seq(ia5String(name), octets(p.data), integer(p.widthMm), integer(p.heightMm));
}

function extDatas(list: readonly SesExtDataInput[] | undefined): Uint8Array[] {
  if (!list || list.length === 0) return [];
  return [extensionDatas(list)];
}

/** ExtensionDatas ::= SEQUENCE OF ExtData; critical omitted when FALSE (DER DEFAULT rule). */
export function extensionDatas(list: readonly SesExtDataInput[]): Uint8Array {
  if (list.length > MAX_EXT_DATAS) throw new LimitError(`more than ${MAX_EXT_DATAS} extension data entries`);
  return seq(
    ...list.map((x) => {
      if (!(x.value instanceof Uint8Array)) throw new FormatError(`extension data ${x.oid}: value must be bytes`);
      let id: Uint8Array;
      try {
        id = oid(x.oid);
      } catch {
        throw new FormatError(`extension data: bad OID "${String(x.oid)}"`);
      }
      return x.critical ? seq(id, derBoolean(true), octets(x.value)) : seq(id, octets(x.value));
    }),
  );
}
