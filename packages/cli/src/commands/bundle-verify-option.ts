// `heyan verify --bundle B`: open the bundle once before the inputs. The roots a bundle signer must chain to come
// from --bundle-root only: --trust names what may sign documents, which is not who may publish trust. An accepted
// bundle goes into VerifyOptions; a refused one is returned so every report can carry the refusal (withRefusedBundle).
import type { OpenTrustBundleResult, VerifyOptions } from '@heyan/core';
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

/** Sets opts.bundle when the bundle is accepted; returns the result when it was refused. */
export async function applyBundleOption(p: Parsed, opts: VerifyOptions, at: Date | undefined, io: Io): Promise<OpenTrustBundleResult | undefined> {
  const path = str(p, 'bundle');
  if (path === undefined) {
    if (strs(p, 'bundle-root').length > 0 || strs(p, 'bundle-signer').length > 0) throw new UsageError('--bundle-root and --bundle-signer go with --bundle B');
    return undefined;
  }
  const roots = strs(p, 'bundle-root');
  if (roots.length === 0) throw new UsageError('--bundle needs --bundle-root F: the root(s) the bundle signer must chain to (--trust is not used for bundles)');
  const grace = parseDuration(str(p, 'bundle-grace'), 'bundle-grace');
  const state = str(p, 'bundle-state');
  const { result } = await openBundleFile(
    path,
    { pinned: roots, signers: strs(p, 'bundle-signer'), ...(state !== undefined ? { statePath: state } : {}), ...(at ? { at } : {}), ...(grace !== undefined ? { graceSeconds: grace } : {}) },
    io,
  );
  if (result.bundle) {
    opts.bundle = result.bundle;
    return undefined;
  }
  return result;
}
