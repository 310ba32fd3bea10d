// Hostile and damaged PDFs through the one verify() entry (and the CLI for a few): every input gets a well-formed
// report — no exception, no `verify.internal` catch-all, no engine error in a check — and a verdict that names the
// real reason. Inputs are made here from fixtures/pdf/base.pdf with signPdf, qpdf and hand-written incremental updates.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPrivateKey, loadCertificates, signDetached, signPdf, TrustStore, verify, type Report } from '@heyan/core';
import { ensureBuilt, heyan, repoRoot } from './helpers/cli.js';
import { internalErrors, reportProblems } from './helpers/report-shape.js';

const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdf-bad-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const at = (name: string) => join(tmp, name);
const pki = (name: string) => join(repoRoot, 'fixtures/pki/rsa', name);
const basePath = join(repoRoot, 'fixtures/pdf/base.pdf');
const base = new Uint8Array(readFileSync(basePath));
const signer = {
  key: importPrivateKey(readFileSync(pki('signer.key.pem'))),
  certificate: loadCertificates(readFileSync(pki('signer.pem')))[0]!,
  chain: [loadCertificates(readFileSync(pki('intermediate.pem')))[0]!],
};
const trust = new TrustStore().addAnchor(loadCertificates(readFileSync(pki('root.pem')))[0]!);
const latin = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
// A plain Uint8Array copy: signPdf may hand back a Buffer, whose slice() is a view (mutations would leak).
const sign = async (pdf: Uint8Array, reason = 'bad-input test'): Promise<Uint8Array> => new Uint8Array(await signPdf(pdf, { signer, reason }));
const qpdf = (args: string[]): void => void execFileSync('qpdf', args, { stdio: 'pipe' });

/** verify() with the RSA test root; the report must be well-formed and carry no internal error. */
async function check(input: Uint8Array): Promise<Report> {
  const r = await verify(input, { trust });
  expect(internalErrors(r)).toEqual([]);
  expect(reportProblems(r)).toEqual([]);
  expect(r.format).toBe('pdf');
  return r;
}
const all = (r: Report) => [...r.checks, ...r.signatures.flatMap((s) => s.checks)];
const statusOf = (r: Report, id: string) => all(r).filter((c) => c.id === id).map((c) => c.status);
const failedIds = (r: Report) => all(r).filter((c) => c.status === 'failed').map((c) => c.id);

/**
 * Append one incremental update (classic xref table) defining `objs`; `/Prev` is the file's last startxref unless
 * `prev` says otherwise, and the new startxref is this section's offset unless `startxref` says otherwise.
 */
function appendUpdate(pdf: Uint8Array, objs: { num: number; body: string }[], o: { prev?: number; startxref?: number } = {}): Uint8Array {
  const t = latin(pdf);
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(t)![1]);
  const size = Math.max(...[...t.matchAll(/\/Size (\d+)/g)].map((m) => Number(m[1])), ...objs.map((x) => x.num + 1));
  let body = '\n';
  const offsets: [number, number][] = [];
  for (const x of objs) {
    offsets.push([x.num, pdf.length + body.length]);
    body += `${x.num} 0 obj\n${x.body}\nendobj\n`;
  }
  const xref = pdf.length + body.length;
  body += `xref\n${offsets.map(([n, off]) => `${n} 1\n${String(off).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${size} /Root 2 0 R /Info 3 0 R /Prev ${o.prev ?? prev} >>\nstartxref\n${o.startxref ?? xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([pdf, Buffer.from(body, 'latin1')]));
}
/** The same update, its trailer's /Prev pointing at its own xref section (a one-step /Prev loop). */
const prevLoop = (pdf: Uint8Array): Uint8Array =>
  bytes(latin(appendUpdate(pdf, [{ num: 3, body: '<< /Title (prev loop) >>' }])).replace(/\/Prev \d+ >>\nstartxref\n(\d+)\n%%EOF\n$/, '/Prev $1 >>\nstartxref\n$1\n%%EOF\n'));
const nest = (n: number) => '['.repeat(n) + ']'.repeat(n);

/**
 * A PAdES signature laid out by hand, for a base that signPdf refuses (repaired, or a page tree it cannot read
 * completely) but the verifier must still cope with: ONE incremental update with what signPdf writes — the catalog's
 * /AcroForm, page 5 with the widget in /Annots, the signature dictionary (fixed-width /ByteRange, zeroed /Contents),
 * the widget field — then the /ByteRange filled and a real CMS (signDetached over SHA-256 of the two ranges) written
 * into /Contents. The base's damage is in the signed bytes; the signature is genuinely intact.
 */
function signByHand(pdf: Uint8Array): Uint8Array {
  const page = /\n5 0 obj\n([\s\S]*?)\nendobj/.exec(latin(base))![1]!.replace('/Annots [ ]', '/Annots [ 10 0 R ]');
  expect(page).toMatch(/^<<[\s\S]*\/Type \/Page[\s\S]*\/Annots \[ 10 0 R \]/);
  const placeholder = '/ByteRange [0 0000000000 0000000000 0000000000]';
  const room = 2 * 16_384;
  const laid = appendUpdate(pdf, [
    { num: 2, body: '<< /Type /Catalog /Pages 1 0 R /AcroForm << /Fields [ 10 0 R ] /SigFlags 3 >> >>' },
    { num: 5, body: page },
    { num: 9, body: `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (D:20260115080000Z) ${placeholder} /Contents <${'0'.repeat(room)}> >>` },
    { num: 10, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V 9 0 R /F 132 /P 5 0 R /Rect [ 0 0 0 0 ] >>' },
  ]);
  const t = latin(laid);
  const br = t.indexOf(placeholder, pdf.length);
  const gapStart = t.indexOf('/Contents <', br) + '/Contents '.length;
  const gapEnd = gapStart + room + 2;
  expect(br).toBeGreaterThan(pdf.length);
  expect(t[gapEnd - 1]).toBe('>');
  const range = [0, gapStart, gapEnd, laid.length - gapEnd];
  const out = new Uint8Array(laid);
  out.set(bytes(`/ByteRange [${range.join(' ')}]`.padEnd(placeholder.length, ' ')), br);
  const digest = createHash('sha256').update(out.subarray(0, gapStart)).update(out.subarray(gapEnd)).digest();
  const cms = signDetached({
    content: { digest: new Uint8Array(digest), digestName: 'sha256' },
    key: signer.key,
    certificate: signer.certificate,
    chain: signer.chain,
    digest: 'sha256',
    signingTimeAttribute: false,
    signingCertificateV2: true,
  });
  const hex = Buffer.from(cms).toString('hex').toUpperCase();
  expect(hex.length).toBeLessThanOrEqual(room);
  out.set(bytes(hex), gapStart + 1);
  return out;
}

let once: Uint8Array; // base + one PAdES signature (RSA)
let twice: Uint8Array; // once + a second signature
beforeAll(async () => {
  once = await sign(base, 'first');
  twice = await sign(once, 'second');
});

describe('baseline', () => {
  it('the signed files used below PASS (so every failure below comes from the damage)', async () => {
    expect((await check(once)).indication).toBe('PASSED');
    const r = await check(twice);
    expect(r.indication).toBe('PASSED');
    expect(r.signatures).toHaveLength(2);
  });
});

describe('truncated signed PDFs', () => {
  it('cut at every 1/16th of a twice-signed file: FAILED with a named reason, never PASSED', async () => {
    for (let k = 1; k < 16; k++) {
      const cut = Math.floor((twice.length * k) / 16);
      const r = await check(twice.subarray(0, cut));
      expect(r.indication, `cut ${k}/16 at ${cut}`).toBe('FAILED');
      expect(failedIds(r).length, `cut ${k}/16`).toBeGreaterThan(0);
      // Cut inside the second update: the first signature survives, but the appended bytes are no valid update.
      if (cut > once.length) expect(statusOf(r, 'pdf.revision.tail'), `cut ${k}/16`).toContain('failed');
    }
  });

  it('cut inside the first signature update after its /ByteRange: the range runs past the end of the file', async () => {
    const r = await check(once.subarray(0, once.length - 40));
    expect(r.indication).toBe('FAILED');
    expect(statusOf(r, 'pdf.byte-range.bounds')).toContain('failed');
  });

  it('cut exactly at the first revision boundary: the earlier, complete version — one signature, PASSED', async () => {
    const r = await check(twice.subarray(0, once.length));
    expect(r.indication).toBe('PASSED');
    expect(r.signatures).toHaveLength(1);
  });
});

describe('broken cross-reference data', () => {
  const t = latin(base);
  const xrefAt = t.lastIndexOf('xref\n');
  const shifted = bytes(t.slice(0, xrefAt) + t.slice(xrefAt).replace(/^(\d{10}) 00000 n/gm, (_, o: string) => `${String(Number(o) + 7).padStart(10, '0')} 00000 n`));
  const garbage = bytes(t.slice(0, xrefAt) + t.slice(xrefAt).replace(/^\d{10} \d{5} [nf]/gm, 'zz#!garbage~~ 1 q'));

  it.each([
    ['offsets shifted by 7 bytes', shifted],
    ['entries replaced by garbage', garbage],
  ])('base xref %s, then signed: the document is read by repair and the signature is intact and valid', async (_, damaged) => {
    const r = await check(await sign(damaged));
    expect(r.signatures).toHaveLength(1);
    expect(statusOf(r, 'cms.attribute.message-digest')).toEqual(['passed']);
    expect(r.indication).toBe('PASSED');
  });

  it('startxref past the end of the file: the signer refuses with a FormatError; verify() says the file is not signed', async () => {
    const past = bytes(t.replace(/startxref\s+(\d+)/, (_, n: string) => `startxref\n${'9'.repeat(n.length)}`));
    await expect(sign(past)).rejects.toMatchObject({ name: 'FormatError' });
    const r = await check(past);
    expect(r.indication).toBe('FAILED');
    expect(statusOf(r, 'verify.input.signed')).toEqual(['failed']);
  });

  it('startxref of a signed file changed to point past EOF: the signed bytes changed → HASH_FAILURE', async () => {
    const u = latin(once);
    const i = u.lastIndexOf('startxref');
    const r = await check(bytes(u.slice(0, i) + u.slice(i).replace(/startxref\s+(\d+)/, (_, n: string) => `startxref\n${'9'.repeat(n.length)}`)));
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('HASH_FAILURE');
    expect(statusOf(r, 'cms.attribute.message-digest')).toEqual(['failed']);
  });

  it('an unsigned update after the signature whose startxref points past EOF: not a valid update → FAILED', async () => {
    const r = await check(appendUpdate(once, [{ num: 3, body: '<< /Title (x) >>' }], { startxref: 99_999_999 }));
    expect(r.indication).toBe('FAILED');
    expect(statusOf(r, 'pdf.revision.tail')).toContain('failed');
  });
});

describe('object streams, xref streams and linearization', () => {
  it('a signed file rewritten by qpdf --object-streams=generate: the ByteRange no longer fits → FAILED', async () => {
    writeFileSync(at('once.pdf'), once);
    qpdf(['--object-streams=generate', at('once.pdf'), at('once-os.pdf')]);
    const r = await check(new Uint8Array(readFileSync(at('once-os.pdf'))));
    expect(r.indication).toBe('FAILED');
    expect(failedIds(r).some((id) => id.startsWith('pdf.byte-range.'))).toBe(true);
  });

  it('signed incrementally on a base with object streams and an xref stream (fixture and qpdf-made): PASSED', async () => {
    qpdf(['--object-streams=generate', basePath, at('base-os.pdf')]);
    for (const b of [join(repoRoot, 'fixtures/pdf/base-xref-stream.pdf'), at('base-os.pdf')]) {
      const src = new Uint8Array(readFileSync(b));
      expect(latin(src)).toMatch(/\/Type\s*\/ObjStm/);
      const r = await check(await sign(src));
      expect(r.indication, b).toBe('PASSED');
    }
  });

  it('a qpdf --linearize base signed incrementally: PASSED (qpdf confirms the base was linearized)', async () => {
    qpdf(['--linearize', basePath, at('lin.pdf')]);
    expect(spawnSync('qpdf', ['--check-linearization', at('lin.pdf')], { encoding: 'utf8' }).stdout).toMatch(/no linearization errors/);
    const r = await check(await sign(new Uint8Array(readFileSync(at('lin.pdf')))));
    expect(r.indication).toBe('PASSED');
  });
});

describe('deep nesting, /Prev loops and page-tree cycles', () => {
  it('control: signByHand on the clean base is a real signature — PASSED, and pdfsig says valid', async () => {
    const signed = signByHand(base);
    expect((await check(signed)).indication).toBe('PASSED');
    writeFileSync(at('by-hand.pdf'), signed);
    expect(spawnSync('pdfsig', ['-nocert', at('by-hand.pdf')], { encoding: 'utf8' }).stdout).toContain('Signature Validation: Signature is Valid.');
  });

  it('100 000 nested [ in an object of the signed revision (referenced from the catalog): a report, signature intact', async () => {
    const deep = appendUpdate(base, [
      { num: 40, body: nest(100_000) },
      { num: 2, body: '<< /Type /Catalog /Pages 1 0 R /Deep 40 0 R >>' },
    ]);
    const r = await check(await sign(deep));
    expect(statusOf(r, 'cms.attribute.message-digest')).toEqual(['passed']);
  });

  it('100 000 unclosed [ as the catalog of an unsigned file: FAILED, not signed', async () => {
    const r = await check(appendUpdate(base, [{ num: 2, body: `<< /Type /Catalog /Pages 1 0 R /Deep ${'['.repeat(100_000)} >>` }]));
    expect(r.indication).toBe('FAILED');
  });

  // Defect found by this suite: an object that the lexer refuses (nesting over its depth limit of 100) is silently
  // replaced by an OLDER definition of the same object number found by the whole-file scan, so the change analysis
  // compares the signed page with itself. pdftotext/qpdf/pdfsig read the new page 1 ("FORGED AFTER SIGNING").
  it.each([
    ['page 1 replaced (new content stream) with a 101-deep dummy key', 101],
    ['page 1 replaced (new content stream) with a 100 000-deep dummy key', 100_000],
  ])('after signing: %s → FAILED', async (_, depth) => {
    const text = 'BT /F1 24 Tf 56 700 Td (FORGED AFTER SIGNING) Tj ET';
    const forged = appendUpdate(once, [
      { num: 50, body: `<< /Length ${text.length} >>\nstream\n${text}\nendstream` },
      { num: 51, body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' },
      { num: 5, body: `<< /Type /Page /Parent 1 0 R /Resources << /Font << /F1 51 0 R >> >> /MediaBox [ 0 0 595.28 841.89 ] /Contents [ 50 0 R ] /Pad ${nest(depth)} >>` },
    ]);
    const r = await check(forged);
    expect(r.indication).toBe('FAILED');
  });

  it('after signing: the catalog replaced by 100 000 unclosed [ → FAILED', async () => {
    const r = await check(appendUpdate(once, [{ num: 2, body: '['.repeat(100_000) }]));
    expect(r.indication).toBe('FAILED');
  });

  it('a /Prev loop in the base, then signed: the loop is cut, the signature intact', async () => {
    const looped = prevLoop(base);
    // The signer refuses a base that had to be repaired; the verifier must still cope with one signed elsewhere.
    await expect(sign(looped)).rejects.toMatchObject({ name: 'UnsupportedError' });
    const r = await check(signByHand(looped));
    expect(r.signatures).toHaveLength(1);
    expect(statusOf(r, 'cms.attribute.message-digest')).toEqual(['passed']);
  });

  it('a /Prev loop in an update after the signature: never PASSED', async () => {
    const r = await check(prevLoop(once));
    expect(r.indication).not.toBe('PASSED');
    expect(r.signatures).toHaveLength(1);
  });

  it('a page-tree node whose /Kids lead back to the root, inside the signed revision: a report, signature intact', async () => {
    const cyc = appendUpdate(base, [
      { num: 1, body: '<< /Type /Pages /Kids [ 5 0 R 7 0 R 40 0 R ] /Count 2 >>' },
      { num: 40, body: '<< /Parent 1 0 R /Kids [ 1 0 R ] /Count 0 >>' },
    ]);
    // The signer refuses a page tree it cannot read completely; the verifier must still cope with one signed elsewhere.
    await expect(sign(cyc)).rejects.toMatchObject({ name: 'FormatError' });
    const r = await check(signByHand(cyc));
    expect(statusOf(r, 'cms.attribute.message-digest')).toEqual(['passed']);
  });

  it('a page-tree cycle added after signing: FAILED, the change analysis names the page tree', async () => {
    const r = await check(
      appendUpdate(once, [
        { num: 1, body: '<< /Type /Pages /Kids [ 5 0 R 7 0 R 40 0 R ] /Count 3 >>' },
        { num: 40, body: '<< /Type /Pages /Parent 1 0 R /Kids [ 1 0 R ] /Count 1 >>' },
      ]),
    );
    expect(r.indication).toBe('FAILED');
    expect(statusOf(r, 'pdf.changes.pages')).toContain('failed');
  });
});

describe('encrypted PDFs', () => {
  it.each([
    ['user password "u"', 'u'],
    ['empty user password', ''],
  ])('qpdf --encrypt (AES-256, %s) of a signed file breaks the signature: FAILED, the report says encrypted', async (_, user) => {
    writeFileSync(at('once.pdf'), once);
    qpdf(['--encrypt', user, 'owner', '256', '--', at('once.pdf'), at('enc.pdf')]);
    const r = await check(new Uint8Array(readFileSync(at('enc.pdf'))));
    expect(r.indication).toBe('FAILED');
    expect(statusOf(r, 'pdf.encrypted').length).toBe(1);
    expect(r.signatures).toHaveLength(1);
    expect(r.signatures[0]!.indication).toBe('FAILED');
  });

  it('a PDF encrypted before signing: the signer refuses (UnsupportedError); verify() reports it unsigned', async () => {
    qpdf(['--encrypt', '', 'owner', '256', '--', basePath, at('enc-base.pdf')]);
    const enc = new Uint8Array(readFileSync(at('enc-base.pdf')));
    await expect(sign(enc)).rejects.toMatchObject({ name: 'UnsupportedError' });
    const r = await check(enc);
    expect(r.indication).toBe('FAILED');
    expect(statusOf(r, 'pdf.encrypted').length).toBe(1);
  });
});

describe('random mutations', () => {
  it('2 000 fast-check mutations of a small signed PDF: always a well-formed report, never an internal error', async () => {
    const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });
    const mutation = fc.oneof(
      flips.map((f) => ({ kind: 'flip' as const, f })),
      fc.tuple(fc.nat(), fc.nat({ max: 64 })).map(([p, n]) => ({ kind: 'delete' as const, p, n })),
      fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 32 })).map(([p, b]) => ({ kind: 'insert' as const, p, b })),
      fc.tuple(fc.nat(), fc.constantFrom(...['[', '<<', '>>', 'R', '0 0 R', 'endobj', 'stream', 'xref', '%%EOF', '/ByteRange', '/Prev 0'])).map(([p, s]) => ({ kind: 'token' as const, p, s })),
    );
    const pristine = Buffer.from(once);
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        runs++;
        let b: Uint8Array;
        if (m.kind === 'flip') {
          b = once.slice();
          for (const [p, v] of m.f) b[p % b.length] = v;
        } else if (m.kind === 'delete') {
          const p = m.p % once.length;
          b = new Uint8Array(Buffer.concat([once.subarray(0, p), once.subarray(p + m.n)]));
        } else {
          const p = m.p % once.length;
          const ins = m.kind === 'insert' ? m.b : bytes(m.s);
          b = new Uint8Array(Buffer.concat([once.subarray(0, p), ins, once.subarray(p)]));
        }
        const r = await verify(b, { trust });
        expect(internalErrors(r)).toEqual([]);
        expect(reportProblems(r)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
    expect(runs).toBe(2000);
    expect(Buffer.from(once).equals(pristine)).toBe(true); // every run mutated a copy
  }, 300_000);
});

describe('200 MB, in a child process (RSS growth measured, no timing)', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  // The child builds the input (so the parent never holds it), then records RSS before and after verify(): the
  // growth is what verification costs on top of holding the input.
  const script = (kind: 'update' | 'junk') => `
    import { readFileSync } from 'node:fs';
    import { randomFillSync } from 'node:crypto';
    const { verify, loadCertificates, TrustStore } = await import(${JSON.stringify(join(repoRoot, 'packages/core/dist/index.js'))});
    const size = 200 * 1024 * 1024;
    const noise = (n) => { const b = new Uint8Array(n); for (let o = 0; o < n; o += 1 << 24) randomFillSync(b, o, Math.min(1 << 24, n - o)); return b; };
    let bytes;
    if (${JSON.stringify(kind)} === 'junk') {
      bytes = noise(size);
      bytes.set(Buffer.from('%PDF-1.7\\n'));
    } else {
      // The signed file plus one incremental update adding a 200 MB image XObject (not referenced).
      const once = readFileSync(${JSON.stringify(at('once.pdf'))});
      const t = once.toString('latin1');
      const prev = /startxref\\s+(\\d+)\\s+%%EOF\\s*$/.exec(t)[1];
      const n = size - once.length - 4096;
      const head = Buffer.from('\\n60 0 obj\\n<< /Type /XObject /Subtype /Image /Width 1 /Height ' + n + ' /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ' + n + ' >>\\nstream\\n', 'latin1');
      const objAt = once.length + 1;
      const tailAt = once.length + head.length + n;
      const tail = Buffer.from('\\nendstream\\nendobj\\nxref\\n60 1\\n' + String(objAt).padStart(10, '0') + ' 00000 n \\ntrailer\\n<< /Size 61 /Root 2 0 R /Prev ' + prev + ' >>\\nstartxref\\n' + (tailAt + 18) + '\\n%%EOF\\n', 'latin1');
      bytes = new Uint8Array(once.length + head.length + n + tail.length);
      bytes.set(once); bytes.set(head, once.length); randomFillSync(bytes, once.length + head.length, n); bytes.set(tail, tailAt);
    }
    const trust = new TrustStore().addAnchor(loadCertificates(readFileSync(${JSON.stringify(pki('root.pem'))}))[0]);
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    const r = await verify(bytes, { trust });
    const after = Math.max(process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    const all = [...r.checks, ...r.signatures.flatMap((s) => s.checks)];
    console.log(JSON.stringify({ size: bytes.length, indication: r.indication, sub: r.subIndication, format: r.format, signatures: r.signatures.length,
      growthMiB: Math.round((after - before) / 1048576), internal: all.filter((c) => c.id === 'verify.internal').length,
      failed: all.filter((c) => c.status === 'failed').map((c) => c.id), modifications: r.signatures[0]?.modifications,
      digest: all.filter((c) => c.id === 'cms.attribute.message-digest').map((c) => c.status) }));
  `;

  it.each(['update', 'junk'] as const)('%s: a report, bounded memory', (kind) => {
    writeFileSync(at('once.pdf'), once);
    const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script(kind)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out.trim().split('\n').pop()!) as {
      size: number; indication: string; format: string; signatures: number; growthMiB: number; internal: number; failed: string[]; modifications?: string; digest: string[];
    };
    console.log(`200 MB ${kind}: ${r.indication} (modifications ${r.modifications ?? '-'}), RSS growth ${r.growthMiB} MiB, failed checks ${r.failed.join(', ') || 'none'}`);
    expect(r.size).toBeGreaterThanOrEqual(200_000_000);
    expect(r.format).toBe('pdf');
    expect(r.internal).toBe(0);
    if (kind === 'update') {
      // The signed revision is found and intact; the 200 MB update after it is classified, not loaded.
      expect(r.signatures).toBe(1);
      expect(r.digest).toEqual(['passed']);
    } else expect(r.indication).toBe('FAILED');
    expect(r.growthMiB).toBeLessThan(150);
  }, 180_000);
});

describe('through the CLI: exit codes and one-line errors', () => {
  beforeAll(() => ensureBuilt(), 300_000);
  const trustArgs = ['--trust', pki('root.pem')];

  it('a truncated signed PDF: exit 1, FAILED in the JSON report, nothing on stderr', () => {
    writeFileSync(at('cut.pdf'), once.subarray(0, once.length - 40));
    const r = heyan(['verify', at('cut.pdf'), '--json', ...trustArgs]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).reports[0].indication).toBe('FAILED');
  });

  it('a valid signed PDF without a trust anchor: exit 2 (INDETERMINATE)', () => {
    writeFileSync(at('once.pdf'), once);
    const r = heyan(['verify', at('once.pdf'), '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).reports[0].indication).toBe('INDETERMINATE');
  });

  it('a missing file and a 300 MB (sparse) file: exit 3, one line on stderr, nothing read', () => {
    const missing = heyan(['verify', at('nope.pdf')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^heyan: [^\n]*nope\.pdf[^\n]*\n$/);
    execFileSync('truncate', ['-s', '300M', at('huge.pdf')]);
    const huge = heyan(['verify', at('huge.pdf')]);
    expect(huge.code).toBe(3);
    expect(huge.stderr).toMatch(/^heyan: [^\n]*huge\.pdf[^\n]*larger than[^\n]*\n$/);
    rmSync(at('huge.pdf'));
  });

  it('heyan sign pdf on an encrypted PDF: exit 1, one line naming the reason', () => {
    qpdf(['--encrypt', '', 'owner', '256', '--', basePath, at('enc-base.pdf')]);
    const r = heyan(['sign', 'pdf', '--key', pki('signer.key.pem'), '--cert', pki('chain.pem'), at('enc-base.pdf'), '--out', at('enc-signed.pdf')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^heyan: [^\n]*encrypted[^\n]*\n$/);
  });
});
