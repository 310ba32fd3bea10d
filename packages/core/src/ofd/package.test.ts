// The package model's fresh() view (a second reader of an opened OFD, as the licence layer after verifyOfd): same
// package, XML parts parsed once, and budgets that start as a newly opened package's — so every limit bounds the
// second reader exactly as if it had opened the bytes itself.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LimitError } from '../errors.js';
import { openOfd } from './package.js';
import { verifyOfd } from './verify.js';

const bytes = new Uint8Array(readFileSync(new URL('../../../../fixtures/demo/business-licence.ofd', import.meta.url)));

describe('OfdPackage.fresh()', () => {
  it('shows the same package, and gives parts the package already parsed without parsing them again', () => {
    const pkg = openOfd(bytes);
    const docRoot = pkg.docBodies[0]!.docRoot!;
    const tree = pkg.xml(docRoot);
    const view = pkg.fresh();
    expect(view.files).toEqual(pkg.files);
    expect(view.ofd).toBe(pkg.ofd);
    expect(view.docBodies).toEqual(pkg.docBodies);
    expect(view.xml(docRoot)).toBe(tree);
    expect(openOfd(bytes).xml(docRoot)).toEqual(tree);
  });

  it('budgets start where a newly opened package’s do: reads, XML parsed, references', () => {
    const probe = openOfd(bytes);
    const docRoot = probe.docBodies[0]!.docRoot!;
    const member = probe.files.find((f) => f.endsWith('.png')) ?? probe.files[probe.files.length - 1]!;
    const docSize = probe.entry(docRoot)!.uncompressedSize;
    const ofdSize = probe.entry('OFD.xml')!.uncompressedSize;
    const memberSize = probe.entry(member)!.uncompressedSize;
    // Room for OFD.xml, Document.xml and the member once each, not twice.
    const pkg = openOfd(bytes, { maxReadBytes: ofdSize + docSize + memberSize, maxXmlTotalBytes: ofdSize + docSize, maxTotalReferences: 5 });
    pkg.xml(docRoot);
    pkg.read(member);
    pkg.spendReferences(5, 'test');
    expect(() => pkg.read(member)).toThrow(LimitError);
    expect(() => pkg.spendReferences(1, 'test')).toThrow(LimitError);
    const view = pkg.fresh();
    expect(() => view.xml(docRoot)).not.toThrow();
    expect(() => view.read(member)).not.toThrow();
    expect(() => view.spendReferences(5, 'test')).not.toThrow();
    // A part given from the shared parse is charged as if parsed again: the XML budget runs out as on a new package.
    expect(() => view.xml(docRoot)).toThrow(/XML parsed/);
    const again = pkg.fresh();
    expect(() => again.read(member)).not.toThrow();
    expect(() => again.read(member)).toThrow(LimitError);
  });
});

describe('verifyOfd', () => {
  it('hands over the package it opened, not enumerable: the result’s JSON is unchanged', () => {
    const r = verifyOfd(bytes, { time: new Date('2030-01-01T00:00:00Z') });
    expect(r.package?.files.length).toBeGreaterThan(0);
    expect(Object.keys(r)).not.toContain('package');
    expect(JSON.parse(JSON.stringify(r))).not.toHaveProperty('package');
    expect(verifyOfd(new Uint8Array([0x50, 0x4b, 0x05, 0x06])).package).toBeUndefined();
  });
});
