// Trust store from files and folders (Node only; the rest of pki/ does no I/O).
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LimitError } from '../errors.js';
import { MAX_CRL_BYTES, MAX_TRUST_FILES } from './limits.js';
import { TrustStore, addBytes } from './trust-store.js';

/** File name endings read from folders (a file named explicitly is read whatever its name). */
const TRUST_FILE = /\.(pem|crt|cer|der|crl|p7b|p7c)$/i;
const MAX_FOLDER_DEPTH = 16;

export interface LoadTrustStoreOptions {
  /** Descend into sub-folders (default false). */
  recursive?: boolean;
}

/**
 * Read roots and CRLs (PEM or DER, PKCS#7 bundles) from files and folders. Folder entries are taken in
 * name order, only with a certificate/CRL file ending. Throws FormatError naming the file for a bad file,
 * LimitError for an oversized file or too many files, and the fs error for an unreadable path.
 */
export async function loadTrustStore(paths: readonly string[], opts: LoadTrustStoreOptions = {}): Promise<TrustStore> {
  const store = new TrustStore();
  const files: string[] = [];
  const seenDirs = new Set<string>();

  async function walk(dir: string, depth: number): Promise<void> {
    const real = await realpath(dir);
    if (seenDirs.has(real)) return; // symlink loop
    seenDirs.add(real);
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      const isDir = e.isDirectory() || (e.isSymbolicLink() && (await stat(p).catch(() => undefined))?.isDirectory() === true);
      if (isDir) {
        if (opts.recursive && depth < MAX_FOLDER_DEPTH) await walk(p, depth + 1);
      } else if (TRUST_FILE.test(e.name)) {
        files.push(p);
      }
      if (files.length > MAX_TRUST_FILES) throw new LimitError(`more than ${MAX_TRUST_FILES} trust files`);
    }
  }

  for (const p of paths) {
    const s = await stat(p);
    if (s.isDirectory()) await walk(p, 0);
    else files.push(p);
  }
  for (const f of files) {
    const s = await stat(f);
    if (s.size > MAX_CRL_BYTES) throw new LimitError(`${f}: ${s.size} bytes exceeds the ${MAX_CRL_BYTES}-byte limit`);
    addBytes(store, new Uint8Array(await readFile(f)), f);
  }
  return store;
}
