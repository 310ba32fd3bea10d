// Errors thrown by core APIs that produce things (sign, import keys, parse for inspection).
// Verifiers never throw on hostile input: they report FAILED/FORMAT_FAILURE instead.

export class HeyanError extends Error {
  /** Stable machine-readable code. */
  readonly code: string = 'ERR_HEYAN';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input bytes are not in the expected format (bad DER, PEM, structure). */
export class FormatError extends HeyanError {
  override readonly code = 'ERR_FORMAT';
}

/** An input exceeded a parser limit (size, depth, count). */
export class LimitError extends HeyanError {
  override readonly code = 'ERR_LIMIT';
}

/** The algorithm, curve or key type is not supported. */
export class UnsupportedError extends HeyanError {
  override readonly code = 'ERR_UNSUPPORTED';
}

/** A key could not be decrypted or used (wrong password, wrong type). */
export class KeyError extends HeyanError {
  override readonly code = 'ERR_KEY';
}

/** The runtime lacks something heyan needs (e.g. SM3 in node:crypto). */
export class RuntimeError extends HeyanError {
  override readonly code = 'ERR_RUNTIME';
}
