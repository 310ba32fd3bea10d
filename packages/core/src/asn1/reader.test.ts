import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError, LimitError } from '../errors.js';
import { fromHex } from './bytes.js';
import { readOctetString } from './decode.js';
import { Asn1Reader, children, content, encoding, isCtx, isIndefinite, readRoot, type Asn1Mode, type El } from './reader.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = join(repo, '../shared/corpus');
const pem = (p: string): Uint8Array => {
  const b64 = readFileSync(join(repo, 'fixtures/pki', p), 'latin1').replace(/-----[^-]+-----|\s/g, '');
  return new Uint8Array(Buffer.from(b64, 'base64'));
};
const h = fromHex;
const MODES: Asn1Mode[] = ['der', 'definite', 'ber'];

/** Every element, depth first, in `openssl asn1parse` terms: offset, depth, header length, length ('inf'), cons. */
function walk(e: El, out: string[] = []): string[] {
  const cons = (e.tag & 0x20) !== 0;
  out.push(`${e.offset}:d=${e.depth} hl=${e.start - e.offset} l=${isIndefinite(e) ? 'inf' : e.end - e.start} ${cons ? 'cons' : 'prim'}`);
  if (cons) for (const c of children(e)) walk(c, out);
  if (isIndefinite(e)) out.push(`${e.end}:d=${e.depth + 1} hl=2 l=0 prim`); // asn1parse lists the end-of-contents
  return out;
}

function asn1parse(der: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'heyan-asn1-'));
  writeFileSync(join(dir, 'in.der'), der);
  const text = execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', join(dir, 'in.der')], { encoding: 'latin1', maxBuffer: 64 << 20 });
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+):d=(\d+)\s+hl=(\d+)\s+l=\s*(inf|\d+)\s+(cons|prim):/.exec(line);
    if (m) out.push(`${m[1]}:d=${m[2]} hl=${m[3]} l=${m[4]} ${m[5]}`);
  }
  return out;
}

function throwsOnly(fn: () => unknown): 'ok' | 'format' | 'limit' {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof LimitError) return 'limit';
    if (e instanceof FormatError) return 'format';
    throw e;
  }
}

describe('the reader agrees with `openssl asn1parse` on every header', () => {
  const cases: [string, () => Uint8Array][] = [
    ['an SM2 certificate (fixture)', () => pem('sm2/signer.pem')],
    ['a P-256 CRL (fixture)', () => pem('p256/root.crl.pem')],
    ['an SES v4 seal from ofdrw (corpus)', () => new Uint8Array(readFileSync(join(corpus, 'ofd-ses/seals/ofdrw-UserV4.esl')))],
    ['a GB/T 35275 signature (corpus)', () => new Uint8Array(readFileSync(join(corpus, 'ofd-ses/signatures/ccb-receipt-gbt35275-sign/SignedValue.dat')))],
  ];
  it.each(cases)('%s (DER)', (_, load) => {
    const der = load();
    expect(walk(readRoot(der, 'x', { mode: 'der' }))).toEqual(asn1parse(der));
  });

  it('a BER CMS with indefinite lengths from `openssl cms -sign -stream`', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heyan-asn1-'));
    const p = (n: string) => join(repo, 'fixtures/pki/p256', n);
    writeFileSync(join(dir, 'content.txt'), 'heyan 核验\n'.repeat(200));
    const args = ['-in', join(dir, 'content.txt'), '-signer', p('signer.pem'), '-inkey', p('signer.key.pem'), '-outform', 'DER'];
    execFileSync('openssl', ['cms', '-sign', '-stream', '-binary', ...args, '-out', join(dir, 'ber.p7m')]);
    const ber = new Uint8Array(readFileSync(join(dir, 'ber.p7m')));
    const lines = walk(readRoot(ber, 'x', { mode: 'ber' }));
    expect(lines.some((l) => l.includes('l=inf'))).toBe(true);
    expect(lines).toEqual(asn1parse(ber));
    // The same input is refused in DER and definite modes.
    expect(() => readRoot(ber, 'x', { mode: 'der' })).toThrow(/indefinite length/);
    expect(() => readRoot(ber, 'x', { mode: 'definite' })).toThrow(/indefinite length/);
  });
});

describe('strict DER versus BER', () => {
  it('non-minimal lengths: refused in DER, read in definite and BER modes', () => {
    for (const bad of ['3081030201 05', '308200030201 05', '0481 00']) {
      const b = h(bad.replace(/ /g, ''));
      expect(() => readRoot(b, 'x', { mode: 'der' })).toThrow(/non-minimal length/);
      for (const mode of ['definite', 'ber'] as const) expect(encoding(readRoot(b, 'x', { mode }))).toEqual(b);
    }
  });

  it('indefinite lengths: only in BER, only on constructed elements, ended by 00 00', () => {
    const b = h('30800201050000');
    const e = readRoot(b, 'x', { mode: 'ber' });
    expect([e.start, e.end, e.next, isIndefinite(e)]).toEqual([2, 5, 7, true]);
    expect(children(e).map((c) => content(c))).toEqual([h('05')]);
    expect(() => readRoot(b, 'x', { mode: 'der' })).toThrow(FormatError);
    expect(() => readRoot(h('04800000'), 'x', { mode: 'ber' })).toThrow(/primitive/);
    expect(() => readRoot(h('3080020105'), 'x', { mode: 'ber' })).toThrow(/no end-of-contents|truncated/);
    // 00 00 inside a definite SEQUENCE is not an element.
    expect(() => children(readRoot(h('30020000'), 'x', { mode: 'ber' }))).toThrow(/end-of-contents/);
  });

  it('constructed OCTET STRINGs are joined in BER and refused in DER', () => {
    const b = h('2480' + '0402aabb' + '2480' + '0401cc' + '0000' + '0000');
    expect(readOctetString(readRoot(b, 'x', { mode: 'ber' }), 'x')).toEqual(h('aabbcc'));
    const definite = h('2407' + '0402aabb' + '0401cc');
    expect(() => readOctetString(readRoot(definite, 'x', { mode: 'der' }), 'x')).toThrow(/constructed OCTET STRING/);
    expect(() => readOctetString(readRoot(h('2403020101'), 'x', { mode: 'ber' }), 'x')).toThrow(/segment/);
  });

  it('high tag numbers: read, and refused when not minimal', () => {
    const e = readRoot(h('bf8100020500'), 'x');
    expect([e.tag, e.num, isCtx(e, 128)]).toEqual([0xbf, 128, true]);
    expect(() => readRoot(h('9f800101ff'), 'x')).toThrow(/non-minimal ASN.1 tag/);
    expect(() => readRoot(h('9f1e00'), 'x')).toThrow(/non-minimal ASN.1 tag/);
    expect(() => readRoot(h('9f8181818101'), 'x')).toThrow(/tag number too large/);
  });

  it('views are zero-copy', () => {
    const buf = h('300604020102050000'.slice(0, 16));
    const e = readRoot(buf, 'x');
    expect(content(e).buffer).toBe(buf.buffer);
    expect(encoding(e).byteOffset).toBe(buf.byteOffset);
  });
});

describe('hostile input', () => {
  it('every truncation of real DER and BER is a FormatError, in every mode', () => {
    const der = pem('sm2/signer.pem');
    const ber = h('3080' + '0609' + '2a864886f70d010702' + 'a080' + '3080' + '020101' + '2480' + '0402aabb' + '0000' + '0000' + '0000' + '0000');
    for (const input of [der, ber]) {
      for (const mode of MODES) {
        for (let n = 0; n < input.length; n++) {
          const cut = input.subarray(0, n);
          expect(throwsOnly(() => walk(readRoot(cut, 'x', { mode }))), `${mode} prefix ${n}`).toBe('format');
        }
      }
    }
  });

  it('length runs past the container, or needs more than four octets', () => {
    expect(() => readRoot(h('3005020101'), 'x')).toThrow(/runs past/);
    expect(() => children(readRoot(h('3003020201'), 'x'))).toThrow(/runs past/);
    expect(() => readRoot(h('04850000000001'), 'x', { mode: 'ber' })).toThrow(/length of 5 octets/);
    expect(() => readRoot(h('020101ff'), 'what')).toThrow(/what: 1 trailing bytes/);
    expect(() => readRoot(new Uint8Array(0), 'what')).toThrow(/what: truncated/);
  });

  it('nesting bombs stop at the depth limit without overflowing the stack', () => {
    const depth = 100_000;
    // Indefinite: the reader must scan for the end-of-contents, recursing into each level.
    const indefinite = new Uint8Array(depth * 4);
    for (let i = 0; i < depth; i++) indefinite.set([0x30, 0x80], 2 * i);
    expect(() => readRoot(indefinite, 'x', { mode: 'ber' })).toThrow(LimitError);
    expect(() => readRoot(indefinite, 'x', { mode: 'ber' })).toThrow(/nesting deeper than 64 levels/);
    // Definite: each level 30 82 LL LL around the next.
    const n = 2000;
    const definite = new Uint8Array(4 * n);
    for (let i = 0; i < n; i++) {
      const len = 4 * (n - i - 1);
      definite.set([0x30, 0x82, len >> 8, len & 0xff], 4 * i);
    }
    expect(throwsOnly(() => walk(readRoot(definite, 'x', { mode: 'definite', maxDepth: 32 })))).toBe('limit');
    expect(walk(readRoot(definite.subarray(4 * (n - 30)), 'x', { mode: 'definite', maxDepth: 32 }))).toHaveLength(30);
  });

  it('element count and input size are bounded', () => {
    const nulls = new Uint8Array(4 + 2 * 5000);
    nulls.set([0x30, 0x82, (2 * 5000) >> 8, (2 * 5000) & 0xff]);
    for (let i = 0; i < 5000; i++) nulls.set([0x05, 0x00], 4 + 2 * i);
    const r = new Asn1Reader(nulls, { maxElements: 1000 });
    expect(() => r.children(r.root())).toThrow(/more than 1000 ASN.1 elements/);
    expect(() => children(readRoot(nulls, 'x'), 'NULLs', 10)).toThrow(/more than 10 NULLs/);
    expect(children(readRoot(nulls, 'x'))).toHaveLength(5000);
    expect(() => new Asn1Reader(nulls, { maxBytes: 100 })).toThrow(LimitError);
  });

  it('rescans of nested indefinite lengths count against the element limit (no quadratic blow-up)', () => {
    // 60 nested indefinite SEQUENCEs around 200 NULLs: reading the root scans the whole tree once; walking it again
    // from every level re-reads the inner part each time.
    const levels = 60;
    const inner = '0500'.repeat(200);
    const b = h('3080'.repeat(levels) + inner + '0000'.repeat(levels));
    const r = new Asn1Reader(b, { mode: 'ber' });
    walk(r.root());
    expect(r.elementsRead).toBeGreaterThan(levels * 200);
    expect(() => walk(new Asn1Reader(b, { mode: 'ber', maxElements: 5000 }).root())).toThrow(LimitError);
  });

  it('random mutations of real DER never throw anything but FormatError / LimitError (property)', () => {
    const der = pem('p256/signer.pem');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(der.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.constantFrom(...MODES), (edits, mode) => {
        const m = Uint8Array.from(der);
        for (const [i, v] of edits) m[i] = v;
        throwsOnly(() => walk(readRoot(m, 'x', { mode })));
      }),
      { numRuns: 300 },
    );
  });
});

describe('Buffer input', () => {
  it('slices taken from a Buffer-backed reader are copies, and the input is never written', () => {
    // Buffer.prototype.slice is a view; the reader hands out plain Uint8Array views so that .slice() copies.
    const buf = Buffer.from('300804024142a1020500', 'hex');
    const before = Buffer.from(buf);
    const root = readRoot(buf, 'test', { mode: 'ber' });
    const [octs, ctx] = children(root);
    expect(Object.getPrototypeOf(content(octs!))).toBe(Uint8Array.prototype);
    const copy = encoding(ctx!).slice();
    copy[0] = 0x31;
    expect(buf.equals(before)).toBe(true);
    const value = content(octs!).slice();
    buf.fill(0);
    expect([...value]).toEqual([0x41, 0x42]);
  });
});

describe('berSeen, lax mode and readTree (the structure sniffing of verify/asn1-shape.ts)', () => {
  const tree = (r: Asn1Reader, keepDepth?: number) =>
    r.readTree(0, r.buf.length, 0, (e: El, kids: unknown[] | undefined): unknown => (kids ? [e.offset, kids] : e.offset), keepDepth);

  it('berSeen: set by an indefinite or a non-minimal length, not by DER', () => {
    const seen = (hex: string) => {
      const r = new Asn1Reader(h(hex), { mode: 'ber' });
      walk(r.root());
      return r.berSeen;
    };
    expect(seen('3003020105')).toBe(false);
    expect(seen('30800201050000')).toBe(true);
    expect(seen('3081030201 05'.replace(' ', ''))).toBe(true);
    expect(seen('30050481020102')).toBe(true); // nested OCTET STRING with length 81 02: non-minimal
  });

  it('lax: 5–6-octet lengths, non-minimal high tags and 00 identifiers are read; refused without lax', () => {
    for (const hex of ['04850000000001aa', '0486000000000001aa', '9f800101ff', '9f1e00', '30020000', '0000']) {
      const b = h(hex);
      expect(() => walk(readRoot(b, 'x', { mode: 'ber' })), hex).toThrow(FormatError);
      const r = new Asn1Reader(b, { mode: 'ber', lax: true });
      expect(tree(r), hex).toBeDefined();
    }
    expect(() => readRoot(h('0487000000000000aa'), 'x', { mode: 'ber', lax: true })).toThrow(/length of 7 octets/);
    const r = new Asn1Reader(h('04850000000001aa'), { mode: 'ber', lax: true });
    expect(r.read(0, 8, 0)).toMatchObject({ start: 7, end: 8 });
    expect(r.berSeen).toBe(true);
  });

  it('readTree checks every header below definite lengths too, and reads each header once', () => {
    // A definite SEQUENCE whose inner element runs past its container: read() does not look inside, readTree does.
    const bad = h('3004' + '3002' + '0205');
    expect(new Asn1Reader(bad).read(0, bad.length, 0).next).toBe(6);
    expect(() => tree(new Asn1Reader(bad))).toThrow(/runs past/);
    // 60 nested indefinite SEQUENCEs around 200 NULLs: 260 elements, 260 header reads (read() + children() need far more).
    const b = h('3080'.repeat(60) + '0500'.repeat(200) + '0000'.repeat(60));
    const r = new Asn1Reader(b, { mode: 'ber', maxElements: 260 });
    tree(r, 2);
    expect(r.elementsRead).toBe(260);
    expect(() => tree(new Asn1Reader(b, { mode: 'ber', maxElements: 259 }))).toThrow(LimitError);
  });

  it('readTree keeps children down to keepDepth and builds nothing below', () => {
    const b = h('3009' + '3005' + '3003' + '020101' + '0500');
    expect(tree(new Asn1Reader(b))).toEqual([0, [[2, [[4, [6]]]], 9]]);
    expect(tree(new Asn1Reader(b), 1)).toEqual([0, [2, 9]]);
    expect(tree(new Asn1Reader(b), 0)).toBe(0);
  });
});
