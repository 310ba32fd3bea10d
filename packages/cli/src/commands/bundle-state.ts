// Rollback protection across runs: a small JSON file with the highest trust bundle version seen per publisher
// (the pinned root a bundle's signer chains to, and the signer's name — so a new signing certificate of the same
// publisher does not reset the counter). Default ~/.heyan/bundle-state.json; --bundle-state F or
// HEYAN_BUNDLE_STATE override it. A state file that cannot be read is an error, never silently reset.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Certificate } from '@heyan/core';
import { exists, writeOutput, type Io } from '../io.js';
import { UsageError } from '../usage.js';

interface Entry {
  version: number;
  digest: string;
  signer: string;
  root: string;
  seenAt: string;
}

interface StateFile {
  format: 'heyan-bundle-state';
  bundles: Record<string, Entry>;
}

export function bundleStatePath(explicit: string | undefined, io: Io): string {
  if (explicit !== undefined && explicit !== '') return explicit;
  if (io.env.HEYAN_BUNDLE_STATE) return io.env.HEYAN_BUNDLE_STATE;
  const home = io.env.HOME ?? io.env.USERPROFILE;
  if (!home) throw new UsageError('no home folder for the bundle state: give --bundle-state F');
  return join(home, '.heyan', 'bundle-state.json');
}

/** The publisher key of a verified bundle: its pinned root and its signer's subject. */
export function publisherKey(signer: Certificate, chain: readonly Certificate[]): string {
  const root = chain.at(-1) ?? signer;
  return `${root.fingerprintSha256}:${createHash('sha256').update(signer.subjectNameKey).digest('hex').slice(0, 32)}`;
}

function read(path: string): StateFile {
  if (!exists(path)) return { format: 'heyan-bundle-state', bundles: {} };
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read the bundle state ${path}: ${e instanceof Error ? e.message : String(e)} (fix or remove it; removing it forgets every version seen)`);
  }
  const s = v as Partial<StateFile>;
  if (s?.format !== 'heyan-bundle-state' || typeof s.bundles !== 'object' || s.bundles === null) throw new UsageError(`${path} is not a heyan bundle state file`);
  return s as StateFile;
}

export class BundleState {
  readonly path: string;
  #state: StateFile;

  constructor(path: string) {
    this.path = path;
    this.#state = read(path);
  }

  /** The highest version seen from this publisher, or undefined. */
  minVersion(signer: Certificate, chain: readonly Certificate[]): number | undefined {
    const e = this.#state.bundles[publisherKey(signer, chain)];
    return typeof e?.version === 'number' ? e.version : undefined;
  }

  /** Record a verified bundle when its version is the highest seen (re-reads the file first: another run may have written). */
  record(signer: Certificate, chain: readonly Certificate[], version: number, digest: string, at: Date): void {
    const key = publisherKey(signer, chain);
    const state = read(this.path);
    const old = state.bundles[key];
    if (old && old.version >= version) return;
    state.bundles[key] = { version, digest, signer: signer.subject, root: (chain.at(-1) ?? signer).subject, seenAt: at.toISOString() };
    try {
      mkdirSync(dirname(this.path), { recursive: true });
    } catch {
      // writeOutput reports the path if the folder is still missing
    }
    writeOutput(this.path, `${JSON.stringify(state, null, 2)}\n`, 0o600);
    this.#state = state;
  }
}
