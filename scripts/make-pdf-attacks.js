#!/usr/bin/env node
// Writes fixtures/pdf/attacks/: PDFs signed by heyan's own signer (the test PKI of fixtures/pki) and attacked at the byte
// level — universal signature forgery, incremental saving, signature wrapping, shadow hide/replace, certification
// violations, colliding ByteRanges — plus README.md (file → attack → expected indication → the check that must fail →
// how it was made → what pdfsig says, when pdfsig is installed). The attacks are explicit byte/offset work
// (scripts/lib/pdf-append.js), never a pdf-lib save(). Run by `npm run fixtures` after the PKI fixtures: the signatures
// must match the current keys. Checked by test/pdf-attacks.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { PNG } from 'pngjs';
import { importPrivateKey, loadCertificates, signDetached, signPdf } from '../packages/core/dist/index.js';
import { digestByteRange } from '../packages/core/dist/pdf/index.js';
import { pageRefs, signatureFields } from '../packages/core/dist/pdf/document/index.js';
import { appendUpdate, derLength, latin1, n, object, open, patch, ref, ser, signatureDicts, str, streamBody, tailOf, text, withEntries, xrefTable } from './lib/pdf-append.js';

const started = Date.now();
const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(repo, 'fixtures', 'pdf', 'attacks');
const pki = (alg, f) => readFileSync(join(repo, 'fixtures', 'pki', alg, f));
export const SIGNING_TIME = new Date('2026-01-15T08:00:00Z');
const DATE = new Date('2025-03-01T00:00:00Z');
const A4 = [595.28, 841.89];
const DIGEST = { rsa: 'sha256', p256: 'sha256', sm2: 'sm3' };

// ---------------------------------------------------------------------------------------------------------------------
// The unsigned base: two A4 pages; page 1 has INDIRECT resources (so a shadow update can change them without touching
// the page), draws a form XObject /Cover (empty when signed), and carries a filled text field "holder". Prepared but
// unreferenced when signed (the shadow objects): a white box over the licence line, a Courier font, and a second
// appearance of the holder field.
async function makeBase() {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(DATE);
  doc.setModificationDate(DATE);
  doc.setProducer('heyan scripts/make-pdf-attacks.js');
  doc.setTitle('heyan PDF attack base');
  const ctx = doc.context;
  const font = ctx.register(ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }));
  const fontAlt = ctx.register(ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Courier-BoldOblique', Encoding: 'WinAnsiEncoding' }));
  const form = (content, bbox, res = { Font: { F1: font } }) => ctx.register(ctx.stream(content, { Type: 'XObject', Subtype: 'Form', BBox: bbox, Resources: res }));
  const emptyCover = form('', [0, 0, A4[0], A4[1]], {});
  const whiteBox = form('1 g 50 705 500 30 re f', [0, 0, A4[0], A4[1]], {});
  const res1 = ctx.register(ctx.obj({ Font: { F1: font }, XObject: { Cover: emptyCover } }));
  const ap1 = form('/Tx BMC BT /F1 12 Tf 2 6 Td (Holder: Zhang San) Tj ET EMC', [0, 0, 250, 20]);
  const ap2 = form('/Tx BMC BT /F1 12 Tf 2 6 Td (Holder: Li Si) Tj ET EMC', [0, 0, 250, 20]);
  const pages = [];
  for (let i = 1; i <= 2; i++) {
    const page = doc.addPage(A4);
    const lines = [
      `BT /F1 18 Tf 56 ${A4[1] - 80} Td (heyan PDF attack base - page ${i} of 2) Tj ET`,
      `BT /F1 12 Tf 56 ${A4[1] - 120} Td (Licence no. 91110000TEST00000X / issued 2025-03-01) Tj ET`,
      ...(i === 1 ? ['/Cover Do'] : []),
    ];
    page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream(lines.join('\n'))));
    page.node.set(PDFName.of('Resources'), i === 1 ? res1 : ctx.obj({ Font: { F1: font } }));
    pages.push(page);
  }
  const field = ctx.register(
    ctx.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Tx',
      T: PDFString.of('holder'),
      V: PDFString.of('Zhang San'),
      Rect: [56, 660, 306, 680],
      F: 4,
      P: pages[0].ref,
      DA: PDFString.of('/F1 12 Tf 0 g'),
      AP: { N: ap1 },
    }),
  );
  pages[0].node.set(PDFName.of('Annots'), ctx.obj([field]));
  doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [field], DR: { Font: { F1: font } }, DA: PDFString.of('/F1 12 Tf 0 g') }));
  const id = PDFHexString.of('686579616e2d70646661747461636b31');
  ctx.trailerInfo.ID = ctx.obj([id, id]);
  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  const num = (r) => r.objectNumber;
  return { bytes, nums: { font: num(font), fontAlt: num(fontAlt), emptyCover: num(emptyCover), whiteBox: num(whiteBox), res1: num(res1), ap1: num(ap1), ap2: num(ap2), field: num(field) } };
}

/** A 200×200 red seal ring with a transparent background (PNG), drawn here so the script needs no other fixture. */
function sealPng() {
  const png = new PNG({ width: 200, height: 200 });
  for (let y = 0; y < 200; y++) {
    for (let x = 0; x < 200; x++) {
      const d = Math.hypot(x - 99.5, y - 99.5);
      const on = (d > 80 && d < 96) || (Math.abs(x - 100) < 30 && Math.abs(y - 100) < 30);
      const i = (y * 200 + x) * 4;
      png.data[i] = 220;
      png.data[i + 1] = 20;
      png.data[i + 2] = 30;
      png.data[i + 3] = on ? 255 : 0;
    }
  }
  return PNG.sync.write(png);
}

// ---------------------------------------------------------------------------------------------------------------------
const signers = {};
function signer(alg) {
  signers[alg] ??= {
    key: importPrivateKey(pki(alg, 'signer.key.pem')),
    certificate: loadCertificates(pki(alg, 'signer.pem'))[0],
    chain: [loadCertificates(pki(alg, 'intermediate.pem'))[0]],
  };
  return signers[alg];
}
const sign = async (pdf, alg, more = {}) =>
  Buffer.from(await signPdf(pdf, { signer: signer(alg), signingTime: SIGNING_TIME, reason: 'Licence issued', location: 'Beijing', name: 'heyan test signer', ...more }));

/**
 * Re-sign the signature dictionary `sd` in place: a fresh PAdES CMS over the bytes its /ByteRange names now (as
 * signPdf builds it), hex zero-padded into its /Contents. For attacks whose point is not a broken digest.
 */
function resign(pdf, sd, alg) {
  const s = signer(alg);
  const br = sd.byteRange.values;
  const digestName = DIGEST[alg];
  const digest = digestByteRange(pdf, br, digestName);
  const cms = signDetached({ content: { digest, digestName }, key: s.key, certificate: s.certificate, chain: s.chain, digest: digestName, flavour: 'pkcs7', signingTime: SIGNING_TIME, signingTimeAttribute: false, signingCertificateV2: true });
  const room = sd.contents.end - sd.contents.start - 2;
  const hex = Buffer.from(cms).toString('hex').toUpperCase();
  if (hex.length > room) throw new Error('resign: the CMS does not fit');
  return patch(pdf, sd.contents.start, sd.contents.end, `<${hex.padEnd(room, '0')}>`);
}

// ---------------------------------------------------------------------------------------------------------------------
// Helpers over the document model (numbers of page 1, its content, the signature objects).
const page1 = (doc) => pageRefs(doc).refs[0].num;
const dictOf = (doc, num) => {
  const o = object(doc, num);
  if (o.t !== 'dict') throw new Error(`object ${num} is not a dictionary`);
  return o.v;
};
const serDict = (doc, map) => ser({ t: 'dict', v: map }, doc);
const sigField = (doc) => {
  const f = signatureFields(doc).find((x) => x.value);
  if (!f) throw new Error('no signed signature field');
  return f;
};

/** Add annotations (bodies, by their new numbers) to page 1's /Annots (an inline array rewrites the page). */
function addAnnotations(pdf, makeBodies) {
  const { doc, size } = tailOf(pdf);
  const pnum = page1(doc);
  const page = dictOf(doc, pnum);
  const bodies = makeBodies({ doc, next: size, pageRef: ref(pnum) });
  const refs = bodies.map((b) => ref(b.num));
  const annots = page.get('Annots');
  const objects = [...bodies];
  if (annots?.t === 'ref') {
    const a = doc.resolve(annots);
    objects.push({ num: annots.num, body: ser({ t: 'array', v: [...a.v, ...refs] }, doc) });
  } else {
    objects.push({ num: pnum, body: serDict(doc, withEntries(page, { Annots: { t: 'array', v: [...(annots?.v ?? []), ...refs] } })) });
  }
  return appendUpdate(pdf, objects).bytes;
}

/** A FreeText "VOID" and a white Square (both with appearances) over `rect` — the seal, or the licence line. */
function voidAnnotations(rect) {
  return ({ next, pageRef }) => {
    const [x0, y0, x1, y1] = rect;
    const w = x1 - x0;
    const h = y1 - y0;
    const box = `[${x0} ${y0} ${x1} ${y1}]`;
    const square = streamBody(`/Type /XObject /Subtype /Form /BBox [0 0 ${w} ${h}]`, `1 g 0 0 ${w} ${h} re f`);
    const freeText = streamBody(
      `/Type /XObject /Subtype /Form /BBox [0 0 ${w} ${h}] /Resources << /Font << /Helv << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>`,
      `BT 1 0 0 rg /Helv 24 Tf 4 ${h / 2 - 8} Td (VOID) Tj ET`,
    );
    return [
      { num: next, body: `<< /Type /Annot /Subtype /Square /Rect ${box} /C [1 1 1] /IC [1 1 1] /F 4 /P ${text(ser(pageRef))} /AP << /N ${next + 2} 0 R >> >>` },
      { num: next + 1, body: `<< /Type /Annot /Subtype /FreeText /Rect ${box} /Contents (VOID) /DA (/Helv 24 Tf 1 0 0 rg) /F 4 /P ${text(ser(pageRef))} /AP << /N ${next + 3} 0 R >> >>` },
      { num: next + 2, body: square },
      { num: next + 3, body: freeText },
    ];
  };
}

/** Rewrite the holder text field: value "Li Si" with a NEW appearance stream (ordinary form filling). */
function fillHolder(pdf, nums) {
  const { doc, size } = tailOf(pdf);
  const field = dictOf(doc, nums.field);
  const apN = streamBody(`/Type /XObject /Subtype /Form /BBox [0 0 250 20] /Resources << /Font << /F1 ${nums.font} 0 R >> >>`, '/Tx BMC BT /F1 12 Tf 2 6 Td (Holder: Li Si) Tj ET EMC');
  const changed = withEntries(field, { V: str('Li Si'), AP: { t: 'dict', v: new Map([['N', ref(size)]]) } });
  return appendUpdate(pdf, [
    { num: size, body: apN },
    { num: nums.field, body: serDict(doc, changed) },
  ]).bytes;
}

// ---------------------------------------------------------------------------------------------------------------------
// Attacks. Each returns the attacked bytes; `check` is the check id that must fail, `how` one line for the README.
const FORGED = 'BT /F1 18 Tf 56 761.89 Td (FORGED - this licence was never issued) Tj ET';

function usf(S) {
  const sd = signatureDicts(S)[0];
  const c = sd.contents;
  const br = sd.byteRange;
  const [, a, b, l] = br.values;
  const key = (name, at) => {
    const s = at - name.length;
    if (text(S.subarray(s, at)) !== name) throw new Error(`expected ${name.trim()} before offset ${at}`);
    return s;
  };
  const { size } = tailOf(S);
  const indirect = patch(S, br.start, br.end, `${size} 0 R`);
  return {
    'usf-contents-empty': patch(S, c.start, c.end, '<>'),
    'usf-contents-zero': patch(S, c.start, c.end, `<${'0'.repeat(c.end - c.start - 2)}>`),
    'usf-contents-removed': patch(S, key('/Contents ', c.start), c.end, ''),
    'usf-byterange-missing': patch(S, key('/ByteRange ', br.start), br.end, ''),
    'usf-byterange-two-numbers': patch(S, br.start, br.end, `[0 ${a}]`),
    'usf-byterange-negative': patch(S, br.start, br.end, `[0 ${a} -${b} ${l}]`),
    'usf-byterange-not-at-zero': patch(S, br.start, br.end, `[1 ${a - 1} ${b} ${l}]`),
    'usf-byterange-past-eof': patch(S, br.start, br.end, `[0 ${a} ${b} ${l + 4096}]`),
    'usf-byterange-indirect': appendUpdate(indirect, [{ num: size, body: `[0 ${a} ${b} ${l}]` }]).bytes,
  };
}

function isa(S, Sseal) {
  const r = {};
  // (a) page 1 points at a new content stream.
  {
    const { doc, size } = tailOf(S);
    const p = page1(doc);
    r['isa-page-content'] = appendUpdate(S, [
      { num: size, body: streamBody('', FORGED) },
      { num: p, body: serDict(doc, withEntries(dictOf(doc, p), { Contents: ref(size) })) },
    ]).bytes;
  }
  // (b) a third page.
  {
    const { doc, size } = tailOf(S);
    const pagesRef = doc.catalog().get('Pages');
    const pages = dictOf(doc, pagesRef.num);
    const font = doc.resolve(doc.resolve(dictOf(doc, page1(doc)).get('Resources')).v.get('Font')).v.get('F1');
    r['isa-add-page'] = appendUpdate(S, [
      { num: size, body: `<< /Type /Page /Parent ${pagesRef.num} 0 R /MediaBox [0 0 ${A4[0]} ${A4[1]}] /Contents ${size + 1} 0 R /Resources << /Font << /F1 ${text(ser(font))} >> >> >>` },
      { num: size + 1, body: streamBody('', FORGED) },
      { num: pagesRef.num, body: serDict(doc, withEntries(pages, { Kids: { t: 'array', v: [...pages.get('Kids').v, ref(size)] }, Count: n(pages.get('Count').v + 1) })) },
    ]).bytes;
  }
  // (c) annotations over the seal.
  {
    const doc = open(Sseal);
    const widget = dictOf(doc, sigField(doc).widgets[0].num);
    const rect = widget.get('Rect').v.map((x) => x.v);
    r['isa-annotation-over-seal'] = addAnnotations(Sseal, voidAnnotations(rect));
  }
  // (d) an object appended with no xref section, trailer or %%EOF (viewers that repair show it).
  {
    const { doc, size } = tailOf(S);
    const p = page1(doc);
    const body = Buffer.concat([
      latin1(`\n${size} 0 obj\n`),
      streamBody('', FORGED),
      latin1(`\nendobj\n${p} 0 obj\n`),
      serDict(doc, withEntries(dictOf(doc, p), { Contents: ref(size) })),
      latin1('\nendobj\n'),
    ]);
    r['isa-tail-no-xref'] = Buffer.concat([S, body]);
  }
  // (e) a new xref section re-points page 1's existing content stream number to a new definition.
  {
    const { doc } = tailOf(S);
    const contents = dictOf(doc, page1(doc)).get('Contents');
    r['isa-xref-repoint'] = appendUpdate(S, [{ num: contents.num, gen: contents.gen, body: streamBody('', FORGED) }]).bytes;
  }
  // (f) the signature dictionary rewritten with another /Reason (same /ByteRange and /Contents).
  {
    const { doc } = tailOf(S);
    const v = sigField(doc);
    const sig = dictOf(doc, v.value.num);
    r['isa-reason-spoofed'] = appendUpdate(S, [{ num: v.value.num, body: serDict(doc, withEntries(sig, { Reason: str('Approved without reservation by the licensing authority') })) }]).bytes;
  }
  // (g) the seal's appearance stream (widget /AP /N) overwritten in place.
  {
    const { doc } = tailOf(Sseal);
    const widget = dictOf(doc, sigField(doc).widgets[0].num);
    const apRef = doc.resolve(widget.get('AP')).v.get('N');
    const ap = object(doc, apRef.num);
    const bbox = ap.dict.get('BBox').v.map((x) => x.v);
    r['isa-seal-appearance'] = appendUpdate(Sseal, [
      { num: apRef.num, body: streamBody(`/Type /XObject /Subtype /Form /BBox [${bbox.join(' ')}]`, `0 0 1 rg 0 0 ${bbox[2]} ${bbox[3]} re f`) },
    ]).bytes;
  }
  return r;
}

/**
 * Signature wrapping (dss_siwa.pdf style): the hex string is cut after the CMS; after it the dictionary gets a second
 * /ByteRange [0 a b' c] and is closed; attacker objects follow (page 1's content redefined); at the signed revision's
 * xref offset X (which the moved tail's `startxref X` still names) sits the attacker's xref; the signed tail is moved
 * to b'. The signed bytes [0,a) + tail are unchanged, so the CMS still matches them.
 */
function swa(F) {
  const sd = signatureDicts(F)[0];
  const [, a, b, l] = sd.byteRange.values;
  const { doc, last } = tailOf(F);
  const X = last.xrefOffset;
  const cmsHexLen = 2 * derLength(Buffer.from(text(F.subarray(a + 1, a + 1 + 16)), 'hex'));
  const contentsNum = dictOf(doc, page1(doc)).get('Contents');
  const head = Buffer.concat([F.subarray(0, a + 1 + cmsHexLen), latin1('>')]);
  const injectedAt = head.length + 64; // after the dictionary's new end (written below once b' is known)
  const injected = Buffer.concat([latin1(`${contentsNum.num} ${contentsNum.gen} obj\n`), streamBody('', FORGED), latin1('\nendobj\n')]);
  const offsets = new Map();
  for (const [num, e] of last.entries) {
    if (e.kind !== 'offset') offsets.set(num, { free: true });
    else offsets.set(num, { offset: e.offset, gen: e.gen });
  }
  offsets.set(contentsNum.num, { offset: injectedAt, gen: contentsNum.gen });
  const trailer = `trailer\n${text(ser({ t: 'dict', v: last.trailer }, doc))}\n`;
  // b' depends on the xref length, which depends on b' (shifted offsets): iterate to a fixed point.
  let b2 = X + 4096;
  let xref = '';
  for (let i = 0; i < 4; i++) {
    const shifted = new Map([...offsets].map(([num, e]) => [num, e.free || e.offset < b || num === contentsNum.num ? e : { ...e, offset: e.offset - b + b2 }]));
    xref = xrefTable(shifted) + trailer;
    b2 = X + xref.length;
  }
  const dictEnd = latin1(` /ByteRange [0 ${a} ${b2} ${l}] >>\nendobj\n`);
  if (head.length + dictEnd.length > injectedAt || injectedAt + injected.length > X) throw new Error(`SWA: no room before the xref at ${X}`);
  const outBuf = Buffer.alloc(b2 + l, 0x20);
  head.copy(outBuf, 0);
  dictEnd.copy(outBuf, head.length);
  injected.copy(outBuf, injectedAt);
  latin1(xref).copy(outBuf, X);
  F.subarray(b, b + l).copy(outBuf, b2);
  return outBuf;
}

/** Shadow attacks on objects prepared before signing and unreferenced then. */
function shadow(S, nums) {
  const { doc } = tailOf(S);
  const res = dictOf(doc, nums.res1);
  const xo = doc.resolve(res.get('XObject')).v;
  const fonts = doc.resolve(res.get('Font')).v;
  const field = dictOf(doc, nums.field);
  return {
    'shadow-hide': appendUpdate(S, [{ num: nums.res1, body: serDict(doc, withEntries(res, { XObject: { t: 'dict', v: withEntries(xo, { Cover: ref(nums.whiteBox) }) } })) }]).bytes,
    'shadow-replace-font': appendUpdate(S, [{ num: nums.res1, body: serDict(doc, withEntries(res, { Font: { t: 'dict', v: withEntries(fonts, { F1: ref(nums.fontAlt) }) } })) }]).bytes,
    'shadow-replace-field': appendUpdate(S, [{ num: nums.field, body: serDict(doc, withEntries(field, { V: str('Li Si'), AP: { t: 'dict', v: new Map([['N', ref(nums.ap2)]]) } })) }]).bytes,
  };
}

async function certification(base, nums) {
  const C1 = await sign(base, 'rsa', { certify: 1, fieldName: 'Certification' });
  const C2 = await sign(base, 'rsa', { certify: 2, fieldName: 'Certification' });
  // signPdf refuses to sign after P=1: sign a twin whose /P reads 2, then put that update after the real P=1 file and
  // sign it again over the real bytes (same lengths, so the /ByteRange stays right).
  const at = text(C1).lastIndexOf('/P 1 /V');
  if (at < 0) throw new Error('no /P 1 in the certification');
  const twin = patch(C1, at, at + 7, '/P 2 /V');
  const S2 = await sign(twin, 'p256', { fieldName: 'Signature2', reason: 'Second signature' });
  let p1sig = Buffer.concat([C1, S2.subarray(C1.length)]);
  p1sig = resign(p1sig, signatureDicts(p1sig).at(-1), 'p256');
  const cover = [56, 700, 560, 740];
  return {
    bases: { 'base-certified-p1': C1, 'base-certified-p2': C2 },
    attacks: {
      'cert-p1-signature': p1sig,
      'cert-p1-annotation': addAnnotations(C1, voidAnnotations(cover)),
      'cert-p1-form-fill': fillHolder(C1, nums),
      'cert-p2-annotation': addAnnotations(C2, voidAnnotations(cover)),
    },
  };
}

/** Two signatures whose ranges collide: the second one's gap starts at the first one's /Contents (re-signed). */
async function overlap(S) {
  const S2 = await sign(S, 'p256', { fieldName: 'Signature2', reason: 'Second signature' });
  const [, sd2] = signatureDicts(S2);
  const [, a1] = signatureDicts(S)[0].byteRange.values;
  const [, , b2, l2] = sd2.byteRange.values;
  const patched = patch(S2, sd2.byteRange.start, sd2.byteRange.end, `[0 ${a1} ${b2} ${l2}]`);
  return resign(patched, signatureDicts(patched)[1], 'p256');
}

// ---------------------------------------------------------------------------------------------------------------------
const TABLE = [];
const files = {};
const add = (file, bytes, attack, check, how, expect = check ? 'FAILED' : 'PASSED') => {
  files[file] = bytes;
  TABLE.push({ file: `${file}.pdf`, attack, expect, check: check ?? '—', how });
};

const { bytes: base, nums } = await makeBase();
const S = await sign(base, 'rsa');
const Ssm2 = await sign(base, 'sm2');
const seal = { appearance: { page: 1, rect: [130, 200, 40, 40], image: { png: sealPng() } } };
const Sseal = await sign(base, 'rsa', seal);
const Ssm2seal = await sign(base, 'sm2', seal);
add('base-unsigned', Buffer.from(base), 'none (the unsigned base of every fixture)', null, 'pdf-lib; prepared shadow objects: white box, Courier font, second field appearance', 'FAILED (not signed)');
add('base-signed-rsa', S, 'none: PAdES B-B, RSA signer', null, 'signPdf(base) with fixtures/pki/rsa/signer');
add('base-signed-sm2', Ssm2, 'none: PAdES B-B, SM2 signer', null, 'signPdf(base) with fixtures/pki/sm2/signer');
add('base-signed-sm2-seal', Ssm2seal, 'none: PAdES B-B, SM2, visible seal on page 1', null, 'signPdf(base, appearance PNG at 130,200 mm 40×40)');
add('base-signed-rsa-seal', Sseal, 'none: PAdES B-B, RSA, visible seal on page 1', null, 'signPdf(base, appearance PNG at 130,200 mm 40×40)');

const U = usf(S);
const USF_HOW = {
  'usf-contents-empty': ['USF: /Contents <>', 'pdf.contents.hex', 'hex string replaced by `<>` + spaces in place'],
  'usf-contents-zero': ['USF: /Contents all zeros', 'pdf.contents.hex', 'every hex digit set to 0 in place'],
  'usf-contents-removed': ['USF: /Contents removed', 'pdf.contents.hex', '`/Contents <…>` blanked with spaces'],
  'usf-byterange-missing': ['USF: /ByteRange removed', 'pdf.byte-range.format', '`/ByteRange […]` blanked with spaces'],
  'usf-byterange-two-numbers': ['USF: /ByteRange [0 a]', 'pdf.byte-range.format', 'array rewritten in place with 2 numbers'],
  'usf-byterange-negative': ['USF: /ByteRange with a negative number', 'pdf.byte-range.format', '[0 a -b c] in place'],
  'usf-byterange-not-at-zero': ['USF: /ByteRange starting at 1', 'pdf.byte-range.start', '[1 a-1 b c] in place'],
  'usf-byterange-past-eof': ['USF: /ByteRange past the end of the file', 'pdf.byte-range.bounds', '[0 a b c+4096] in place'],
  'usf-byterange-indirect': ['USF: /ByteRange as an indirect reference', 'pdf.byte-range.format', '`/ByteRange N 0 R` in place; N = the original array, in an appended update'],
};
for (const [f, bytes] of Object.entries(U)) add(f, bytes, ...USF_HOW[f]);

const I = isa(S, Sseal);
add('isa-page-content', I['isa-page-content'], 'ISA: page 1 /Contents replaced by new text', 'pdf.changes.pages', 'update: new content stream + page 1 rewritten to use it');
add('isa-add-page', I['isa-add-page'], 'ISA: a page added', 'pdf.changes.pages', 'update: new page + /Pages /Kids and /Count rewritten');
add('isa-annotation-over-seal', I['isa-annotation-over-seal'], 'ISA: Square + FreeText "VOID" annotations over the seal', 'pdf.changes.annotations', 'update on base-signed-rsa-seal: 2 annotations (with appearances) at the seal widget /Rect, page /Annots extended');
add('isa-tail-no-xref', I['isa-tail-no-xref'], 'ISA: objects appended with no xref/trailer/%%EOF', 'pdf.revision.tail', 'new content stream + page 1 redefinition appended raw');
add('isa-xref-repoint', I['isa-xref-repoint'], 'ISA: new xref section re-points page 1\'s content stream number to new text', 'pdf.changes.appearance', 'update defining only the existing content object number anew');
add('isa-reason-spoofed', I['isa-reason-spoofed'], 'ISA: signature dictionary rewritten with another /Reason', 'pdf.changes.signature-dictionary', 'update: the /Sig object again, same /ByteRange and /Contents, new /Reason');
add('isa-seal-appearance', I['isa-seal-appearance'], 'ISA: the seal appearance stream overwritten (blue box)', 'pdf.changes.appearance', 'update on base-signed-rsa-seal redefining the widget /AP /N form XObject');

add('swa-wrapping', swa(Sseal), 'SWA: signed tail moved, hole enlarged with attacker objects, second /ByteRange', 'pdf.byte-range.gap', 'base-signed-rsa-seal: hex cut after the CMS, `/ByteRange [0 a b\' c] >> endobj`, page 1 content redefined, attacker xref at the old startxref offset, signed tail moved to b\'');

const I2 = isa(Ssm2, Ssm2seal);
add('sm2-isa-page-content', I2['isa-page-content'], 'ISA on an SM2 signature: page 1 /Contents replaced', 'pdf.changes.pages', 'as isa-page-content, on base-signed-sm2');
add('sm2-isa-annotation-over-seal', I2['isa-annotation-over-seal'], 'ISA on an SM2 seal: annotations over the seal', 'pdf.changes.annotations', 'as isa-annotation-over-seal, on base-signed-sm2-seal');
add('sm2-swa-wrapping', swa(Ssm2seal), 'SWA on an SM2 seal signature', 'pdf.byte-range.gap', 'as swa-wrapping, on base-signed-sm2-seal');

const SH = shadow(S, nums);
add('shadow-hide', SH['shadow-hide'], 'Shadow hide: page 1 /Cover re-pointed to a prepared white box over the licence line', 'pdf.changes.appearance', 'update rewriting only the (indirect) resources dictionary of page 1');
add('shadow-replace-font', SH['shadow-replace-font'], 'Shadow replace: /F1 re-pointed to a prepared Courier font', 'pdf.changes.appearance', 'update rewriting only the resources dictionary of page 1');
add('shadow-replace-field', SH['shadow-replace-field'], 'Shadow replace: holder field value + appearance swapped to a prepared one', 'pdf.changes.appearance', 'update rewriting the field: /V (Li Si), /AP /N → the prepared stream');

const CERT = await certification(base, nums);
add('base-certified-p1', CERT.bases['base-certified-p1'], 'none: certification signature DocMDP P=1', null, 'signPdf(base, certify 1)');
add('base-certified-p2', CERT.bases['base-certified-p2'], 'none: certification signature DocMDP P=2', null, 'signPdf(base, certify 2)');
add('cert-p1-signature', CERT.attacks['cert-p1-signature'], 'Certification P=1, then a second (valid) signature', 'pdf.changes.doc-mdp', 'signPdf on a twin reading /P 2, its update put after the P=1 file and re-signed (P-256)');
add('cert-p1-annotation', CERT.attacks['cert-p1-annotation'], 'Certification P=1, then annotations over the licence line', 'pdf.changes.doc-mdp', 'update: Square + FreeText on page 1');
add('cert-p1-form-fill', CERT.attacks['cert-p1-form-fill'], 'Certification P=1, then the holder field filled', 'pdf.changes.doc-mdp', 'update: field /V + new appearance stream');
add('cert-p2-annotation', CERT.attacks['cert-p2-annotation'], 'Certification P=2 (form filling only), then annotations', 'pdf.changes.doc-mdp', 'update: Square + FreeText on page 1');

add('overlap-byteranges', await overlap(S), 'Overlap: the second signature\'s gap starts inside the first one\'s signed bytes', 'pdf.byte-range.collision', 'second signPdf (P-256), its /ByteRange patched to [0 a₁ b₂ c₂] and re-signed');

// ---------------------------------------------------------------------------------------------------------------------
/** pdfsig's verdict per signature ("Valid, total" …), or undefined when pdfsig is not installed. */
function pdfsig(path) {
  const r = spawnSync('pdfsig', ['-nocert', path], { encoding: 'latin1', timeout: 30_000 });
  if (r.error) return undefined;
  const sigs = (r.stdout ?? '').split(/^Signature #\d+:/m).slice(1);
  if (sigs.length === 0) return (r.stdout + r.stderr).trim().split('\n').at(-1) || `exit ${r.status}`;
  return sigs
    .map((s, i) => {
      const v = /Signature Validation: (.+)/.exec(s)?.[1]?.trim() ?? '?';
      const total = /Total document signed/.test(s) ? 'total' : /Not total document signed/.test(s) ? 'not total' : 'no range';
      return `#${i + 1} ${v} (${total})`;
    })
    .join('; ');
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [f, bytes] of Object.entries(files)) writeFileSync(join(out, `${f}.pdf`), bytes);
for (const row of TABLE) row.pdfsig = pdfsig(join(out, row.file)) ?? 'pdfsig not installed';
const esc = (s) => String(s).replace(/\|/g, '\\|');
writeFileSync(
  join(out, 'README.md'),
  `# PDF attack fixtures (\`fixtures/pdf/attacks/\`)

Generated by \`node scripts/make-pdf-attacks.js\` (part of \`npm run fixtures\`; needs the built core and the test PKI of
\`fixtures/pki\`). Do not edit by hand: every run re-signs with the current test keys. Base: \`base-unsigned.pdf\`
(pdf-lib, two A4 pages; page 1 has indirect resources, draws an empty form XObject \`/Cover\` and carries a filled text
field \`holder\`; prepared but unreferenced when signed: a white box over the licence line, a Courier font and a second
appearance of the field). Signatures: heyan's \`signPdf\` (PAdES B-B, /M ${SIGNING_TIME.toISOString()}) with
\`fixtures/pki/{rsa,sm2,p256}/signer\`. Attacks are byte/offset edits and appended incremental updates
(\`scripts/lib/pdf-append.js\`), never a re-save. Checked by \`test/pdf-attacks.test.ts\` (validation time 2030-01-01,
trust anchors the three test roots). "pdfsig" is poppler \`pdfsig -nocert\` at generation time — it shows where a
verifier that only checks the CMS over the ByteRange is fooled.

| file | attack | expected | check that must fail | how it was made | pdfsig |
|---|---|---|---|---|---|
${TABLE.map((r) => `| \`${r.file}\` | ${esc(r.attack)} | ${r.expect} | ${r.check === '—' ? '—' : `\`${r.check}\``} | ${esc(r.how)} | ${esc(r.pdfsig)} |`).join('\n')}
`,
);
console.log(`wrote ${TABLE.length} PDFs and README.md to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
