// Bundles the CLI that `tsc -b` emitted (packages/cli/dist/cli.js and the verify worker) with esbuild into
// packages/cli/dist/heyan.mjs + heyan-worker.mjs + shared heyan-chunk-*.mjs: Node then loads a handful of files
// instead of ~300 ES modules (`heyan --version` 0.30 → ~0.1 s). Dynamic import()s stay separate chunks, so what the
// library loads lazily is still loaded lazily. Run by `npm run build` after tsc; dist/bin.js picks the bundle when it
// is newer than the tsc output (see packages/cli/src/bin.ts).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(repo, 'packages/cli/dist');

// Native or optional modules: loaded from node_modules at run time, never bundled.
const external = ['better-sqlite3', 'bindings', 'prebuild-install'];

// `import.meta.url` in a module that does not sit in outdir (core's dist, cli's dist/commands) must keep naming that
// module's own file: it resolves data files (core's shipped licence types, the cli's package.json) and
// createRequire() lookups relative to it. Bundled, it would name the chunk in outdir instead.
const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]packages[\\/](core|cli)[\\/]dist[\\/].*\.js$/ }, (args) => {
      if (dirname(args.path) === outdir) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(outdir, args.path).split(sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

// Chunks of an earlier build have other hashes: remove them so dist holds one bundle.
for (const f of readdirSync(outdir)) if (/^heyan(-.*)?\.mjs(\.map)?$/.test(f)) rmSync(join(outdir, f));

const result = await build({
  entryPoints: { heyan: join(outdir, 'cli.js'), 'heyan-worker': join(outdir, 'verify-worker.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'heyan-chunk-[hash]',
  external,
  sourcemap: true,
  // CommonJS dependencies that require() Node built-ins need a real require in an ES module.
  banner: { js: "import { createRequire as __heyanCreateRequire } from 'node:module'; const require = __heyanCreateRequire(import.meta.url);" },
  plugins: [keepImportMetaUrl],
  logLevel: 'warning',
  metafile: true,
});
const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.mjs'));
const kb = outputs.reduce((a, [, o]) => a + o.bytes, 0) / 1024;
console.log(`bundle-cli: ${outputs.length} files, ${kb.toFixed(0)} KiB in ${relative(repo, outdir)}`);
