// Importing @heyan/core (what `heyan verify` does) loads none of the issuing machinery: not pdf-lib, not fontkit,
// not the hb-subset wasm, not the 8 MB font files. The layout reads the font files; only rendering loads the rest.
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import * as core from '../../index.js';
import { fontFilesRead, harfbuzzState } from '../../font/index.js';

const loaded = (): string[] =>
  Object.keys(createRequire(import.meta.url).cache)
    .map((k) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(k)?.[1])
    .filter((m): m is string => m !== undefined && /^(pdf-lib|@pdf-lib[\\/].*|fontkit|harfbuzzjs|pngjs)$/.test(m));

it('nothing is loaded by the import; layout reads the font files; rendering loads pdf-lib and the wasm', async () => {
  expect(typeof core.verify).toBe('function');
  expect(loaded()).toEqual([]);
  expect(fontFilesRead()).toEqual([]);
  expect(harfbuzzState()).toEqual({ loaded: false, faces: [] });

  const { layoutLicense } = await import('./layout.js');
  const { renderLicensePdf } = await import('./render-pdf.js');
  const qrPng = core.renderQr('HY1:LAZY', { format: 'png' });
  const type = core.getLicenseType('business-licence')!;
  const page = layoutLicense(core.exampleRecord('business-licence'), type, { qrPng });
  expect(fontFilesRead().sort()).toEqual(['bold', 'regular']);
  expect(harfbuzzState().loaded).toBe(false);
  expect(loaded().filter((m) => m !== 'pngjs')).toEqual([]);

  await renderLicensePdf(page, { credentialJws: 'a.b.c', identifier: 'x', title: 't', author: 'a' });
  expect(harfbuzzState()).toEqual({ loaded: true, faces: ['regular', 'bold'] });
  expect(loaded()).toContain('pdf-lib');
  expect(loaded()).not.toContain('fontkit');
});
