import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSignedData, signerDigestName, verifyCmsSignatureOnly } from '../cms/index.js';
import { checkByteRange, checkContents, contentsBytes, digestByteRange, signedBytes } from './byte-range.js';
import { findRevisions } from './revisions.js';
import { findSignatureDicts, type SignatureDict } from './signature-dicts.js';

const corpus = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../../../shared/corpus/pdf/${name}`, import.meta.url))));

function analyse(name: string) {
  const pdf = corpus(name);
  const revisions = findRevisions(pdf).revisions;
  const sigs = findSignatureDicts(pdf).signatures;
  return { pdf, revisions, sigs, results: sigs.map((s) => checkByteRange(pdf, s, { revisions })) };
}
const statusOf = (r: ReturnType<typeof checkByteRange>, id: string) => r.checks.find((c) => c.id === id)?.status;
const failedIds = (r: ReturnType<typeof checkByteRange>) => r.checks.filter((c) => c.status === 'failed').map((c) => c.id);

/** The CMS from /Contents verified against the digest of the ByteRange bytes. */
function cmsOverByteRange(pdf: Uint8Array, sig: SignatureDict) {
  const r = checkByteRange(pdf, sig);
  const cms = contentsBytes(pdf, sig)!;
  const sd = parseSignedData(cms);
  const signer = sd.signers[0]!;
  const contentDigest = digestByteRange(pdf, r.byteRange!, signerDigestName(signer)!)!;
  return verifyCmsSignatureOnly({ signedData: sd, signer, contentDigest, detached: true });
}

describe('checkByteRange on the corpus', () => {
  it('dss_pdf-signed-original: one signature, ENTIRE_FILE, every check passes, CMS intact over the ByteRange', () => {
    const { pdf, sigs, results } = analyse('dss_pdf-signed-original.pdf');
    expect(sigs).toHaveLength(1);
    const r = results[0]!;
    expect(r.byteRange).toEqual([0, 18801, 37747, 113379]);
    expect(r.coverage).toBe('ENTIRE_FILE');
    expect(failedIds(r)).toEqual([]);
    expect(r.verdict.indication).toBe('PASSED');
    const cms = cmsOverByteRange(pdf, sigs[0]!);
    expect(cms.intact).toBe(true);
    expect(cms.valid).toBe(true);
  });

  it('signpdf_signed: ENTIRE_FILE and the CMS verifies over the ByteRange digest', () => {
    const { pdf, sigs, results } = analyse('signpdf_signed.pdf');
    expect(sigs).toHaveLength(1);
    expect(results[0]!.byteRange).toEqual([0, 153, 3379, 1275]);
    expect(results[0]!.coverage).toBe('ENTIRE_FILE');
    expect(failedIds(results[0]!)).toEqual([]);
    const cms = cmsOverByteRange(pdf, sigs[0]!);
    expect([cms.intact, cms.valid]).toEqual([true, true]);
  });

  it('the ByteRange digest is what an independent hash of head+tail gives, and a one-byte change breaks the CMS', () => {
    const pdf = corpus('signpdf_signed.pdf');
    const sig = findSignatureDicts(pdf).signatures[0]!;
    const expected = createHash('sha256').update(pdf.subarray(0, 153)).update(pdf.subarray(3379, 4654)).digest();
    expect(Buffer.from(digestByteRange(pdf, [0, 153, 3379, 1275], 'sha256')!)).toEqual(expected);
    const parts = signedBytes(pdf, [0, 153, 3379, 1275])!;
    expect(parts[0].length + parts[1].length).toBe(153 + 1275);
    const tampered = pdf.slice();
    tampered[4000] ^= 1;
    const cms = cmsOverByteRange(tampered, sig);
    expect(cms.intact).toBe(false);
  });

  it('dss_pdf-signed-corrupted: range past EOF → bounds failed, nothing to digest', () => {
    const { pdf, results } = analyse('dss_pdf-signed-corrupted.pdf');
    const r = results[0]!;
    expect(statusOf(r, 'pdf.byte-range.bounds')).toBe('failed');
    expect(r.verdict.indication).toBe('FAILED');
    expect(r.digestible).toBe(false);
    expect(digestByteRange(pdf, r.byteRange!, 'sha256')).toBeUndefined();
  });

  it('tail-uncovered: gap OK but ends inside a revision → CONTIGUOUS_BLOCK_FROM_START, failed', () => {
    const r = analyse('pyh_coverage-anomalies_tail-uncovered.pdf').results[0]!;
    expect(r.coverage).toBe('CONTIGUOUS_BLOCK_FROM_START');
    expect(statusOf(r, 'pdf.byte-range.gap')).toBe('passed');
    expect(failedIds(r)).toEqual(['pdf.byte-range.coverage']);
  });

  it('signature-gap-too-big: gap ≠ /Contents → UNCLEAR, gap failed', () => {
    const r = analyse('pyh_coverage-anomalies_signature-gap-too-big.pdf').results[0]!;
    expect(r.coverage).toBe('UNCLEAR');
    expect(statusOf(r, 'pdf.byte-range.gap')).toBe('failed');
    expect(r.verdict.indication).toBe('FAILED');
  });

  it('weird-byterange [0 10 20 30] → UNCLEAR', () => {
    const r = analyse('pyh_coverage-anomalies_weird-byterange.pdf').results[0]!;
    expect(r.byteRange).toEqual([0, 10, 20, 30]);
    expect(r.coverage).toBe('UNCLEAR');
    expect(statusOf(r, 'pdf.byte-range.gap')).toBe('failed');
  });

  it('one-byterange [0 690] → format failed, FORMAT_FAILURE', () => {
    const r = analyse('pyh_coverage-anomalies_one-byterange.pdf').results[0]!;
    expect(statusOf(r, 'pdf.byte-range.format')).toBe('failed');
    expect(r.verdict).toMatchObject({ indication: 'FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(r.coverage).toBe('UNCLEAR');
  });

  it('dss_pdf-byterange-overlap: first passes (ENTIRE_REVISION), second fails (gap reaches into other bytes)', () => {
    const { results } = analyse('dss_pdf-byterange-overlap.pdf');
    expect(results).toHaveLength(2);
    expect(results[0]!.coverage).toBe('ENTIRE_REVISION');
    expect(failedIds(results[0]!)).toEqual([]);
    expect(statusOf(results[1]!, 'pdf.byte-range.gap')).toBe('failed');
    expect(results[1]!.verdict.indication).toBe('FAILED');
  });

  it('dss_siwa: the gap holds /Contents and attacker bytes → gap failed', () => {
    const { sigs, results } = analyse('dss_siwa.pdf');
    const i = sigs.findIndex((s) => s.contents?.start === 1633);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(results[i]!.byteRange).toEqual([0, 1633, 23028, 2437]);
    expect(sigs[i]!.contents!.end).toBeLessThan(23028);
    expect(statusOf(results[i]!, 'pdf.byte-range.gap')).toBe('failed');
    expect(results.every((r) => r.verdict.indication === 'FAILED')).toBe(true);
  });

  it('pyh_minimal-two-fields-signed-twice: first ENTIRE_REVISION, second ENTIRE_FILE, both CMS intact', () => {
    const { pdf, sigs, results } = analyse('pyh_minimal-two-fields-signed-twice.pdf');
    expect(results.map((r) => r.coverage)).toEqual(['ENTIRE_REVISION', 'ENTIRE_FILE']);
    expect(results.every((r) => failedIds(r).length === 0)).toBe(true);
    for (const s of sigs) expect(cmsOverByteRange(pdf, s).intact).toBe(true);
  });
});

describe('revisions and signature dictionaries', () => {
  it('finds each %%EOF/startxref pair with its end-of-line', () => {
    const pdf = corpus('pyh_minimal-two-fields-signed-twice.pdf');
    const revs = findRevisions(pdf).revisions;
    expect(revs.map((r) => r.eof)).toEqual([445, 26378, 50821]);
    expect(revs.map((r) => r.startxref)).toEqual([433, 26364, 50805]);
    expect(revs[2]!.end).toBe(pdf.length);
    expect(findRevisions(pdf, { maxRevisions: 1 })).toMatchObject({ truncated: true, revisions: [{ eof: 445 }] });
  });

  it('reads a hand-written dictionary with comments, odd spacing and references', () => {
    const head = '%PDF-1.7\n1 0 obj\n<</Type%c\n/Sig/Filter /Adobe.PPKLite /SubFilter/adbe.pkcs7.detached /Prop_Build<</App<</Name/X>>>>/ByteRange[0 ';
    const tail = ' /M(D:2024\\)x) /Contents <30 0>>>\nendobj\n';
    const draft = `${head}0000000000 99 0]${tail}`;
    const gapStart = draft.indexOf('<30');
    const text = `${head}${String(gapStart).padEnd(10)} 99 0]${tail}`;
    const pdf = new TextEncoder().encode(text);
    const sigs = findSignatureDicts(pdf).signatures;
    expect(sigs).toHaveLength(1);
    expect(sigs[0]).toMatchObject({ type: 'Sig', filter: 'Adobe.PPKLite', subFilter: 'adbe.pkcs7.detached' });
    expect(text.slice(sigs[0]!.contents!.start, sigs[0]!.contents!.end)).toBe('<30 0>');
    expect(sigs[0]!.byteRange!.values).toEqual([0, gapStart, 99, 0]);
    expect(Array.from(contentsBytes(pdf, sigs[0]!)!)).toEqual([0x30, 0x00]);
  });

  it('a /Type /Sig dictionary without /ByteRange or with an indirect /Contents is found and fails', () => {
    const pdf = new TextEncoder().encode('1 0 obj <</Type /Sig /Contents 5 0 R>> endobj 2 0 obj <</FT /Sig /SigFlags 3>> endobj');
    const sigs = findSignatureDicts(pdf).signatures;
    expect(sigs).toHaveLength(1);
    expect(sigs[0]!.contentsKind).toBe('ref');
    expect(checkByteRange(pdf, sigs[0]!).checks[0]).toMatchObject({ id: 'pdf.byte-range.format', status: 'failed' });
    expect(checkContents(pdf, sigs[0]!).check.status).toBe('failed');
  });

  it('an all-zero /Contents (universal signature forgery) fails the contents check', () => {
    const pdf = new TextEncoder().encode('<</Type/Sig/ByteRange[0 1 2 3]/Contents<0000000000>>>');
    const sig = findSignatureDicts(pdf).signatures[0]!;
    expect(checkContents(pdf, sig).check.status).toBe('failed');
  });
});

describe('hostile input', () => {
  it('truncated, garbage and huge inputs never throw', () => {
    const good = corpus('dss_pdf-signed-original.pdf');
    const inputs: Uint8Array[] = [
      new Uint8Array(0),
      good.subarray(0, 19000),
      good.subarray(0, 37000),
      new TextEncoder().encode('<<'.repeat(200_000) + '/ByteRange'),
      new TextEncoder().encode('<</Type/Sig/Contents<' + 'ab'.repeat(3_000_000)),
      new TextEncoder().encode('[['.repeat(50_000) + '<</Type /Sig>>'),
      new Uint8Array(30 * 1024 * 1024).fill(0x25),
    ];
    for (const pdf of inputs) {
      const sigs = findSignatureDicts(pdf).signatures;
      findRevisions(pdf);
      for (const s of sigs) {
        const r = checkByteRange(pdf, s);
        expect(r.checks.length).toBeGreaterThan(0);
        contentsBytes(pdf, s);
      }
    }
    const whole = findSignatureDicts(good).signatures[0]!;
    const cut = good.subarray(0, whole.end + 10);
    const sig = findSignatureDicts(cut).signatures[0];
    // The dictionary sits before the cut, so it is found; its range runs past the end.
    expect(sig && checkByteRange(cut, sig).verdict.indication).toBe('FAILED');
  });

  it('a crafted file with many key hits and long unterminated hex stops at the work budget', () => {
    const unit = '<</A<' + 'a'.repeat(2000) + '/Sig ';
    const pdf = new TextEncoder().encode(unit.repeat(2000));
    const scan = findSignatureDicts(pdf, { maxWorkBytes: 1_000_000 });
    expect(scan).toMatchObject({ truncated: true, signatures: [] });
    expect(findSignatureDicts(pdf).signatures).toEqual([]);
  });

  it('limits bound the number of signatures reported', () => {
    const one = '<</Type/Sig/ByteRange[0 1 2 3]/Contents<00>>>\n';
    const pdf = new TextEncoder().encode(one.repeat(50));
    expect(findSignatureDicts(pdf).signatures).toHaveLength(50);
    expect(findSignatureDicts(pdf, { maxSignatures: 10 })).toMatchObject({ truncated: true });
    expect(findSignatureDicts(pdf, { maxSignatures: 10 }).signatures).toHaveLength(10);
  });

  it('random bytes around a signature dictionary never throw (property)', () => {
    const core = new TextEncoder().encode('<</Type/Sig/Filter/F/ByteRange[0 5 9 3]/Contents<0a0b>>>startxref 1 %%EOF');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(core.length), fc.uint8Array({ maxLength: 200 }), (pre, cut, post) => {
        const pdf = new Uint8Array([...pre, ...core.subarray(0, cut), ...post]);
        for (const s of findSignatureDicts(pdf).signatures) {
          checkByteRange(pdf, s);
          checkContents(pdf, s);
        }
        findRevisions(pdf);
      }),
      { numRuns: 300 },
    );
  });
});
