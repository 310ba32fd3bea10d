// Read and check the JSON a bundle carries: strict JSON (no duplicate names), the fields and their types, limits,
// and every certificate and CRL parsed. Throws FormatError or LimitError naming the first problem.
import { FormatError, LimitError } from '../errors.js';
import { parseJsonBytes } from '../credential/json.js';
import { Certificate, Crl } from '../pki/index.js';
import { readStatusListPayload } from '../status/parse-status-list.js';
import {
  MAX_AREA_CODES,
  MAX_CRLS,
  MAX_INTERMEDIATES,
  MAX_ISSUER_CERTIFICATES,
  MAX_ISSUERS,
  MAX_LICENSE_TYPES,
  MAX_NAME_CHARS,
  MAX_ROOTS,
  MAX_STATUS_LISTS,
} from './limits.js';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type TrustBundleIssuer } from './types.js';

export interface ParsedBundleContent {
  version: number;
  issuedAt: Date;
  nextUpdate: Date;
  roots: Certificate[];
  intermediates: Certificate[];
  crls: Crl[];
  issuers: TrustBundleIssuer[];
  statusLists: string[];
}

export const ISSUER_CODE = /^[0-9A-Z]{6,32}$/;
export const TYPE_CODE = /^(\*|[0-9A-Z]{1,64})$/;
export const AREA_CODE = /^(\*|\d{2,12})$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function list(v: unknown, what: string, max: number): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new FormatError(`${what} must be an array`);
  if (v.length > max) throw new LimitError(`${what} has ${v.length} entries, more than ${max}`);
  return v;
}

function der(v: unknown, what: string): Uint8Array {
  if (typeof v !== 'string' || v.length % 4 !== 0 || !B64.test(v)) throw new FormatError(`${what} must be standard base64 of DER`);
  const b = new Uint8Array(Buffer.from(v, 'base64'));
  if (Buffer.from(b).toString('base64') !== v) throw new FormatError(`${what}: non-canonical base64`);
  return b;
}

function cert(v: unknown, what: string): Certificate {
  try {
    return Certificate.fromDer(der(v, what));
  } catch (e) {
    throw new FormatError(`${what}: ${(e as Error).message}`, { cause: e });
  }
}

function date(v: unknown, what: string): Date {
  if (typeof v !== 'string' || !ISO.test(v)) throw new FormatError(`${what} must be an ISO-8601 UTC time (YYYY-MM-DDTHH:MM:SSZ)`);
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new FormatError(`${what} is not a valid time`);
  return d;
}

function strings(v: unknown, what: string, max: number, re: RegExp): string[] {
  const out = list(v, what, max).map((x, i) => {
    if (typeof x !== 'string' || !re.test(x)) throw new FormatError(`${what}[${i}] is not a valid code`);
    return x;
  });
  if (out.length === 0) throw new FormatError(`${what} must not be empty`);
  return out;
}

/** Check the content object (the same rules createTrustBundle applies before signing). */
export function parseBundleContentValue(c: unknown): ParsedBundleContent {
  if (!isObject(c)) throw new FormatError('bundle content must be a JSON object');
  if (c.format !== BUNDLE_FORMAT) throw new FormatError(`bundle content format must be "${BUNDLE_FORMAT}"`);
  if (c.formatVersion !== BUNDLE_FORMAT_VERSION) throw new FormatError(`bundle formatVersion ${JSON.stringify(c.formatVersion)?.slice(0, 20)} is not supported (expected ${BUNDLE_FORMAT_VERSION})`);
  const version = c.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) throw new FormatError('bundle version must be a positive integer');
  const issuedAt = date(c.issuedAt, 'issuedAt');
  const nextUpdate = date(c.nextUpdate, 'nextUpdate');
  if (nextUpdate.getTime() <= issuedAt.getTime()) throw new FormatError('nextUpdate must be after issuedAt');
  const roots = list(c.roots, 'roots', MAX_ROOTS).map((x, i) => cert(x, `roots[${i}]`));
  if (roots.length === 0) throw new FormatError('a bundle needs at least one root');
  const intermediates = list(c.intermediates, 'intermediates', MAX_INTERMEDIATES).map((x, i) => cert(x, `intermediates[${i}]`));
  const crls = list(c.crls, 'crls', MAX_CRLS).map((x, i) => {
    try {
      return Crl.fromDer(der(x, `crls[${i}]`));
    } catch (e) {
      throw new FormatError(`crls[${i}]: ${(e as Error).message}`, { cause: e });
    }
  });
  const seen = new Set<string>();
  const issuers = list(c.issuers, 'issuers', MAX_ISSUERS).map((x, i): TrustBundleIssuer => {
    const w = `issuers[${i}]`;
    if (!isObject(x)) throw new FormatError(`${w} must be an object`);
    if (typeof x.code !== 'string' || !ISSUER_CODE.test(x.code)) throw new FormatError(`${w}.code must be 6..32 characters 0-9 A-Z (a USCC)`);
    if (seen.has(x.code)) throw new FormatError(`${w}: issuer ${x.code} is listed twice`);
    seen.add(x.code);
    if (typeof x.name !== 'string' || x.name.trim() === '' || x.name.length > MAX_NAME_CHARS) throw new FormatError(`${w}.name must be a non-empty string`);
    const certificates = list(x.certificates, `${w}.certificates`, MAX_ISSUER_CERTIFICATES).map((y, j) => cert(y, `${w}.certificates[${j}]`));
    if (certificates.length === 0) throw new FormatError(`${w}.certificates must not be empty`);
    return {
      code: x.code,
      name: x.name,
      certificates,
      licenseTypes: strings(x.licenseTypes, `${w}.licenseTypes`, MAX_LICENSE_TYPES, TYPE_CODE),
      areaCodes: strings(x.areaCodes, `${w}.areaCodes`, MAX_AREA_CODES, AREA_CODE),
    };
  });
  const statusLists = list(c.statusLists, 'statusLists', MAX_STATUS_LISTS).map((x, i) => {
    if (typeof x !== 'string') throw new FormatError(`statusLists[${i}] must be a compact JWS string`);
    try {
      readStatusListPayload(x);
    } catch (e) {
      throw new FormatError(`statusLists[${i}]: ${(e as Error).message}`, { cause: e });
    }
    return x;
  });
  return { version, issuedAt, nextUpdate, roots, intermediates, crls, issuers, statusLists };
}

/** Parse the UTF-8 JSON bytes of a bundle's content. */
export function parseBundleContent(bytes: Uint8Array): ParsedBundleContent {
  return parseBundleContentValue(parseJsonBytes(bytes, 'trust bundle content', { maxDepth: 8 }));
}
