// The cheap "may this be a licence document?" tests: the byte search, and the catalog test verify() uses for a PDF it
// opened — true wherever the layer would find licence parts (/AF, /EmbeddedFiles, XMP naming the namespace, also
// compressed or with the file specification out of sight of a byte search), false for a plain PDF.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openPdf } from '../../pdf/document/index.js';
import { XMP_LICENSE_NS } from './names.js';
import { readPdfParts } from './read-pdf.js';
import { mayBeLicenseDocument, pdfMayBeLicenseDocument } from './sniff.js';
import { licenceOfd, writePdf } from './test-support.js';
import { openOfd } from '../../ofd/package.js';
import { readZip } from '../../ofd/zip-read.js';
import { ZipWriter } from '../../ofd/zip-write.js';
import { verify } from '../../verify.js';

const L = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const page = ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
const both = (pdf: Uint8Array) => ({ bytes: mayBeLicenseDocument('pdf', pdf), model: pdfMayBeLicenseDocument(openPdf(pdf), pdf) });
const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:hy="${XMP_LICENSE_NS}" hy:identifier="x"/></rdf:RDF></x:xmpmeta>`;

describe('licence document sniffing', () => {
  it('a plain PDF: neither test loads the layer', () => {
    expect(both(writePdf(['<< /Type /Catalog /Pages 2 0 R >>', ...page]))).toEqual({ bytes: false, model: false });
    // Metadata without the licence namespace.
    const meta = writePdf(['<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>', ...page, { dict: '/Type /Metadata /Subtype /XML', data: L('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>') }]);
    expect(both(meta)).toEqual({ bytes: false, model: false });
  });

  it('an associated file or an /EmbeddedFiles tree: both true', () => {
    const af = writePdf(['<< /Type /Catalog /Pages 2 0 R /AF [4 0 R] >>', ...page, '<< /Type /Filespec /F (license-credential.jws) /EF << /F 5 0 R >> >>', { dict: '/Type /EmbeddedFile', data: L('a.b.c') }]);
    expect(both(af)).toEqual({ bytes: true, model: true });
    const tree = writePdf(['<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(x) 4 0 R] >> >> >>', ...page, '<< /Type /Filespec /F (x) /EF << /F 5 0 R >> >>', { dict: '', data: L('a.b.c') }]);
    expect(both(tree).model).toBe(true);
    // /Names as a stream's dictionary: the layer reads it so (PdfReadContext.dict), so must the test.
    const streamNames = writePdf([
      '<< /Type /Catalog /Pages 2 0 R /Names 4 0 R >>',
      ...page,
      { dict: '/EmbeddedFiles << /Names [(license-credential.jws) 5 0 R] >>', data: L('x') },
      '<< /Type /Filespec /F (license-credential.jws) /EF << /F 6 0 R >> >>',
      { dict: '/Type /EmbeddedFile', data: L('a.b.c') },
    ]);
    expect(both(streamNames).model).toBe(true);
    expect(readPdfParts(openPdf(streamNames), { page: 'if-licence' }).credentialAttached).toBe(true);
  });

  it('the catalog test also sees what a byte search cannot: a specification hidden from it, compressed XMP', () => {
    // /AF to a file specification whose name is hex-encoded and an embedded file stream without /Type.
    const hidden = writePdf(['<< /Type /Catalog /Pages 2 0 R /AF [4 0 R] >>', ...page, `<< /Type /Filespec /F <${Buffer.from('license-credential.jws').toString('hex')}> /EF << /F 5 0 R >> >>`, { dict: '', data: L('a.b.c') }]);
    expect(both(hidden)).toEqual({ bytes: false, model: true });
    const packed = writePdf(['<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>', ...page, { dict: '/Type /Metadata /Subtype /XML /Filter /FlateDecode', data: new Uint8Array(deflateSync(xmp)) }]);
    expect(both(packed)).toEqual({ bytes: false, model: true });
    const plainXmp = writePdf(['<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>', ...page, { dict: '/Type /Metadata /Subtype /XML', data: L(xmp) }]);
    expect(both(plainXmp)).toEqual({ bytes: true, model: true });
  });

  it('the catalog test says yes exactly when the layer reader finds a credential or an identifier, wherever they sit', () => {
    const spec = '<< /Type /Filespec /F (license-credential.jws) /EF << /F 5 0 R >> >>';
    const file = { dict: '/Type /EmbeddedFile', data: L('a.b.c') };
    const meta = (x: string, packed = false) => ({ dict: `/Type /Metadata /Subtype /XML${packed ? ' /Filter /FlateDecode' : ''}`, data: packed ? new Uint8Array(deflateSync(x)) : L(x) });
    const plainMeta = '<x:xmpmeta xmlns:x="adobe:ns:meta/"/>';
    const variants: Array<[string, string, ...(string | { dict: string; data: Uint8Array })[]]> = [
      ['AF array', '/AF [4 0 R]', spec, file],
      ['AF indirect array', '/AF 6 0 R', spec, file, '[4 0 R]'],
      ['Names dictionary', '/Names << /EmbeddedFiles << /Names [(license-credential.jws) 4 0 R] >> >>', spec, file],
      ['Names indirect', '/Names 6 0 R', spec, file, '<< /EmbeddedFiles << /Names [(license-credential.jws) 4 0 R] >> >>'],
      ['Names tree with kids', '/Names << /EmbeddedFiles 6 0 R >>', spec, file, '<< /Kids [7 0 R] >>', '<< /Names [(license-credential.jws) 4 0 R] /Limits [(a) (z)] >>'],
      ['XMP plain', '/Metadata 4 0 R', meta(xmp)],
      ['XMP compressed', '/Metadata 4 0 R', meta(xmp, true)],
      ['XMP without the namespace', '/Metadata 4 0 R', meta(plainMeta)],
      ['XMP compressed without the namespace', '/Metadata 4 0 R', meta(plainMeta, true)],
      ['embedded file not referenced', '', spec, file],
      ['Dests only', '/Names << /Dests << >> >>'],
    ];
    const withParts: string[] = [];
    for (const [what, entry, ...objects] of variants) {
      const pdf = writePdf([`<< /Type /Catalog /Pages 2 0 R ${entry} >>`, ...page, ...objects]);
      const doc = openPdf(pdf);
      const parts = readPdfParts(doc, { page: 'if-licence' });
      const found = parts.credentialAttached || parts.xmpIdentifier !== undefined;
      const sniffed = pdfMayBeLicenseDocument(doc, pdf);
      // A yes without parts only costs the layer's look (compressed XMP is left to it); a no with parts would skip it.
      if (found) expect(sniffed, what).toBe(true);
      else expect(sniffed, what).toBe(what === 'XMP compressed without the namespace');
      if (found) withParts.push(what);
    }
    expect(withParts).toEqual(variants.slice(0, 7).map((v) => v[0]));
  });

  it('an OFD: verify() reads the licence parts from the open package, also where member names give nothing away', async () => {
    const base = licenceOfd({ lines: ['营业执照'], credential: 'a.b.c', customIdentifier: 'ID-1', qr: null });
    const pkg = openOfd(base);
    // The attachment list and the credential renamed: only the compressed XML names them.
    const renamed: Record<string, string> = { 'Doc_0/Attachs/Attachments.xml': 'Doc_0/X/list.xml', 'Doc_0/Attachs/license-credential.jws': 'Doc_0/X/c.bin' };
    const w = new ZipWriter();
    for (const e of readZip(base).entries) {
      if (e.isDirectory) continue;
      let text = Buffer.from(pkg.read(e.name)).toString('utf8');
      if (e.name.endsWith('Attachments.xml')) text = text.replace('<ofd:FileLoc>license-credential.jws</ofd:FileLoc>', '<ofd:FileLoc>c.bin</ofd:FileLoc>');
      if (e.name === 'Doc_0/Document.xml') text = text.replace('Attachs/Attachments.xml', 'X/list.xml');
      w.addFile(renamed[e.name] ?? e.name, Buffer.from(text));
    }
    const hidden = w.finish();
    expect(mayBeLicenseDocument('ofd', hidden)).toBe(false);
    for (const ofd of [base, hidden]) {
      const r = await verify(ofd, {});
      expect(r.format).toBe('ofd');
      expect(r.checks.some((c) => c.id === 'license.document.recognised')).toBe(true);
    }
  });
});
