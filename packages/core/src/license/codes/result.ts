// What every code validator returns, and the bilingual text for each reason and warning.
import type { Message } from '../../report/types.js';

export type CodeKind = 'uscc' | 'id' | 'license';

/** Why a code is not valid. Stable strings (they appear in `heyan code check --json`). */
export type CodeReason =
  | 'empty'
  | 'too-long'
  | 'length'
  | 'characters'
  | 'format'
  | 'root'
  | 'check-character'
  | 'org-code-check-character'
  | 'birth-date'
  | 'unknown-kind';

/** Accepted, but worth telling: the value was normalised or is of an old or unusual form. */
export type CodeWarning =
  | 'lower-case'
  | 'legacy-15'
  | 'address-code'
  | 'area-code'
  | 'type-code-format'
  | 'issuer-code-format'
  | 'version-format';

export interface CodeResult {
  valid: boolean;
  /** The value after normalisation (trimmed, upper case): what was checked. */
  value: string;
  reason?: CodeReason;
  /** Why it is not valid, in Chinese and English (with the expected character when that is the reason). */
  message?: Message;
  warnings: CodeWarning[];
}

const KIND: Record<CodeKind, Message> = {
  uscc: { zh: '统一社会信用代码', en: 'unified social credit code' },
  id: { zh: '公民身份号码', en: 'resident identity number' },
  license: { zh: '电子证照标识', en: 'e-licence identifier' },
};

export function kindLabel(kind: CodeKind): Message {
  return KIND[kind];
}

export function reasonMessage(reason: CodeReason, detail: { expected?: string; zh?: string; en?: string } = {}): Message {
  const extra = (zh: string, en: string): Message =>
    detail.zh !== undefined && detail.en !== undefined ? { zh: `${zh}（${detail.zh}）`, en: `${en} (${detail.en})` } : { zh, en };
  switch (reason) {
    case 'empty':
      return { zh: '值为空', en: 'the value is empty' };
    case 'too-long':
      return { zh: '值过长', en: 'the value is too long' };
    case 'length':
      return extra('长度不正确', 'wrong length');
    case 'characters':
      return extra('含有不允许的字符', 'contains characters that are not allowed');
    case 'format':
      return extra('格式不正确', 'malformed');
    case 'root':
      return { zh: '不以电子证照根代码 1.2.156.3005.2 开头', en: 'does not start with the e-licence root code 1.2.156.3005.2' };
    case 'check-character':
      return { zh: `校验位错误，应为 ${detail.expected ?? '?'}`, en: `wrong check character, expected ${detail.expected ?? '?'}` };
    case 'org-code-check-character':
      return {
        zh: `组织机构代码（第 9–17 位）校验位错误，第 17 位应为 ${detail.expected ?? '?'}`,
        en: `wrong organisation-code check character (positions 9–17): position 17 should be ${detail.expected ?? '?'}`,
      };
    case 'birth-date':
      return extra('出生日期无效', 'invalid birth date');
    case 'unknown-kind':
      return { zh: '无法识别代码类型（统一社会信用代码、公民身份号码或电子证照标识）', en: 'not recognised as a USCC, resident ID number or e-licence identifier' };
  }
}

export const WARNING_MESSAGES: Readonly<Record<CodeWarning, Message>> = {
  'lower-case': { zh: '含小写字母，已按大写校验', en: 'lower-case letters were checked as upper case' },
  'legacy-15': { zh: '15 位旧版身份号码，没有校验位', en: 'old 15-digit number: it has no check character' },
  'address-code': { zh: '地址码的省级代码不在 GB/T 2260 中', en: 'the province part of the address code is not a GB/T 2260 code' },
  'area-code': { zh: '第 3–8 位不是 6 位数字行政区划代码', en: 'positions 3–8 are not a 6-digit administrative-division code' },
  'type-code-format': { zh: '证照类型代码通常为 21 位（18 位统一社会信用代码加 3 位数字）', en: 'the licence type code is usually 21 characters (an 18-character USCC and 3 digits)' },
  'issuer-code-format': {
    zh: '颁发机构代码通常为 18 位统一社会信用代码或 6 位行政区划代码',
    en: 'the issuer code is usually an 18-character USCC or a 6-digit area code',
  },
  'version-format': { zh: '版本号通常为 3 位数字', en: 'the version is usually 3 digits' },
};

/** Province-level GB/T 2260 codes (first two digits), plus 83 used by residence permits of Taiwan residents. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

/** A 6-digit code whose first two digits name a province (GB/T 2260). The list of counties is not checked. */
export function isAreaCode(s: string): boolean {
  return /^\d{6}$/.test(s) && PROVINCES.has(s.slice(0, 2));
}
