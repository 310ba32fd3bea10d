// Rollback protection across runs: a small JSON file with the highest trust bundle version seen per pinned root
// (the root a bundle's signer chains to), whatever the signer: a counter per signer would let a second authorised
// signer of the same root replay an old bundle. Default ~/.heyan/bundle-state.json; --bundle-state F or
// HEYAN_BUNDLE_STATE override it. A state file that cannot be read is an error, never silently reset.
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

/** The rollback key of a verified bundle: the SHA-256 fingerprint of the pinned root its signer chains to. */
export function publisherKey(signer: Certificate, chain: readonly Certificate[]): string {
  return (chain.at(-1) ?? signer).fingerprintSha256;
}

/** Highest version recorded for a root, also under the older "<root>:<signer>" keys (state files of earlier versions). */
function highest(state: StateFile, root: string): number | undefined {
  let v: number | undefined;
  for (const [k, e] of Object.entries(state.bundles)) {
    if ((k === root || k.startsWith(`${root}:`)) && typeof e?.version === 'number' && (v === undefined || e.version > v)) v = e.version;
  }
  return v;
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

  /** The highest version seen under this bundle's pinned root (any signer), or undefined. */
  minVersion(signer: Certificate, chain: readonly Certificate[]): number | undefined {
    return highest(this.#state, publisherKey(signer, chain));
  }

  /** Record a verified bundle when its version is the highest seen (re-reads the file first: another run may have written). */
  record(signer: Certificate, chain: readonly Certificate[], version: number, digest: string, at: Date): void {
    const key = publisherKey(signer, chain);
    const state = read(this.path);
    const old = highest(state, key);
    if (old !== undefined && old >= version) return;
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
