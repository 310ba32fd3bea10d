// `heyan verify --bundle B`: open the bundle once before the inputs. The roots a bundle signer must chain to come
// from --bundle-root only: --trust names what may sign documents, which is not who may publish trust. An accepted
// bundle goes into VerifyOptions; a refused one is returned so every report can carry the refusal (withRefusedBundle).
// For `--jobs N` the accepted bundle is also described as a BundleSpec, from which a worker thread rebuilds the SAME
// bundle (rebuildBundle) without reading a file or the rollback state again.
import { Certificate, Crl, TrustStore, openTrustBundle, type OpenTrustBundleResult, type TrustBundle, type VerifyOptions } from '@heyan/core';
import type { Io } from '../io.js';
import { type Parsed, UsageError, str, strs } from '../usage.js';
import { openBundleFile } from './bundle-open.js';
import { parseDuration } from './duration.js';

export const BUNDLE_OPTIONS = {
  bundle: { type: 'string' },
  'bundle-root': { type: 'string', multiple: true },
  'bundle-signer': { type: 'string', multiple: true },
  'bundle-state': { type: 'string' },
  'bundle-grace': { type: 'string' },
} as const;

/**
 * An accepted bundle as a worker thread receives it (structured-cloneable): the bytes this thread read and checked,
 * the pinned store and signers as DER, the exact validation time, and what the reopened bundle must be.
 */
export interface BundleSpec {
  bytes: Uint8Array;
  anchors: Uint8Array[];
  intermediates: Uint8Array[];
  crls: Uint8Array[];
  signers: Uint8Array[];
  /** The validation time this thread opened the bundle at (ms since the epoch). */
  time: number;
  graceSeconds?: number;
  digest: string;
  version: number;
}

export interface BundleOption {
  /** The bundle was refused: every report carries the refusal. */
  refused?: OpenTrustBundleResult;
  /** The bundle was accepted (opts.bundle is set): how a worker rebuilds it. */
  spec?: BundleSpec;
}

/** Sets opts.bundle when the bundle is accepted (and returns its BundleSpec); returns the result when it was refused. */
export async function applyBundleOption(p: Parsed, opts: VerifyOptions, at: Date | undefined, io: Io): Promise<BundleOption> {
  const path = str(p, 'bundle');
  if (path === undefined) {
    if (strs(p, 'bundle-root').length > 0 || strs(p, 'bundle-signer').length > 0) throw new UsageError('--bundle-root and --bundle-signer go with --bundle B');
    return {};
  }
  const roots = strs(p, 'bundle-root');
  if (roots.length === 0) throw new UsageError('--bundle needs --bundle-root F: the root(s) the bundle signer must chain to (--trust is not used for bundles)');
  const grace = parseDuration(str(p, 'bundle-grace'), 'bundle-grace');
  const state = str(p, 'bundle-state');
  const { result, opened } = await openBundleFile(
    path,
    { pinned: roots, signers: strs(p, 'bundle-signer'), ...(state !== undefined ? { statePath: state } : {}), ...(at ? { at } : {}), ...(grace !== undefined ? { graceSeconds: grace } : {}) },
    io,
  );
  if (!result.bundle) return { refused: result };
  opts.bundle = result.bundle;
  const der = (list: readonly { der: Uint8Array }[]): Uint8Array[] => list.map((x) => x.der);
  const spec: BundleSpec = {
    bytes: opened.bytes,
    anchors: der(opened.pinned.anchors),
    intermediates: der(opened.pinned.intermediates),
    crls: der(opened.pinned.crls),
    signers: der(opened.signers),
    time: opened.time.getTime(),
    digest: result.bundle.digest,
    version: result.bundle.version,
    ...(opened.graceSeconds !== undefined ? { graceSeconds: opened.graceSeconds } : {}),
  };
  return { spec };
}

/**
 * In a worker: the bundle of a BundleSpec, opened again from the same bytes, pins, signers and time (so it is the
 * same bundle, checked the same way). No rollback state is read or written: the version was checked by the thread
 * that made the spec. Throws when the bundle is refused or is not the one described: a worker never verifies
 * without the bundle it was given.
 */
export function rebuildBundle(s: BundleSpec): TrustBundle {
  const pinned = new TrustStore();
  for (const d of s.anchors) pinned.addAnchor(Certificate.fromDer(d));
  for (const d of s.intermediates) pinned.addIntermediate(Certificate.fromDer(d));
  for (const d of s.crls) pinned.addCrl(Crl.fromDer(d));
  const r = openTrustBundle(s.bytes, {
    pinned,
    ...(s.signers.length > 0 ? { signers: s.signers.map((d) => Certificate.fromDer(d)) } : {}),
    time: new Date(s.time),
    ...(s.graceSeconds !== undefined ? { graceSeconds: s.graceSeconds } : {}),
  });
  if (!r.bundle) {
    const why = r.checks.filter((c) => c.status === 'failed' || c.status === 'indeterminate').map((c) => c.message.en);
    throw new Error(`cannot rebuild the accepted trust bundle: refused here (${why.join('; ') || r.indication})`);
  }
  if (r.bundle.digest !== s.digest || r.bundle.version !== s.version) {
    throw new Error(`cannot rebuild the accepted trust bundle: got version ${r.bundle.version} (${r.bundle.digest.slice(0, 16)}…), not version ${s.version} (${s.digest.slice(0, 16)}…)`);
  }
  return r.bundle;
}
