// readOfdLicenseParts against an independent reader: Python's zipfile + ElementTree give the TextObjects' text, the
// CustomData and the attachment; credential/qr's PNG decoder (pngjs + jsqr) reads the QR member. Lines split over
// several TextCodes read as one item; a sealed package reads the same as the unsealed one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePki, licenceWorld } from '../../../../../test/helpers/credential-pki.js';
import { issueCredential } from '../../credential/issue.js';
import { decodeQrImage } from '../../credential/qr/decode-image.js';
import { readZip } from '../../ofd/zip-read.js';
import { ZipWriter } from '../../ofd/zip-write.js';
import { readOfdLicenseParts } from './read-ofd.js';
import { licenceOfd, pageLines, signLicenceOfd, testSeal } from './test-support.js';
import { squeeze } from './text-match.js';

const tmp = mkdtempSync(join(tmpdir(), 'heyan-licofd-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const w = licenceWorld(fixturePki('sm2'));
const c = issueCredential({ record: w.record, key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate] });
const lines = pageLines(w.record);

const PY = `
import sys, zipfile, json, xml.etree.ElementTree as ET
NS = '{http://www.ofdspec.org/2016}'
z = zipfile.ZipFile(sys.argv[1])
page = ET.fromstring(z.read('Doc_0/Pages/Page_0/Content.xml'))
texts = [''.join(t.text or '' for t in o.iter(NS + 'TextCode')) for o in page.iter(NS + 'TextObject')]
ofd = ET.fromstring(z.read('OFD.xml'))
custom = [d.text for d in ofd.iter(NS + 'CustomData') if d.get('Name') == 'licenseIdentifier']
att = ET.fromstring(z.read('Doc_0/Attachs/Attachments.xml'))
loc = [a.find(NS + 'FileLoc').text for a in att.iter(NS + 'Attachment') if a.get('Name') == 'license-credential.jws'][0]
print(json.dumps({'text': texts, 'custom': custom, 'jws': z.read('Doc_0/Attachs/' + loc).decode()}))
`;

function python(ofd: Uint8Array): { text: string[]; custom: string[]; jws: string } {
  const f = join(tmp, `p${Math.random().toString(36).slice(2)}.ofd`);
  writeFileSync(f, ofd);
  const r = spawnSync('python3', ['-c', PY, f], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe('readOfdLicenseParts', () => {
  it('reads what Python reads, and the QR the PNG decoder reads; sealing changes nothing of it', () => {
    const unsigned = licenceOfd({ lines, credential: c.jws, customIdentifier: w.record.certificateIdentifier, qr: c.qr, codesPerObject: 5 });
    const sealed = signLicenceOfd(unsigned, testSeal(w.pki.signer, w.pki.party('seal-maker')), { key: w.pki.signerKey, certificate: w.pki.signer });
    const py = python(sealed);
    const qr = decodeQrImage(readZip(sealed).read('Doc_0/Res/qr.png'));
    for (const ofd of [unsigned, sealed]) {
      const p = readOfdLicenseParts(ofd);
      expect(p.problems).toEqual([]);
      // The OFD XML model trims each TextCode's text: spaces at TextCode ends are lost, which the comparison ignores.
      expect(p.text.map(squeeze)).toEqual(py.text.map(squeeze));
      expect(p.text.map(squeeze)).toEqual(lines.map(squeeze));
      expect(p.customIdentifier).toBe(py.custom[0]);
      expect(p.credentialJws).toBe(py.jws);
      expect(p.credentialJws).toBe(c.jws);
      expect(p.qrTexts).toEqual([qr]);
      expect(qr).toBe(c.qr);
    }
  });

  it('no attachment list, no CustomData: nothing claimed; the page is read only when asked', () => {
    const ofd = licenceOfd({ lines, credential: null, customIdentifier: null, qr: c.qr });
    const p = readOfdLicenseParts(ofd);
    expect(p.credentialAttached).toBe(false);
    expect(p.customIdentifier).toBeUndefined();
    expect(p.text.length).toBe(lines.length);
    expect(readOfdLicenseParts(ofd, { page: 'if-licence' }).text).toEqual([]);
  });

  it('two different CustomData identifiers: none is taken, a problem says so', () => {
    const ofd = licenceOfd({ lines, credential: c.jws, customIdentifier: 'A', qr: null });
    const z = readZip(ofd);
    const out = new ZipWriter({ date: new Date('2026-03-01T10:00:00Z') });
    for (const e of z.entries) {
      if (e.name !== 'OFD.xml') out.copyFrom(z, e);
      else out.addFile(e.name, Buffer.from(Buffer.from(z.read(e)).toString('utf8').replace('</ofd:CustomDatas>', '<ofd:CustomData Name="licenseIdentifier">B</ofd:CustomData></ofd:CustomDatas>')));
    }
    const p = readOfdLicenseParts(out.finish());
    expect(p.customIdentifier).toBeUndefined();
    expect(p.problems).toEqual(['OFD.xml gives 2 different licenseIdentifier values']);
    expect(p.credentialJws).toBe(c.jws);
  });
});

describe('OFD text no viewer shows', () => {
  const base = licenceOfd({ lines, credential: c.jws, customIdentifier: w.record.certificateIdentifier, qr: c.qr });
  /** The holder's TextObject with one attribute rewritten (its value replaced, or added). */
  const withHolder = (name: string, value: string): Uint8Array => {
    const z = readZip(base);
    const out = new ZipWriter({ date: new Date('2026-03-01T10:00:00Z') });
    let hits = 0;
    for (const e of z.entries) {
      if (e.isDirectory) continue;
      let data = z.read(e);
      if (e.name.endsWith('Content.xml')) {
        const xml = new TextDecoder().decode(data).replace(/<ofd:TextObject ([^>]*)>(<ofd:TextCode[^>]*>)([^<]*)</g, (m, attrs: string, code: string, text: string) => {
          if (text !== w.record.certificateHolder) return m;
          hits++;
          const re = new RegExp(`${name}="[^"]*"`);
          const next = re.test(attrs) ? attrs.replace(re, `${name}="${value}"`) : `${attrs} ${name}="${value}"`;
          return `<ofd:TextObject ${next}>${code}${text}<`;
        });
        data = new TextEncoder().encode(xml);
      }
      out.addFile(e.name, data);
    }
    expect(hits).toBe(1);
    return out.finish();
  };
  const holderRead = (ofd: Uint8Array) => readOfdLicenseParts(ofd, { page: 'always' }).text.includes(w.record.certificateHolder);

  it('an empty Boundary, a tiny Size or a CTM scaling it under 0.5 pt hides the holder; ordinary values do not', () => {
    expect(holderRead(base)).toBe(true);
    expect(holderRead(withHolder('Boundary', '10 10 0 5'))).toBe(false);
    expect(holderRead(withHolder('Boundary', '10 10 150 0'))).toBe(false);
    expect(holderRead(withHolder('Size', '0.1'))).toBe(false);
    expect(holderRead(withHolder('CTM', '0.01 0 0 0.01 0 0'))).toBe(false);
    expect(holderRead(withHolder('Size', '2.5'))).toBe(true);
    expect(holderRead(withHolder('CTM', '0.5 0 0 0.5 0 0'))).toBe(true);
  });
});

