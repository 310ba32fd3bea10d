// Electronic licence identifier (电子证照标识), GB/T 36904-2018:
//   1.2.156.3005.2.<type code>.<issuer code>.<serial>.<version>.<check character>
// The check character is ISO/IEC 7064 MOD 37,36 (hybrid) over type code + issuer code + serial + version, without
// the dots and without the root. Real documents violate it (reference A2): callers report a mismatch as a warning
// by default. The part lengths are conventions seen in implementations (the normative text was not available), so
// departures from them are warnings, not invalidity.
import { FormatError } from '../../errors.js';
import { hybridCheckCharacter } from './iso7064.js';
import { normaliseCode } from './normalise.js';
import { reasonMessage, type CodeResult, type CodeWarning } from './result.js';
import { USCC_ALPHABET } from './uscc.js';

/** 电子证照根代码. */
export const LICENSE_ID_ROOT = '1.2.156.3005.2';
const ROOT_PARTS = LICENSE_ID_ROOT.split('.').length;

export interface LicenseIdBody {
  /** 证照类型代码: usually the defining body's 18-character USCC and a 3-digit number. */
  typeCode: string;
  /** 证照颁发机构代码: usually the issuer's USCC, sometimes a 6-digit area code. */
  issuerCode: string;
  /** 流水号: free alphanumeric. */
  serial: string;
  /** 版本号: usually 3 digits, e.g. 001. */
  version: string;
}

export interface LicenseIdParts extends LicenseIdBody {
  root: string;
  /** 校验位. */
  check: string;
}

export interface LicenseIdResult extends CodeResult {
  /** The check character the body calls for, when the identifier has another. */
  expected?: string;
  parts?: LicenseIdParts;
}

const PART = /^[0-9A-Z]+$/;
const NAMES = ['typeCode', 'issuerCode', 'serial', 'version'] as const;

/** The MOD 37,36 check character of an identifier body. Throws FormatError for characters other than 0-9, A-Z. */
export function licenseIdCheckCharacter(body: LicenseIdBody): string {
  return hybridCheckCharacter(body.typeCode + body.issuerCode + body.serial + body.version);
}

/** Warnings for parts that depart from the usual shapes. */
function conventionWarnings(p: LicenseIdBody): CodeWarning[] {
  const w: CodeWarning[] = [];
  if (!/^[0-9A-Z]{18}\d{3}$/.test(p.typeCode)) w.push('type-code-format');
  const usccLike = p.issuerCode.length === 18 && [...p.issuerCode].every((c) => USCC_ALPHABET.includes(c));
  if (!usccLike && !/^\d{6}$/.test(p.issuerCode)) w.push('issuer-code-format');
  if (!/^\d{3}$/.test(p.version)) w.push('version-format');
  return w;
}

type Split = { parts: LicenseIdParts } | { reason: 'format' | 'root' | 'characters'; zh?: string; en?: string };

function split(s: string): Split {
  const f = s.split('.');
  if (f.length !== ROOT_PARTS + 5) {
    return { reason: 'format', zh: `应为根代码后接 5 段（类型代码.颁发机构代码.流水号.版本号.校验位），实为 ${Math.max(0, f.length - ROOT_PARTS)} 段`, en: `the root and 5 parts (type.issuer.serial.version.check) expected, ${Math.max(0, f.length - ROOT_PARTS)} given` };
  }
  const root = f.slice(0, ROOT_PARTS).join('.');
  if (root !== LICENSE_ID_ROOT) return { reason: 'root' };
  const [typeCode, issuerCode, serial, version, check] = f.slice(ROOT_PARTS) as [string, string, string, string, string];
  const parts: LicenseIdParts = { root, typeCode, issuerCode, serial, version, check };
  for (const name of [...NAMES, 'check'] as const) {
    const v = parts[name];
    if (v === '') return { reason: 'format', zh: `${name} 段为空`, en: `the ${name} part is empty` };
    if (!PART.test(v)) return { reason: 'characters', zh: `${name} 段只能含数字和大写字母`, en: `the ${name} part may hold only digits and upper-case letters` };
  }
  if (check.length !== 1) return { reason: 'format', zh: '校验位应为 1 位', en: 'the check character is one character' };
  return { parts };
}

/** Split an identifier into its parts. Throws FormatError when it is not one (the check character is not judged). */
export function parseLicenseId(input: string): LicenseIdParts {
  const n = normaliseCode(input);
  if (n.reason) throw new FormatError(`licence identifier: ${reasonMessage(n.reason).en}`);
  const r = split(n.value);
  if ('reason' in r) throw new FormatError(`licence identifier: ${reasonMessage(r.reason, r).en}`);
  return r.parts;
}

/** Validate an identifier: shape, root, characters, MOD 37,36 check character. Never throws. */
export function validateLicenseId(input: unknown): LicenseIdResult {
  const n = normaliseCode(input);
  const warnings = n.warnings;
  if (n.reason) return { valid: false, value: n.value, reason: n.reason, message: reasonMessage(n.reason), warnings };
  const r = split(n.value);
  if ('reason' in r) return { valid: false, value: n.value, reason: r.reason, message: reasonMessage(r.reason, r), warnings };
  warnings.push(...conventionWarnings(r.parts));
  const expected = licenseIdCheckCharacter(r.parts);
  if (expected !== r.parts.check) {
    return { valid: false, value: n.value, expected, reason: 'check-character', message: reasonMessage('check-character', { expected }), warnings, parts: r.parts };
  }
  return { valid: true, value: n.value, warnings, parts: r.parts };
}

/**
 * Build an identifier with its check character. Parts must be non-empty digits and upper-case letters without
 * dots (FormatError otherwise); the usual lengths are not enforced (see validateLicenseId's warnings).
 */
export function makeLicenseId(body: LicenseIdBody): string {
  for (const name of NAMES) {
    const v = body[name];
    if (typeof v !== 'string' || !PART.test(v)) throw new FormatError(`makeLicenseId: ${name} must be non-empty digits and upper-case letters`);
  }
  const id = [LICENSE_ID_ROOT, body.typeCode, body.issuerCode, body.serial, body.version, licenseIdCheckCharacter(body)].join('.');
  if (id.length > 256) throw new FormatError('makeLicenseId: the identifier would be longer than 256 characters');
  return id;
}
