#!/usr/bin/env node
// Runs every bench/*.js module that exports run() (e.g. crypto.js, chain.js) and prints their tables.
// `npm run bench` builds first (prebench); `npm run bench -- crypto` runs only the modules named.
// A module's run() may print its own table, or return rows: printed with the module's format(rows) when it
// exports one, else as console.table (an array), as is (a string) or as { title, rows }.
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== 'run.js')
  .filter((f) => only.length === 0 || only.includes(basename(f, '.js')))
  .sort();

function print(name, result) {
  if (result === undefined || result === null) return;
  if (typeof result === 'string') console.log(result);
  else if (Array.isArray(result)) console.table(result);
  else if (typeof result === 'object' && Array.isArray(result.rows)) {
    if (result.title) console.log(result.title);
    console.table(result.rows);
  } else console.log(`${name}:`, result);
}

let failed = 0;
let ran = 0;
for (const file of modules) {
  const name = basename(file, '.js');
  const mod = await import(pathToFileURL(join(here, file)).href);
  if (typeof mod.run !== 'function') continue;
  console.log(`\n== ${name} ==`);
  const t0 = performance.now();
  try {
    const rows = await mod.run();
    if (typeof mod.format === 'function' && rows !== undefined) console.log(mod.format(rows));
    else print(name, rows);
    ran++;
  } catch (e) {
    failed++;
    console.error(`bench ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  console.log(`(${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
if (ran === 0 && failed === 0) console.log(only.length ? `no bench module named ${only.join(', ')}` : 'no bench modules found');
process.exitCode = failed ? 1 : 0;
