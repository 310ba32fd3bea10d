// The /T of a new signature field: the caller's (must be new) or the first free "<base><n>".
import { FormatError, UnsupportedError } from '../../errors.js';

export function chooseFieldName(existing: Set<string>, wanted: string | undefined, base: string): string {
  if (wanted !== undefined) {
    if (wanted === '' || wanted.includes('.')) throw new FormatError(`a field name must be non-empty and contain no "." (got "${wanted}")`);
    if (existing.has(wanted)) throw new UnsupportedError(`the document already has a field "${wanted}": choose another field name`);
    return wanted;
  }
  for (let n = 1; ; n++) if (!existing.has(`${base}${n}`)) return `${base}${n}`;
}
