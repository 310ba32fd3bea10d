// Open a trust bundle file for a command: the pinned roots, the pinned signers, the rollback state, the grace.
// Shared by `heyan bundle verify`, `heyan verify --bundle` and `heyan status-list check --bundle`.
import { loadCertificates, loadTrustStore, openTrustBundle, trustBundleLimits, type Certificate, type OpenTrustBundleResult, type TrustStore } from '@heyan/core';
import { checkReadable, readInput, type Io } from '../io.js';
import { UsageError } from '../usage.js';
import { BundleState, bundleStatePath } from './bundle-state.js';

export interface OpenBundleFileOptions {
  /** Files or folders of the roots a bundle signer must chain to (--bundle-root). */
  pinned: string[];
  /** Files of pinned bundle signer certificates (--bundle-signer); without them the signer needs the heyan bundle-signing EKU. */
  signers?: string[];
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
  /** What the bundle was opened with, as read once: a `verify --jobs` worker reopens the same bytes with them. */
  opened: { bytes: Uint8Array; pinned: TrustStore; signers: Certificate[]; time: Date; graceSeconds?: number };
}

export async function openBundleFile(path: string, opts: OpenBundleFileOptions, io: Io): Promise<OpenedBundleFile> {
  if (opts.pinned.length === 0) throw new UsageError('a trust bundle needs the root(s) its signer must chain to: give --bundle-root F');
  for (const p of opts.pinned) checkReadable(p, 'pinned root', { allowDirectory: true });
  const signers: Certificate[] = [];
  for (const f of opts.signers ?? []) {
    try {
      const c = loadCertificates(readInput(f, 'bundle signer certificate'));
      if (c.length === 0) throw new Error('no certificate in it');
      signers.push(...c);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`cannot use bundle signer ${f}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
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
    ...(signers.length > 0 ? { signers } : {}),
    time,
    minVersion: (signer, chain) => (previousVersion = state.minVersion(signer, chain)),
    ...(opts.graceSeconds !== undefined ? { graceSeconds: opts.graceSeconds } : {}),
  });
  if (result.bundle && result.signer) state.record(result.signer, result.chain ?? [], result.bundle.version, result.digest, new Date());
  const opened = { bytes, pinned, signers, time, ...(opts.graceSeconds !== undefined ? { graceSeconds: opts.graceSeconds } : {}) };
  return { result, statePath, ...(previousVersion !== undefined ? { previousVersion } : {}), opened };
}
