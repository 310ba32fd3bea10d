// One entry point for "is this code right?": detect the kind (unless given) and run its validator. Used by
// `heyan code check` and anything else that takes codes of unknown kind.
import { detectCodeKind } from './detect.js';
import { validateLicenseId, type LicenseIdResult } from './license-id.js';
import { normaliseCode } from './normalise.js';
import { validateResidentId, type ResidentIdOptions, type ResidentIdResult } from './resident-id.js';
import { reasonMessage, type CodeKind, type CodeReason, type CodeWarning } from './result.js';
import { validateUscc, type UsccResult } from './uscc.js';
import type { Message } from '../../report/types.js';

export interface CodeCheck {
  /** The input exactly as given. */
  value: string;
  /** The kind checked: given, or detected; null when it could not be detected. */
  kind: CodeKind | null;
  valid: boolean;
  /** The value as checked (trimmed, upper case). */
  normalized: string;
  reason?: CodeReason;
  message?: Message;
  warnings: CodeWarning[];
  /** Licence identifier and ID number: the check character expected when the value has another. */
  expected?: string;
  /** USCC: position 18 / position 17 (organisation code) expected when they differ. */
  expected18?: string;
  expected17?: string;
  /** Kind-specific facts: USCC or identifier parts, birth date and sex, the 18-digit form of an old number. */
  parts?: UsccResult['parts'] | LicenseIdResult['parts'];
  birthDate?: string;
  sex?: 'male' | 'female';
  addressCode?: string;
  legacy15?: boolean;
  upgraded?: string;
}

export function checkCode(value: string, kind?: CodeKind, opts: ResidentIdOptions = {}): CodeCheck {
  const k = kind ?? detectCodeKind(value) ?? null;
  if (k === null) {
    const n = normaliseCode(value);
    const reason = n.reason ?? 'unknown-kind';
    return { value, kind: null, valid: false, normalized: n.value, reason, message: reasonMessage(reason), warnings: [] };
  }
  const r: UsccResult | ResidentIdResult | LicenseIdResult =
    k === 'uscc' ? validateUscc(value) : k === 'id' ? validateResidentId(value, opts) : validateLicenseId(value);
  const { value: normalized, ...rest } = r;
  return { value, kind: k, ...rest, normalized };
}
