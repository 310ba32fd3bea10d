// Values: literal/hex string decoding and text strings against qpdf's JSON view, PDF dates, stream filters.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFilters, decodeTextString, openPdf, pdfDate, pdfText } from './index.js';

const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfdoc-val-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A one-object PDF (object 3 = `value`) with a correct xref. */
function pdfWith(value: Buffer): Buffer {
  const objs = [Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'), Buffer.from('<< /Type /Pages /Kids [] /Count 0 >>'), value];
  let out = Buffer.from('%PDF-1.7\n');
  const offs: number[] = [];
  objs.forEach((o, i) => {
    offs.push(out.length);
    out = Buffer.concat([out, Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
  });
  const x = out.length;
  let t = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const o of offs) t += `${String(o).padStart(10, '0')} 00000 n \n`;
  t += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${x}\n%%EOF\n`;
  return Buffer.concat([out, Buffer.from(t)]);
}

describe('strings and text strings (oracle: qpdf --json)', () => {
  it('decode like qpdf', () => {
    const items = [
      '(plain)',
      '(a\\(b\\)c\\\\)',
      '(oct\\101\\0601\\7)',
      '(line\\\ncont)',
      '(cr\r\nlf and lone cr\r.)',
      '(\\n\\r\\t\\b\\f)',
      '<48 65 6c6C6f 7>',
      '<FEFF7B7E540D>',
      '(\\376\\377\\000A\\330=\\336\\000)',
      '(\x80\x84\x95\xa0\xe9\x18\x1f)',
      '(\x80\x84\x95\x9f\xa0\xad\xe9\x18)',
      '<EFBBBF E7ADBE>',
      '(nested (paren) ok)',
      '( \\q\\x )',
      '<>',
      '()',
    ];
    const file = join(tmp, 'strings.pdf');
    writeFileSync(file, pdfWith(Buffer.from(`[${items.join(' ')}]`, 'latin1')));
    const r = spawnSync('qpdf', ['--json', '--json-key=qpdf', file], { encoding: 'utf8' });
    const theirs = (JSON.parse(r.stdout) as { qpdf: [unknown, Record<string, { value: string[] }>] }).qpdf[1]['obj:3 0 R']!.value;
    const doc = openPdf(new Uint8Array(readFileSync(file)));
    const mine = doc.getObject(3);
    expect(mine?.t).toBe('array');
    const arr = mine!.t === 'array' ? mine!.v : [];
    expect(arr.length).toBe(theirs.length);
    arr.forEach((o, i) => {
      const q = theirs[i]!;
      expect(o.t).toBe('str');
      if (o.t !== 'str') return;
      if (q.startsWith('b:')) expect(Buffer.from(o.v).toString('hex'), items[i]).toBe(q.slice(2));
      else expect(pdfText(o), items[i]).toBe(q.slice(2));
      // Offsets of the string in the file are kept.
      const raw = doc.bytes.subarray(o.start!, o.end!);
      expect(Buffer.from(raw).toString('latin1')).toBe(items[i]);
    });
  });

  it('text strings: UTF-16LE BOM tolerated, language escapes dropped, undefined PDFDocEncoding codes visible', () => {
    expect(decodeTextString(new Uint8Array([0xff, 0xfe, 0x7e, 0x7b]))).toBe('签');
    expect(decodeTextString(new Uint8Array([0xfe, 0xff, 0x00, 0x1b, 0x00, 0x7a, 0x00, 0x68, 0x00, 0x1b, 0x00, 0x41]))).toBe('A');
    expect(decodeTextString(new Uint8Array([0x9f, 0x41]))).toBe('\ufffdA');
    expect(decodeTextString(new Uint8Array([0xfe, 0xff, 0xd8, 0x00]))).toBe('\ufffd');
    expect(pdfText({ t: 'name', v: 'Foo' })).toBe('Foo');
    expect(pdfText({ t: 'num', v: 1, int: true })).toBeUndefined();
    expect(pdfText(undefined)).toBeUndefined();
  });
});

describe('pdfDate', () => {
  it.each([
    ["D:20201101120000+01'00'", '2020-11-01T11:00:00.000Z'],
    ["D:20201101120000-05'30'", '2020-11-01T17:30:00.000Z'],
    ['D:20201101120000Z', '2020-11-01T12:00:00.000Z'],
    ["D:20201101120000Z00'00'", '2020-11-01T12:00:00.000Z'],
    ['D:20201101120000+0800', '2020-11-01T04:00:00.000Z'],
    ["D:20201101120000+08'", '2020-11-01T04:00:00.000Z'],
    ['D:20180213192549', '2018-02-13T19:25:49.000Z'],
    ['D:2020', '2020-01-01T00:00:00.000Z'],
    ['D:202011', '2020-11-01T00:00:00.000Z'],
    ['D:2020110112', '2020-11-01T12:00:00.000Z'],
    ['20201101120000Z', '2020-11-01T12:00:00.000Z'],
  ])('%s → %s', (s, iso) => {
    expect(pdfDate(s)?.toISOString()).toBe(iso);
  });

  it.each(['', 'D:', 'D:20', 'D:20201301', 'D:20200230', 'D:20201101250000', "D:20201101120000+24'00'", 'D:2020-11-01', 'yesterday'])(
    '%s → undefined',
    (s) => {
      expect(pdfDate(s)).toBeUndefined();
    },
  );

  it('corpus signing times read: /M of dss_pdf-signed-original', async () => {
    const { fileURLToPath } = await import('node:url');
    const { signatureFields } = await import('./index.js');
    const f = fileURLToPath(new URL('../../../../../../shared/corpus/pdf/dss_pdf-signed-original.pdf', import.meta.url));
    const doc = openPdf(new Uint8Array(readFileSync(f)));
    const m = pdfText(signatureFields(doc)[0]!.valueDict!.get('M'))!;
    // pdfsig prints the same instant in local form; compare the UTC instant it implies.
    const out = spawnSync('pdfsig', ['-nocert', f], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } }).stdout;
    const shown = /Signing Time: (.*)/.exec(out)![1]!;
    expect(pdfDate(m)!.getTime()).toBe(new Date(`${shown} UTC`).getTime());
  });
});

describe('filters', () => {
  const dec = (data: Uint8Array | string, steps: Parameters<typeof decodeFilters>[1], max = 1 << 20) =>
    decodeFilters(typeof data === 'string' ? new Uint8Array(Buffer.from(data, 'latin1')) : data, steps, max);
  const text = (r: ReturnType<typeof decodeFilters>): string | undefined => (r.ok ? Buffer.from(r.data).toString('latin1') : undefined);

  it('ASCII85 (vectors from Python base64.a85encode)', () => {
    expect(text(dec('9jqo^BlbD-BleB1DJ+*+F(f,q/0JhKF<GL>Cj@.4Gp$d7F!,L7@<6@)/c~>', [{ name: 'ASCII85Decode' }]))).toBe(
      'Man is distinguished, not only by his reason.',
    );
    const r = dec('z@:E^H!!!$!s8W*"~>', [{ name: 'A85' }]);
    expect(r.ok && Buffer.from(r.data).toString('hex')).toBe('00000000616263000000000ffffffff01'.replace('0ffffffff', 'ffffffff'));
    const r2 = dec("!!*-'\"9eu7#RLhG$k3[W&.oNg'GVB\"(`=52*$$(B+<_pR,Q~>", [{ name: 'ASCII85Decode' }]);
    expect(r2.ok && [...r2.data]).toEqual([...Array(37).keys()]);
    expect(dec('abc{', [{ name: 'ASCII85Decode' }]).ok).toBe(false);
    expect(dec('zzzz', [{ name: 'ASCII85Decode' }], 8)).toEqual({ ok: false, reason: 'limit' });
  });

  it('ASCIIHex, chains, unsupported filters', () => {
    expect(text(dec('48 65 6C 6c 6F 7>', [{ name: 'AHx' }]))).toBe('Hellop');
    const inner = Buffer.from(deflateSync(Buffer.from('chained'))).toString('hex');
    expect(text(dec(`${inner}>`, [{ name: 'ASCIIHexDecode' }, { name: 'FlateDecode' }]))).toBe('chained');
    expect(dec('x', [{ name: 'DCTDecode' }])).toEqual({ ok: false, reason: 'unsupported' });
    expect(dec('x', [{ name: 'LZWDecode' }])).toEqual({ ok: false, reason: 'unsupported' });
    expect(text(dec('x', [{ name: 'Crypt' }]))).toBe('x');
    expect(dec('4G>', [{ name: 'ASCIIHexDecode' }]).ok).toBe(false);
  });

  it('Flate: truncated data gives what inflates; a bad checksum is tolerated; output is capped', () => {
    const plain = Buffer.from('x'.repeat(1000) + 'tail-' + 'y'.repeat(5000));
    const z = deflateSync(plain);
    expect(text(dec(new Uint8Array(z), [{ name: 'FlateDecode' }]))).toBe(plain.toString());
    const cut = dec(new Uint8Array(z.subarray(0, z.length - 10)), [{ name: 'FlateDecode' }]);
    expect(cut.ok && plain.toString().startsWith(Buffer.from(cut.data).toString())).toBe(true);
    const badSum = Buffer.from(z);
    badSum[badSum.length - 1]! ^= 0xff;
    expect(text(dec(new Uint8Array(badSum), [{ name: 'FlateDecode' }]))).toBe(plain.toString());
    expect(dec(new Uint8Array(z), [{ name: 'FlateDecode' }], 100)).toEqual({ ok: false, reason: 'limit' });
    expect(dec('not deflate at all', [{ name: 'FlateDecode' }]).ok).toBe(false);
  });

  it('PNG predictors (Sub, Up, Average, Paeth) and TIFF predictor 2, per ISO 32000 7.4.4.4', () => {
    const P = (n: number, cols: number, colors = 1) =>
      new Map([
        ['Predictor', { t: 'num' as const, v: n, int: true }],
        ['Columns', { t: 'num' as const, v: cols, int: true }],
        ['Colors', { t: 'num' as const, v: colors, int: true }],
      ]);
    // Rows of 3 bytes: [type, ...] encoded by hand from the PNG definitions.
    const raw = new Uint8Array([1, 10, 5, 5, 2, 1, 1, 1, 3, 10, 10, 10, 4, 1, 2, 3]);
    const r = dec(new Uint8Array(deflateSync(raw)), [{ name: 'FlateDecode', parms: P(12, 3) }]);
    // Sub: 10, 15, 20. Up: 11, 16, 21. Average: 10+(0+11>>1)=15, 10+(15+16>>1)=25, 10+(25+21>>1)=33.
    // Paeth (a left, b up, c up-left; nearest of p=a+b-c, ties a, b, c): (0,15,0)→b: 16; (16,25,15) p=26→b: 27; (27,33,25) p=35→b: 36.
    expect(r.ok && [...r.data]).toEqual([10, 15, 20, 11, 16, 21, 15, 25, 33, 16, 27, 36]);
    const t = dec(new Uint8Array(deflateSync(new Uint8Array([1, 2, 3, 4, 1, 1, 1, 1]))), [{ name: 'FlateDecode', parms: P(2, 2, 2) }]);
    expect(t.ok && [...t.data]).toEqual([1, 2, 4, 6, 1, 1, 2, 2]);
    expect(dec(new Uint8Array(deflateSync(new Uint8Array([9, 1, 2, 3]))), [{ name: 'FlateDecode', parms: P(12, 3) }]).ok).toBe(false);
  });

  it('a stream with an ASCIIHex + Flate chain and indirect /Filter decodes through the document', () => {
    const hex = Buffer.from(deflateSync(Buffer.from('BT /F1 12 Tf ET'))).toString('hex') + '>';
    const doc = openPdf(
      new Uint8Array(pdfWith(Buffer.from(`<< /Length ${hex.length} /Filter [/AHx /Fl] >>\nstream\n${hex}\nendstream`, 'latin1'))),
    );
    const s = doc.getObject(3);
    expect(s?.t === 'stream' && Buffer.from(doc.streamData(s)!).toString()).toBe('BT /F1 12 Tf ET');
    expect(s?.t === 'stream' && Buffer.from(doc.streamData(s, false)!).toString()).toBe(hex);
  });
});
