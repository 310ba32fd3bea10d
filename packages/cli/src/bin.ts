#!/usr/bin/env node
// The `heyan` binary. Runs the bundle `npm run build` makes (dist/heyan.mjs, scripts/bundle-cli.js): Node loads a few
// files instead of ~300 modules, which is most of a short run's start-up. Without it, or when tsc has written since
// (a bare `tsc -b` after a source change: its .tsbuildinfo is newer), or with HEYAN_BUNDLE=0, it runs the modules
// tsc emitted (cli.js), so what runs is never older than the last build.
import { statSync } from 'node:fs';

const mtime = (u: URL): number => statSync(u, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundle = new URL('./heyan.mjs', import.meta.url);
const built = mtime(bundle);
const fresh =
  built > 0 &&
  process.env.HEYAN_BUNDLE !== '0' &&
  built >= mtime(new URL('./.tsbuildinfo', import.meta.url)) &&
  built >= mtime(new URL('../../core/dist/.tsbuildinfo', import.meta.url));
await import(fresh ? bundle.href : './cli.js');
