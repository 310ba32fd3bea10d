// `heyan verify --bundle B`: open the bundle once before the inputs. Pinned roots come from --bundle-root, else
// from --trust (the anchors the user already trusts). An accepted bundle goes into VerifyOptions; a refused one is
// returned so every report can carry the refusal (withRefusedBundle).
import type { OpenTrustBundleResult, VerifyOptions } from '@heyan/core';
import type { Io } from '../io.js';
import { type Parsed, str, strs } from '../usage.js';
import { openBundleFile } from './bundle-open.js';
import { parseDuration } from './duration.js';

export const BUNDLE_OPTIONS = {
  bundle: { type: 'string' },
  'bundle-root': { type: 'string', multiple: true },
  'bundle-state': { type: 'string' },
  'bundle-grace': { type: 'string' },
} as const;

/** Sets opts.bundle when the bundle is accepted; returns the result when it was refused. */
export async function applyBundleOption(p: Parsed, opts: VerifyOptions, trustPaths: string[], at: Date | undefined, io: Io): Promise<OpenTrustBundleResult | undefined> {
  const path = str(p, 'bundle');
  if (path === undefined) return undefined;
  const roots = strs(p, 'bundle-root');
  const grace = parseDuration(str(p, 'bundle-grace'), 'bundle-grace');
  const state = str(p, 'bundle-state');
  const { result } = await openBundleFile(
    path,
    { pinned: roots.length > 0 ? roots : trustPaths, ...(state !== undefined ? { statePath: state } : {}), ...(at ? { at } : {}), ...(grace !== undefined ? { graceSeconds: grace } : {}) },
    io,
  );
  if (result.bundle) {
    opts.bundle = result.bundle;
    return undefined;
  }
  return result;
}
