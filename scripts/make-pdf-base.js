#!/usr/bin/env node
// Writes fixtures/pdf/base.pdf (classic xref table, trailer /ID) and fixtures/pdf/base-xref-stream.pdf (object
// streams + xref stream): two A4 pages of black ASCII text on white, unsigned, for the PDF signer's tests.
// Made with pdf-lib; fixed dates and ID, so the bytes are the same on every run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, PDFHexString, StandardFonts, rgb } from 'pdf-lib';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pdf');
const A4 = [595.28, 841.89];
const DATE = new Date('2025-03-01T00:00:00Z');

async function make(useObjectStreams) {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(DATE);
  doc.setModificationDate(DATE);
  doc.setProducer('heyan scripts/make-pdf-base.js');
  doc.setTitle('heyan PDF signing test');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= 2; n++) {
    const page = doc.addPage(A4);
    page.drawText(`heyan PDF signing test - page ${n} of 2`, { x: 56, y: A4[1] - 80, size: 18, font, color: rgb(0, 0, 0) });
    page.drawText('Licence no. 91110000TEST00000X / issued 2025-03-01', { x: 56, y: A4[1] - 110, size: 11, font, color: rgb(0, 0, 0) });
  }
  const id = PDFHexString.of('686579616e2d706466626173652d3031');
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  return doc.save({ useObjectStreams, addDefaultPage: false, updateFieldAppearances: false });
}

mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'base.pdf'), await make(false));
writeFileSync(join(out, 'base-xref-stream.pdf'), await make(true));
console.log(`wrote ${join(out, 'base.pdf')} and base-xref-stream.pdf`);
