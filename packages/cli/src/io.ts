// File access for the commands. An input that cannot be read is a usage-class error (exit 3) with one line naming it.
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync, writeFileSync, renameSync, readdirSync, type Stats } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { UsageError } from './usage.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ERR_FS_FILE_TOO_LARGE') return 'file too large';
  return code ?? (e instanceof Error ? e.message : String(e));
}

/**
 * Read a whole file or throw a UsageError naming it. `maxBytes` is checked before reading. One open and one fstat
 * (not a stat by path, then readFileSync's own open and fstat): `heyan verify` reads thousands of inputs this way.
 */
export function readInput(path: string, what: string, maxBytes = Number.MAX_SAFE_INTEGER): Uint8Array {
  const fail = (e: unknown): UsageError => new UsageError(`cannot read ${what} ${path}: ${reason(e)}`);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw fail(e);
  }
  try {
    let st: Stats;
    try {
      st = fstatSync(fd);
    } catch (e) {
      throw fail(e);
    }
    if (st.isDirectory()) throw fail(Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
    if (st.size > maxBytes) throw new UsageError(`cannot read ${what} ${path}: larger than ${maxBytes} bytes`);
    try {
      // A regular file of known size: read it into a buffer of that size, as readFileSync would (a file that
      // shrank meanwhile gives what is there). Anything else (a pipe, /proc, size 0): readFileSync reads to the end.
      if (!st.isFile() || st.size === 0) {
        const b = readFileSync(fd);
        return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      }
      const b = Buffer.allocUnsafeSlow(st.size); // its own ArrayBuffer, not zero-filled: every byte is read over
      let n = 0;
      while (n < b.length) {
        const r = readSync(fd, b, n, b.length - n, null);
        if (r === 0) break;
        n += r;
      }
      return new Uint8Array(b.buffer, b.byteOffset, n);
    } catch (e) {
      throw fail(e);
    }
  } finally {
    try {
      closeSync(fd);
    } catch {
      // nothing to do about a failed close of a file only read
    }
  }
}

/** Check that a path can be read without reading it (so a batch fails before doing work). */
export function checkReadable(path: string, what: string, opts: { allowDirectory?: boolean; maxBytes?: number } = {}): void {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory() && !opts.allowDirectory) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${reason(e)}`);
  }
  if (opts.maxBytes !== undefined && size > opts.maxBytes) {
    throw new UsageError(`cannot read ${what} ${path}: larger than ${opts.maxBytes} bytes`);
  }
}

export function exists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Files directly inside a folder, sorted (for --trust folders). */
export function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .map((n) => join(dir, n))
    .filter((p) => exists(p));
}

/**
 * Write via a temporary file and rename, so a failed run never leaves half a signature or key behind.
 * `mode` 0o600 for private keys.
 */
export function writeOutput(path: string, data: Uint8Array | string, mode = 0o644): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data, { mode });
    renameSync(tmp, path);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${reason(e)}`);
  }
}
