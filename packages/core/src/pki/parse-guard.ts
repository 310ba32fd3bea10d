// The common front of Certificate.fromDer and Crl.fromDer: input checks, an own copy of the bytes, and parser
// failures that are not already heyan errors (e.g. a RangeError from a truncated slice) turned into FormatError.
import { FormatError, HeyanError } from '../errors.js';

export interface DerInputRules {
  /** Prefix of error messages, e.g. 'certificate' or 'CRL'. */
  what: string;
  maxBytes: number;
  /** Error class thrown when the input is larger than `maxBytes`. */
  tooLarge: new (message: string) => HeyanError;
}

export function parseDerGuarded<T>(der: Uint8Array, rules: DerInputRules, parse: (bytes: Uint8Array) => T): T {
  const { what, maxBytes, tooLarge } = rules;
  if (!(der instanceof Uint8Array)) throw new FormatError(`${what}: bytes expected`);
  if (der.length > maxBytes) throw new tooLarge(`${what}: ${der.length} bytes exceeds the ${maxBytes}-byte limit`);
  // Own copy: callers may reuse their buffer, and slices kept by the parsed object must stay valid.
  const bytes = new Uint8Array(der);
  try {
    return parse(bytes);
  } catch (e) {
    if (e instanceof HeyanError) throw e;
    throw new FormatError(`${what}: ${(e as Error).message}`, { cause: e });
  }
}
