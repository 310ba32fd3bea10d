import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.js';
import { openOfd } from './package.js';
import { StampPlacementError } from './sign-errors.js';
import { DEFAULT_MARGIN, formatBoundary, pageBox, parseBox, placeStamp } from './stamp-annot.js';
import { readZip } from './zip-read.js';
import { ZipWriter } from './zip-write.js';

const A4 = { x: 0, y: 0, w: 210, h: 297 };
const unsigned2 = new Uint8Array(readFileSync(fileURLToPath(new URL('../../../../fixtures/ofd/unsigned-2p.ofd', import.meta.url))));

/** unsigned-2p.ofd with page 2 in landscape (its own Area) and, optionally, no document PageArea. */
function withPageArea(dropDocumentArea = false): Uint8Array {
  const z = readZip(unsigned2);
  const w = new ZipWriter({ date: new Date('2026-01-01T00:00:00Z') });
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
  for (const e of z.entries) {
    if (e.name === 'Doc_0/Pages/Page_1/Content.xml') w.addFile(e.name, enc(dec(z.read(e)).replace('<ofd:Content>', '<ofd:Area><ofd:PhysicalBox>0 0 297 210</ofd:PhysicalBox></ofd:Area><ofd:Content>')));
    else if (dropDocumentArea && e.name === 'Doc_0/Document.xml') w.addFile(e.name, enc(dec(z.read(e)).replace(/<ofd:PageArea>.*<\/ofd:PageArea>/, '')));
    else w.copyFrom(z, e);
  }
  return w.finish();
}

describe('stamp placement', () => {
  it('parses ST_Box and refuses what is not one', () => {
    expect(parseBox(' 0 0  210 297 ')).toEqual(A4);
    expect(parseBox('0 0 210')).toBeUndefined();
    expect(parseBox('0 0 -1 5')).toBeUndefined();
    expect(parseBox('0 0 a 5')).toBeUndefined();
    expect(parseBox(undefined)).toBeUndefined();
  });

  it('defaults near the bottom-right corner and honours an explicit position', () => {
    expect(placeStamp(A4, { w: 40, h: 40 })).toEqual({ x: 210 - 40 - DEFAULT_MARGIN.right, y: 297 - 40 - DEFAULT_MARGIN.bottom, w: 40, h: 40 });
    expect(placeStamp(A4, { w: 40, h: 40 }, { x: 0, y: 0 })).toEqual({ x: 0, y: 0, w: 40, h: 40 });
    // A page smaller than stamp + margin: the margin gives way (the stamp stays on the page).
    expect(placeStamp({ x: 0, y: 0, w: 50, h: 50 }, { w: 45, h: 45 })).toEqual({ x: 0, y: 0, w: 45, h: 45 });
  });

  it('refuses a stamp off the page or larger than it', () => {
    expect(() => placeStamp(A4, { w: 40, h: 40 }, { x: 171, y: 0 })).toThrow(StampPlacementError);
    expect(() => placeStamp(A4, { w: 40, h: 40 }, { x: 0, y: Number.NaN })).toThrow(StampPlacementError);
    expect(() => placeStamp(A4, { w: 300, h: 40 })).toThrow(StampPlacementError);
    expect(() => placeStamp(A4, { w: Number.POSITIVE_INFINITY, h: 40 })).toThrow(StampPlacementError);
  });

  it('formats a Boundary with at most three decimals and no exponent', () => {
    expect(formatBoundary({ x: 150, y: 227.12345, w: 40, h: 1e-7 })).toBe('150 227.123 40 0');
    expect(formatBoundary({ x: -0.0001, y: 1.5, w: 0.25, h: 100 })).toBe('0 1.5 0.25 100');
  });

  it("takes the page's own Area before the document's PageArea", () => {
    const pkg = openOfd(withPageArea());
    expect(pageBox(pkg, 'Doc_0/Document.xml', 'Doc_0/Pages/Page_0/Content.xml')).toEqual(A4);
    expect(pageBox(pkg, 'Doc_0/Document.xml', 'Doc_0/Pages/Page_1/Content.xml')).toEqual({ x: 0, y: 0, w: 297, h: 210 });
    const bare = openOfd(withPageArea(true));
    expect(pageBox(bare, 'Doc_0/Document.xml', 'Doc_0/Pages/Page_1/Content.xml')).toEqual({ x: 0, y: 0, w: 297, h: 210 });
    expect(() => pageBox(bare, 'Doc_0/Document.xml', 'Doc_0/Pages/Page_0/Content.xml')).toThrow(FormatError);
  });
});
