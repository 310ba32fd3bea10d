// exampleRecord: a complete, valid record of a licence type (identifier, USCC and ID number check characters all
// right), taken from the type's definition, which the registry has already checked.
import { UnsupportedError } from '../errors.js';
import type { LicenseRecord } from './model.js';
import { defaultLicenseTypes, type LicenseTypeRegistry } from './type-registry.js';

/** A fresh copy of the example record of a type (code, Chinese name or alias). Throws UnsupportedError for an unknown type. */
export function exampleRecord(typeCodeOrName: string, registry: Pick<LicenseTypeRegistry, 'get' | 'list'> = defaultLicenseTypes()): LicenseRecord {
  const t = registry.get(typeCodeOrName);
  if (!t) {
    const known = registry.list().map((x) => x.aliases[0] ?? x.code).join(', ');
    throw new UnsupportedError(`unknown licence type "${typeCodeOrName}" (known: ${known})`);
  }
  return structuredClone(t.example) as LicenseRecord;
}
