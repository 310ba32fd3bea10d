// The cheap "may this be a licence document?" tests: the byte search, and the catalog test verify() uses for a PDF it
// opened — true wherever the layer would find licence parts (/AF, /EmbeddedFiles, XMP naming the namespace, also
// compressed or with the file specification out of sight of a byte search), false for a plain PDF.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openPdf } from '../../pdf/document/index.js';
import { XMP_LICENSE_NS } from './names.js';
import { mayBeLicenseDocument, pdfMayBeLicenseDocument } from './sniff.js';
import { writePdf } from './test-support.js';

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
});
