// Open a trust bundle file for a command: the pinned roots, the rollback state, the grace. Shared by
// `heyan bundle verify` and `heyan verify --bundle`.
import { loadTrustStore, openTrustBundle, trustBundleLimits, type OpenTrustBundleResult } from '@heyan/core';
import { checkReadable, readInput, type Io } from '../io.js';
import { UsageError } from '../usage.js';
import { BundleState, bundleStatePath } from './bundle-state.js';

export interface OpenBundleFileOptions {
  /** Files or folders of roots that may sign bundles. */
  pinned: string[];
  /** --bundle-state F (default ~/.heyan/bundle-state.json). */
  statePath?: string;
  at?: Date;
  graceSeconds?: number;
}

export interface OpenedBundleFile {
  result: OpenTrustBundleResult;
  statePath: string;
  /** The highest version seen before this run, when there was one. */
  previousVersion?: number;
}

export async function openBundleFile(path: string, opts: OpenBundleFileOptions, io: Io): Promise<OpenedBundleFile> {
  if (opts.pinned.length === 0) throw new UsageError('a trust bundle needs the roots that may sign it: give --bundle-root F (or --trust F)');
  for (const p of opts.pinned) checkReadable(p, 'pinned root', { allowDirectory: true });
  const bytes = readInput(path, 'trust bundle', trustBundleLimits.MAX_BUNDLE_BYTES);
  let pinned;
  try {
    pinned = await loadTrustStore(opts.pinned);
  } catch (e) {
    throw new UsageError(`cannot use the pinned roots ${opts.pinned.join(', ')}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const statePath = bundleStatePath(opts.statePath, io);
  const state = new BundleState(statePath);
  let previousVersion: number | undefined;
  const time = opts.at ?? new Date();
  const result = openTrustBundle(bytes, {
    pinned,
    time,
    minVersion: (signer, chain) => (previousVersion = state.minVersion(signer, chain)),
    ...(opts.graceSeconds !== undefined ? { graceSeconds: opts.graceSeconds } : {}),
  });
  if (result.bundle && result.signer) state.record(result.signer, result.chain ?? [], result.bundle.version, result.digest, new Date());
  return { result, statePath, ...(previousVersion !== undefined ? { previousVersion } : {}) };
}
