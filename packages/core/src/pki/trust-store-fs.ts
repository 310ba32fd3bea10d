// Trust store from files and folders (Node only; the rest of pki/ does no I/O).
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LimitError } from '../errors.js';
import { looksLikePem, pemLabels } from '../asn1/index.js';
import { MAX_CRL_BYTES, MAX_PEM_BLOCKS, MAX_TRUST_FILES } from './limits.js';
import { TrustStore, addBytes } from './trust-store.js';

/** File name endings read from folders (a file named explicitly is read whatever its name). */
const TRUST_FILE = /\.(pem|crt|cer|der|crl|p7b|p7c)$/i;
const MAX_FOLDER_DEPTH = 16;
/** PEM labels of key material. A folder file holding only these is skipped: CA folders keep keys next to certificates. */
const KEY_LABELS = new Set([
  'PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
  'EC PRIVATE KEY',
  'SM2 PRIVATE KEY',
  'RSA PRIVATE KEY',
  'DSA PRIVATE KEY',
  'EC PARAMETERS',
  'PUBLIC KEY',
  'RSA PUBLIC KEY',
]);

/** PEM whose blocks are all keys (keys are never loaded; such a file in a folder is not an error). */
function onlyKeys(bytes: Uint8Array): boolean {
  if (!looksLikePem(bytes)) return false;
  let labels: string[];
  try {
    labels = pemLabels(bytes, MAX_PEM_BLOCKS);
  } catch {
    return false; // too many blocks: addBytes reports it, naming the file
  }
  return labels.length > 0 && labels.every((l) => KEY_LABELS.has(l));
}

export interface LoadTrustStoreOptions {
  /** Descend into sub-folders (default false). */
  recursive?: boolean;
}

/**
 * Read roots and CRLs (PEM or DER, PKCS#7 bundles) from files and folders. Folder entries are taken in
 * name order, only with a certificate/CRL file ending; PEM files in a folder that hold only keys (`*.key.pem`) are
 * skipped. Throws FormatError naming the file for a bad file (a file named explicitly that holds keys included),
 * LimitError for an oversized file or too many files, and the fs error for an unreadable path.
 */
export async function loadTrustStore(paths: readonly string[], opts: LoadTrustStoreOptions = {}): Promise<TrustStore> {
  const store = new TrustStore();
  const files: { path: string; inFolder: boolean }[] = [];
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
        files.push({ path: p, inFolder: true });
      }
      if (files.length > MAX_TRUST_FILES) throw new LimitError(`more than ${MAX_TRUST_FILES} trust files`);
    }
  }

  for (const p of paths) {
    const s = await stat(p);
    if (s.isDirectory()) await walk(p, 0);
    else files.push({ path: p, inFolder: false });
  }
  for (const { path: f, inFolder } of files) {
    const s = await stat(f);
    if (s.size > MAX_CRL_BYTES) throw new LimitError(`${f}: ${s.size} bytes exceeds the ${MAX_CRL_BYTES}-byte limit`);
    const bytes = new Uint8Array(await readFile(f));
    if (inFolder && onlyKeys(bytes)) continue;
    addBytes(store, bytes, f);
  }
  return store;
}
