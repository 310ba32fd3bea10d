// verify() opens a licence OFD once: the licence layer reads its parts from the package verifyOfd opened (a fresh()
// view of OfdVerifyResult.package), and opens the bytes itself only when called on bytes alone. The parts read from
// the view are the parts read from the bytes, for a sealed licence OFD and for damaged copies of it.
import { describe, expect, it, vi } from 'vitest';
import { AT, fixturePki, licenceWorld } from '../../../../../test/helpers/credential-pki.js';
import { issueCredential } from '../../credential/issue.js';
import { verifyOfd } from '../../ofd/verify.js';
import { ZipWriter } from '../../ofd/zip-write.js';
import { verify } from '../../verify.js';
import { readOfdLicenseParts, readOfdParts } from './read-ofd.js';
import { licenceOfd, pageLines, signLicenceOfd, testSeal } from './test-support.js';

const opened = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../ofd/zip-read.js', async (original) => {
  const m = await original<typeof import('../../ofd/zip-read.js')>();
  return { ...m, readZip: (...a: Parameters<typeof m.readZip>) => (opened.count++, m.readZip(...a)) };
});

describe('licence OFD parsing', () => {
  const w = licenceWorld(fixturePki('sm2'));
  const c = issueCredential({ record: w.record, key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate] });
  const maker = w.pki.party('seal-maker');
  const seal = testSeal(w.pki.signer, { key: maker.key, cert: maker.cert });
  const sealed = signLicenceOfd(licenceOfd({ lines: pageLines(w.record), credential: c.jws, customIdentifier: w.record.certificateIdentifier, qr: c.qr }), seal, { key: w.pki.signerKey, certificate: w.pki.signer });

  it('verify opens the package once; the layer alone opens it itself', async () => {
    opened.count = 0;
    const r = await verify(sealed, { bundle: w.bundle, at: AT });
    expect(r.checks.find((x) => x.id === 'license.document.qr')?.status).toBe('passed');
    expect(r.checks.find((x) => x.id === 'license.document.text')?.status).toBe('passed');
    expect(opened.count).toBe(1);
    expect(readOfdLicenseParts(sealed).qrTexts).toEqual([c.qr]);
    expect(opened.count).toBe(2);
  });

  it('the parts from the verifier’s package are the parts from the bytes, damaged copies included', async () => {
    const { readZip } = await import('../../ofd/zip-read.js');
    const replace = (name: string, data: Uint8Array): Uint8Array => {
      const z = readZip(sealed);
      const out = new ZipWriter({ date: new Date('2026-03-01T10:00:00Z') });
      for (const e of z.entries) (e.name === name ? out.addFile(e.name, data, { method: 'store' }) : out.copyFrom(z, e));
      return out.finish();
    };
    const text = (s: string) => new Uint8Array(Buffer.from(s));
    const copies = [
      sealed,
      replace('Doc_0/Attachs/license-credential.jws', text('<html>')),
      replace('Doc_0/Res/qr.png', new Uint8Array(50)),
      replace('Doc_0/Document.xml', text('<?xml version="1.0"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016">')),
      replace('Doc_0/Pages/Page_0/Content.xml', text(`<?xml version="1.0"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content>${'<ofd:PageBlock>'.repeat(5000)}${'</ofd:PageBlock>'.repeat(5000)}</ofd:Content></ofd:Page>`)),
    ];
    for (const bytes of copies) {
      const pkg = verifyOfd(bytes, { time: AT }).package;
      expect(pkg).toBeDefined();
      for (const page of ['if-licence', 'always'] as const) expect(readOfdParts(pkg!.fresh(), { page })).toEqual(readOfdLicenseParts(bytes, { page }));
    }
  });
});
