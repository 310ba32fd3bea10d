// File access for the commands. An input that cannot be read is a usage-class error (exit 3) with one line naming it.
import { readFileSync, statSync, writeFileSync, renameSync, readdirSync } from 'node:fs';
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

/** Read a whole file or throw a UsageError naming it. `maxBytes` is checked before reading. */
export function readInput(path: string, what: string, maxBytes = Number.MAX_SAFE_INTEGER): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${reason(e)}`);
  }
  if (size > maxBytes) throw new UsageError(`cannot read ${what} ${path}: larger than ${maxBytes} bytes`);
  try {
    const b = readFileSync(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${reason(e)}`);
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
