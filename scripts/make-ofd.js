#!/usr/bin/env node
// Writes fixtures/ofd/: small unsigned OFDs (written with heyan's ZIP writer, laid out as ofdrw lays them out) and
// the same documents signed with heyan's OFD signer, the SM2 test signer of fixtures/pki/sm2 and an electronic seal
// (fixtures/seal/*.esl when one there lists the signer, else one made here by the SM2 seal maker).
// Run by `npm run fixtures` after the PKI (and seal) fixtures: the signatures must match the current keys.
import { deflateSync, crc32 } from 'node:zlib';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZipWriter, createSeal, createTsa, decodeSeal, importPrivateKey, loadCertificates, signOfd } from '../packages/core/dist/index.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const NS = 'http://www.ofdspec.org/2016';
const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const OFD_DATE = new Date('2026-01-15T08:00:00Z');
/** Signing times of the fixtures: inside the seal's and the test PKI's validity. */
export const SIGNING_TIME = new Date('2026-01-15T08:00:00Z');
export const SECOND_SIGNING_TIME = new Date('2026-01-16T08:00:00Z');

const utf8 = (s) => new TextEncoder().encode(s);
const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/**
 * An unsigned OFD: OFD.xml, Doc_0/Document.xml (A4 PageArea), Doc_0/PublicRes.xml (one font), one Content.xml per
 * page with a TextObject. `images` (byte arrays) become Doc_0/Res/image_N.jpg MultiMedia resources drawn on page 1,
 * written with `imageMethod` ('store' or 'deflate'; for large test documents). `directories`: write directory
 * entries, as ofdrw does.
 */
export function buildOfd({ pages = 1, title = '核验测试文档', text = '电子证照核验测试 heyan & OFD', images = [], imageMethod = 'store', directories = true, date = OFD_DATE } = {}) {
  let id = 0;
  const next = () => ++id;
  const pageIds = Array.from({ length: pages }, () => next());
  const fontId = next();
  const imageIds = images.map(() => next());
  const pageXml = pageIds.map((_, i) => {
    const layer = next();
    const textObj = next();
    const line = `${text}（第 ${i + 1} 页）`;
    const chars = [...line];
    const deltaX = chars.slice(1).map(() => '5').join(' ');
    const imgs = i === 0 ? imageIds.map((rid, k) => `<ofd:ImageObject ID="${next()}" ResourceID="${rid}" Boundary="20 ${60 + k * 10} 40 30" CTM="40 0 0 30 0 0"/>`).join('') : '';
    return (
      `${DECL}<ofd:Page xmlns:ofd="${NS}"><ofd:Content><ofd:Layer ID="${layer}">` +
      `<ofd:TextObject ID="${textObj}" Boundary="25 30 160 8" Font="${fontId}" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="${deltaX}">${esc(line)}</ofd:TextCode></ofd:TextObject>` +
      `${imgs}</ofd:Layer></ofd:Content></ofd:Page>`
    );
  });
  const media = images.length
    ? `<ofd:MultiMedias>${imageIds.map((rid, k) => `<ofd:MultiMedia ID="${rid}" Type="Image" Format="JPEG"><ofd:MediaFile>image_${rid}_${k}.jpg</ofd:MediaFile></ofd:MultiMedia>`).join('')}</ofd:MultiMedias>`
    : '';
  const docId = (crc32(utf8(`${title}|${pages}|${images.length}`)) >>> 0).toString(16).padStart(8, '0').repeat(4);
  const files = [
    [
      'OFD.xml',
      `${DECL}<ofd:OFD xmlns:ofd="${NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>${docId}</ofd:DocID>` +
        `<ofd:Title>${esc(title)}</ofd:Title><ofd:CreationDate>${date.toISOString().slice(0, 10)}</ofd:CreationDate><ofd:Creator>heyan</ofd:Creator>` +
        `</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
    ],
    [
      'Doc_0/Document.xml',
      `${DECL}<ofd:Document xmlns:ofd="${NS}"><ofd:CommonData><ofd:MaxUnitID>${id}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>` +
        `<ofd:ApplicationBox>0 0 210 297</ofd:ApplicationBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>` +
        pageIds.map((pid, i) => `<ofd:Page ID="${pid}" BaseLoc="Pages/Page_${i}/Content.xml"/>`).join('') +
        `</ofd:Pages></ofd:Document>`,
    ],
    [
      'Doc_0/PublicRes.xml',
      `${DECL}<ofd:Res xmlns:ofd="${NS}" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="${fontId}" FontName="宋体" FamilyName="宋体"/></ofd:Fonts>${media}</ofd:Res>`,
    ],
    ...pageXml.map((x, i) => [`Doc_0/Pages/Page_${i}/Content.xml`, x]),
  ];
  const w = new ZipWriter({ date });
  const dir = (name) => {
    if (!directories) return;
    const parts = name.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const d = `${parts.slice(0, i).join('/')}/`;
      if (!w.has(d)) w.addDirectory(d);
    }
  };
  for (const [name, xml] of files) {
    dir(name);
    w.addFile(name, utf8(xml));
  }
  images.forEach((bytes, k) => {
    const name = `Doc_0/Res/image_${imageIds[k]}_${k}.jpg`;
    dir(name);
    w.addFile(name, bytes, { method: imageMethod });
  });
  return w.finish();
}

/** A red ring on a transparent background, as an RGBA PNG of `px`×`px` pixels (the seal picture). */
export function stampPng(px = 96) {
  const row = 1 + px * 4;
  const raw = Buffer.alloc(row * px);
  const c = (px - 1) / 2;
  for (let y = 0; y < px; y++) {
    for (let x = 0; x < px; x++) {
      const r = Math.hypot(x - c, y - c) / c;
      const star = Math.abs(x - c) + Math.abs(y - c) < c * 0.35;
      if ((r > 0.82 && r <= 1) || star) raw.set([0xd0, 0x10, 0x10, 0xff], y * row + 1 + x * 4);
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(px, 0);
  ihdr.writeUInt32BE(px, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]),
  );
}

/** The SM2 test signer (key + certificate) and seal maker of fixtures/pki/sm2. */
export function sm2Parties(pkiDir = join(repo, 'fixtures/pki/sm2')) {
  const read = (f) => readFileSync(join(pkiDir, f));
  return {
    signerKey: importPrivateKey(read('signer.key.pem')),
    signer: loadCertificates(read('signer.pem'))[0],
    makerKey: importPrivateKey(read('seal-maker.key.pem')),
    maker: loadCertificates(read('seal-maker.pem'))[0],
    tsaKey: importPrivateKey(read('tsa.key.pem')),
    tsa: loadCertificates(read('tsa.pem'))[0],
  };
}

/** A v4 seal made by the SM2 seal maker for the SM2 signer, valid 2026-01-01 .. 2036-01-01, 40×40 mm. */
export function makeSeal(parties = sm2Parties()) {
  return createSeal({
    esID: '11010800000001',
    type: 1,
    name: '核验测试专用章',
    signerCertificates: [parties.signer],
    picture: { type: 'png', data: stampPng(), widthMm: 40, heightMm: 40 },
    createDate: new Date('2026-01-01T00:00:00Z'),
    validStart: new Date('2026-01-01T00:00:00Z'),
    validEnd: new Date('2036-01-01T00:00:00Z'),
    makerKey: parties.makerKey,
    makerCertificate: parties.maker,
  });
}

/** A seal of fixtures/seal/ that lists the signer and is valid at both signing times, else undefined. */
function sealFromFixtures(signer) {
  const dir = join(repo, 'fixtures/seal');
  if (!existsSync(dir)) return undefined;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.esl')).sort()) {
    try {
      const bytes = new Uint8Array(readFileSync(join(dir, f)));
      const s = decodeSeal(bytes);
      const p = s.property;
      const listed = p.certList.kind === 'certs' && p.certList.certs.some((c) => Buffer.compare(Buffer.from(c), Buffer.from(signer.der)) === 0);
      if (s.version === 4 && listed && p.validStart <= SIGNING_TIME && p.validEnd >= SECOND_SIGNING_TIME && s.tolerances.length === 0) return { bytes, file: `fixtures/seal/${f}` };
    } catch {
      // not a usable seal: try the next one
    }
  }
  return undefined;
}

export function makeOfdFixtures(out = join(repo, 'fixtures/ofd')) {
  mkdirSync(out, { recursive: true });
  const parties = sm2Parties();
  const found = sealFromFixtures(parties.signer);
  const seal = found?.bytes ?? makeSeal(parties);
  const write = (name, bytes) => writeFileSync(join(out, name), bytes);
  const sign = (ofd, extra = {}) =>
    signOfd({ ofd, seal, key: parties.signerKey, certificate: parties.signer, signingTime: SIGNING_TIME, provider: { name: 'heyan', company: 'heyan', version: '0.1.0' }, ...extra });

  const unsigned = buildOfd();
  const unsigned2 = buildOfd({ pages: 2 });
  write('unsigned.ofd', unsigned);
  write('unsigned-2p.ofd', unsigned2);
  write('seal.esl', seal);
  write('signed-once.ofd', sign(unsigned));
  const first = sign(unsigned2);
  write('signed-twice.ofd', sign(first, { page: 2, at: { x: 120, y: 200 }, signingTime: SECOND_SIGNING_TIME }));
  write('signed-protected.ofd', sign(unsigned, { protectAll: true }));
  // RFC 3161 timestamp over the signature value, from the SM2 test TSA, one second after signing.
  const tsa = createTsa(parties.tsaKey, parties.tsa, { clock: () => new Date(SIGNING_TIME.getTime() + 1000) });
  write('signed-timestamped.ofd', sign(unsigned, { timestamp: tsa }));
  return { seal: found?.file ?? 'made by scripts/make-ofd.js (createSeal)' };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = makeOfdFixtures();
  console.log(`fixtures/ofd written (seal: ${r.seal})`);
}
