// Every corpus PDF against independent oracles: qpdf (revisions, xref, page count), pdfsig (signature fields),
// pdfinfo (page count), and the certificate parser for DSS contents.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Certificate } from '../../pki/index.js';
import { findRevisions } from '../revisions.js';
import { objHeaderAt } from './object.js';
import {
  certification,
  equalObjects,
  objectBytes,
  openPdf,
  pageRefs,
  pdfText,
  readDss,
  revisionEndingAt,
  signatureFields,
} from './index.js';

const corpusDir = fileURLToPath(new URL('../../../../../../shared/corpus/pdf/', import.meta.url));
const files = readdirSync(corpusDir).filter((f) => f.endsWith('.pdf')).sort();
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(join(corpusDir, name)));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfdoc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(cmd: string, args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(cmd, args, { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

interface QpdfXref {
  [num: number]: { kind: 'offset'; offset: number } | { kind: 'compressed'; stream: number; index: number };
}

/** `qpdf --show-xref`: the xref qpdf builds (following the chain, or reconstructing). undefined when qpdf gives up. */
function qpdfXref(path: string): { xref: QpdfXref; reconstructed: boolean } | undefined {
  const r = run('qpdf', ['--show-xref', path]);
  if (r.code !== 0 && r.code !== 3) return undefined;
  const xref: QpdfXref = {};
  for (const line of r.out.split('\n')) {
    const u = /^(\d+)\/(\d+): uncompressed; offset = (\d+)$/.exec(line);
    if (u) xref[Number(u[1])] = { kind: 'offset', offset: Number(u[3]) };
    const c = /^(\d+)\/(\d+): compressed; stream = (\d+), index = (\d+)$/.exec(line);
    if (c) xref[Number(c[1])] = { kind: 'compressed', stream: Number(c[3]), index: Number(c[4]) };
  }
  return { xref, reconstructed: /reconstruct/i.test(r.err) };
}

describe('corpus PDFs open with the revisions and objects qpdf finds', () => {
  it.each(files)('%s', (name) => {
    const bytes = load(name);
    const doc = openPdf(bytes);
    expect(doc.encrypted).toBe(false);
    expect(doc.version).toMatch(/^\d\.\d$/);
    // Oracle for the revision count: every %%EOF prefix that qpdf can open (with or without repairs) is a revision;
    // a linearized file's first-page section is not (qpdf cannot open that prefix on its own).
    const prefixes: { end: number; xref: QpdfXref; reconstructed: boolean }[] = [];
    for (const m of findRevisions(bytes).revisions) {
      const p = join(tmp, `prefix-${name}`);
      writeFileSync(p, bytes.subarray(0, m.end));
      const x = qpdfXref(p);
      if (x) prefixes.push({ end: m.end, ...x });
    }
    expect(doc.revisions.map((r) => r.end)).toEqual(prefixes.map((p) => p.end));
    for (const [i, rev] of doc.revisions.entries()) {
      expect(rev.index).toBe(i);
      expect(revisionEndingAt(doc, rev.end)).toBe(i);
      const { xref } = prefixes[i]!;
      // Same set of objects in use, each found where qpdf finds it.
      expect(doc.objectNumbers(i)).toEqual(Object.keys(xref).map(Number).filter((n) => n > 0).sort((a, b) => a - b));
      for (const [n, q] of Object.entries(xref)) {
        const num = Number(n);
        if (q.kind === 'offset') {
          const loc = doc.objectLocation(num, i);
          if (!loc) {
            // A stale xref entry (dss_2236_hide's update: object 6 points at `8 0 obj`): qpdf prints the entry as
            // written and reconstructs when reading (finding the signed revision's object 6). We search only the
            // update's own bytes, find nothing, and call the object unreadable rather than take an older definition.
            expect(objHeaderAt(bytes, q.offset)?.num, `object ${num} rev ${i}`).not.toBe(num);
            expect(doc.unreadable(num, i), `object ${num} rev ${i}`).toBe(true);
            expect(doc.warnings.join('\n')).toContain(`object ${num} of revision ${i} announced at ${q.offset} not found in that revision's bytes`);
          } else if (loc.start !== q.offset) {
            // A stale offset whose object lies elsewhere in the same revision's bytes: found by searching, with a warning.
            expect(objHeaderAt(bytes, q.offset)?.num, `object ${num} rev ${i}`).not.toBe(num);
            expect(doc.warnings.join('\n')).toContain(`object ${num} announced at ${q.offset}`);
          } else expect(loc.start).toBe(q.offset);
        } else {
          expect(doc.definedIn(num, i)?.entry).toEqual({ kind: 'compressed', stream: q.stream, index: q.index });
          expect(doc.getObject(num, i), `object ${num} rev ${i}`).toBeDefined();
        }
      }
    }
    // Every object of the final revision qpdf lists as uncompressed parses, except where qpdf itself warns.
    const last = doc.revisions.length - 1;
    let parsed = 0;
    for (const n of doc.objectNumbers()) {
      if (doc.getObject(n, last)) parsed++;
      else expect(doc.unreadable(n, last), `object ${n}`).toBe(true);
    }
    expect(parsed).toBeGreaterThanOrEqual(0.95 * doc.objectNumbers().length);
  });
});

describe('pages', () => {
  it.each(files)('%s: page count matches qpdf --show-npages and pdfinfo', (name) => {
    const doc = openPdf(load(name));
    const pages = pageRefs(doc);
    expect(pages.truncated).toBe(false);
    const q = run('qpdf', ['--show-npages', join(corpusDir, name)]);
    expect(pages.refs.length).toBe(Number(q.out.trim()));
    const info = /Pages:\s+(\d+)/.exec(run('pdfinfo', [join(corpusDir, name)]).out);
    expect(pages.refs.length).toBe(Number(info?.[1]));
  });

  it('the added page exists only in the last revision of dss_pdf-signed-added-page', () => {
    const doc = openPdf(load('dss_pdf-signed-added-page.pdf'));
    expect(doc.revisions.map((_, i) => pageRefs(doc, i).refs.length)).toEqual([1, 1, 2]);
  });
});

/** pdfsig's field list: names in its order, and which are signed. */
function pdfsigFields(path: string): { name: string; signed: boolean }[] {
  const r = run('pdfsig', ['-nocert', '-no-ocsp', path]);
  const out: { name: string; signed: boolean }[] = [];
  for (const block of r.out.split(/^Signature #\d+:$/m).slice(1)) {
    const name = /Signature Field Name: (.*)$/m.exec(block)?.[1] ?? '';
    out.push({ name, signed: !/is not signed/.test(block) });
  }
  return out;
}

describe('signature fields', () => {
  it.each(files)('%s: field names and signed state match pdfsig', (name) => {
    const doc = openPdf(load(name));
    const fields = signatureFields(doc);
    const mine = fields.map((f) => ({ name: f.name, signed: f.valueDict !== undefined }));
    const theirs = pdfsigFields(join(corpusDir, name));
    expect(mine.sort((a, b) => a.name.localeCompare(b.name))).toEqual(theirs.sort((a, b) => a.name.localeCompare(b.name)));
    for (const f of fields) {
      expect(f.orphan).toBeUndefined();
      expect(f.widgets.length).toBeGreaterThan(0);
      expect(f.pages.every((p) => p === 0)).toBe(true);
      if (f.valueDict) expect(f.valueDict.get('ByteRange')?.t).toBe('array');
    }
  });

  it('the spoofed /Reason: the signature dictionary differs between the signed and the final revision', () => {
    const doc = openPdf(load('dss_pades-spoofing-replaced-reason.pdf'));
    const [f] = signatureFields(doc);
    const ref = f!.value!;
    const br = f!.valueDict!.get('ByteRange');
    const end = br?.t === 'array' ? br.v.slice(2).reduce((s, o) => s + (o.t === 'num' ? o.v : 0), 0) : -1;
    const signed = revisionEndingAt(doc, end)!;
    expect(signed).toBeLessThan(doc.revisions.length - 1);
    const before = doc.getObject(ref.num, signed);
    const after = doc.getObject(ref.num);
    expect(pdfText(before?.t === 'dict' ? before.v.get('Reason') : undefined)).not.toBe(
      pdfText(after?.t === 'dict' ? after.v.get('Reason') : undefined),
    );
    expect(equalObjects(before, after, doc)).toBe(false);
    expect(equalObjects(before, doc.getObject(ref.num, signed), doc)).toBe(true);
    // The stored bytes are those of two different objects in the file.
    const b0 = objectBytes(doc, ref.num, signed)!;
    const b1 = objectBytes(doc, ref.num)!;
    expect(Buffer.from(b0).toString('latin1')).toMatch(new RegExp(`^${ref.num} ${ref.gen} obj`));
    expect(Buffer.from(b1).toString('latin1')).toMatch(/endobj$/);
    expect(Buffer.from(b0).equals(Buffer.from(b1))).toBe(false);
  });
});

describe('DSS', () => {
  it.each(['dss_doc-firmado-LT.pdf', 'pyh_pades-lta-dss-indirect-arrs-test.pdf'])('%s: certificates, OCSP/CRL and VRI read', (name) => {
    const doc = openPdf(load(name));
    const dss = readDss(doc)!;
    expect(dss).toBeDefined();
    expect(dss.incomplete).toBeUndefined();
    expect(dss.certs.length).toBeGreaterThan(0);
    for (const c of dss.certs) expect(Certificate.fromDer(c).subject).toBeTruthy();
    expect(dss.ocsps.length + dss.crls.length).toBeGreaterThan(0);
    // OCSP responses and CRLs are DER SEQUENCEs.
    for (const x of [...dss.ocsps, ...dss.crls]) expect(x[0]).toBe(0x30);
    expect(dss.vri.size).toBeGreaterThan(0);
    for (const [k, v] of dss.vri) {
      expect(k).toMatch(/^[0-9A-F]{40}$/);
      for (const c of v.certs) expect(Certificate.fromDer(c).subject).toBeTruthy();
    }
    // No DSS in the first revision.
    expect(readDss(doc, 0)).toBeUndefined();
  });

  it('the VRI key is the SHA-1 of a signature /Contents (DER, padding stripped)', async () => {
    const { createHash } = await import('node:crypto');
    const doc = openPdf(load('dss_doc-firmado-LT.pdf'));
    const dss = readDss(doc)!;
    const sig = signatureFields(doc)[0]!.valueDict!.get('Contents');
    expect(sig?.t).toBe('str');
    const der = sig!.t === 'str' ? sig!.v : new Uint8Array();
    // Strip the zero padding after the outermost (possibly indefinite-length BER) value by trying prefixes.
    const keys = [...dss.vri.keys()];
    let found = false;
    for (let n = der.length; n > 0 && !found; n--) {
      if (n < der.length && der[n] !== 0) break;
      found = keys.includes(createHash('sha1').update(der.subarray(0, n)).digest('hex').toUpperCase());
    }
    expect(found).toBe(true);
  });
});

describe('DocMDP', () => {
  it('dss_certified-no-change-permitted: P=1, the signature dictionary is the field value', () => {
    const doc = openPdf(load('dss_certified-no-change-permitted.pdf'));
    const c = certification(doc)!;
    expect(c.p).toBe(1);
    expect(c.notes).toEqual([]);
    const f = signatureFields(doc)[0]!;
    expect(c.sigRef).toEqual(f.value);
    expect(c.sigDict.get('Contents')?.t).toBe('str');
  });

  it.each(files.filter((f) => f !== 'dss_certified-no-change-permitted.pdf'))('%s: not certified', (name) => {
    expect(certification(openPdf(load(name)))).toBeUndefined();
  });
});
