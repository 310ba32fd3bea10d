// Acceptance test of the PDF verifier: every corpus PDF (../shared/corpus/pdf) reaches the verdict its README states,
// with the stated anchor and time, and the check that decides names the real reason. Each file also goes through the
// CLI once (`heyan verify --json`) for the exit status. Verdicts of the origin projects: corpus/README.md `pdf/`.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore, loadCertificates, parseSignedData, verify, type Certificate, type Report, type SignatureReport } from '@heyan/core';
import { ensureBuilt, heyan, json } from './helpers/cli.js';
import { internalErrors, reportProblems } from './helpers/report-shape.js';

const dir = fileURLToPath(new URL('../../shared/corpus/pdf/', import.meta.url));
const read = (f: string): Uint8Array => new Uint8Array(readFileSync(join(dir, f)));
const anchor = (f: string): Certificate => loadCertificates(readFileSync(join(dir, f)))[0]!;

/** The self-signed certificate a file's first CMS carries (its own root), cut out with the §8.2 recipe. */
function embeddedRoot(file: string): Certificate {
  const pdf = Buffer.from(read(file));
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'))!;
  const [, b, c] = m.slice(1, 5).map(Number) as [number, number, number, number];
  const hex = pdf.subarray(b, c).toString('latin1').replace(/[<>\s]/g, '');
  return parseSignedData(new Uint8Array(Buffer.from(hex, 'hex'))).certificates.find((x) => x.isSelfIssued)!;
}

type Status = 'passed' | 'failed' | 'warning' | 'indeterminate' | 'skipped';

interface SigExpect {
  kind?: 'pdf' | 'pdf-timestamp';
  field?: string;
  indication: Report['indication'];
  subIndication?: string;
  /** Check id → status (every occurrence of the id must have it). */
  checks?: Record<string, Status>;
  /** Subset of the facets. */
  pdf?: Record<string, unknown>;
  /** A check whose English message must match. */
  message?: [id: string, re: RegExp];
}

interface Case {
  file: string;
  why: string;
  at?: string;
  trust?: () => Certificate;
  pdfPolicy?: 'licence' | 'general';
  indication: Report['indication'];
  subIndication?: string;
  doc?: Record<string, Status>;
  sigs: SigExpect[];
}

const PYH_AT = '2020-11-01T00:00:00Z';
const pyhRoot = () => anchor('pyh_testing-ca-root.cert.pem');
const INTACT = { 'cms.attribute.message-digest': 'passed', 'cms.signature.value': 'passed' } as const;
const BR_OK = { 'pdf.byte-range.format': 'passed', 'pdf.byte-range.start': 'passed', 'pdf.byte-range.bounds': 'passed', 'pdf.byte-range.gap': 'passed', 'pdf.byte-range.coverage': 'passed' } as const;
const UNTRUSTED = { 'pki.path.build': 'indeterminate' } as const;

const CASES: Case[] = [
  // Baselines.
  {
    file: 'dss_pdf-signed-original.pdf',
    why: 'PAdES whole file, intact + valid, untrusted without the DSS test root',
    indication: 'INDETERMINATE',
    subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    sigs: [{ kind: 'pdf', indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', checks: { ...BR_OK, ...INTACT, ...UNTRUSTED }, pdf: { intact: true, valid: true, trusted: false, coverage: 'ENTIRE_FILE', modificationLevel: 'NONE', padesLevel: 'B-B', subFilter: 'ETSI.CAdES.detached' } }],
  },
  {
    file: 'signpdf_signed.pdf',
    why: 'node-signpdf adbe.pkcs7.detached, untrusted unless its own certificate is an anchor',
    indication: 'INDETERMINATE',
    subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    sigs: [{ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', checks: { ...BR_OK, ...INTACT, ...UNTRUSTED }, pdf: { intact: true, valid: true, coverage: 'ENTIRE_FILE', dictionary: { reason: 'I am the author', m: 'D:20190521105845Z' } } }],
  },
  {
    file: 'signpdf_signed.pdf',
    why: 'the same with its self-signed certificate as anchor: PASSED',
    trust: () => embeddedRoot('signpdf_signed.pdf'),
    indication: 'PASSED',
    sigs: [{ indication: 'PASSED', checks: { ...BR_OK, ...INTACT, 'pki.path.build': 'passed' }, pdf: { trusted: true } }],
  },
  {
    file: 'pyh_pades-with-old-style-signing-cert-attr.pdf',
    why: 'ESS signingCertificate v1, trusted at 2020-11-01 with the pyHanko root (signer matched by issuer AND serial)',
    at: PYH_AT,
    trust: pyhRoot,
    indication: 'PASSED',
    sigs: [{ indication: 'PASSED', checks: { ...BR_OK, ...INTACT, 'cms.attribute.signing-certificate': 'passed', 'pki.path.build': 'passed', 'pdf.pades.signing-time': 'passed' }, pdf: { intact: true, valid: true, trusted: true, coverage: 'ENTIRE_FILE', padesLevel: 'B-B' } }],
  },
  {
    file: 'pyh_sig-no-signed-attrs.pdf',
    why: 'adbe.pkcs7.detached without signed attributes is valid (intact == valid)',
    at: PYH_AT,
    trust: pyhRoot,
    indication: 'PASSED',
    sigs: [{ indication: 'PASSED', checks: { ...BR_OK, 'cms.signed-attributes.present': 'warning', 'cms.signature.value': 'passed' }, pdf: { intact: true, valid: true, trusted: true } }],
  },
  // ByteRange / CMS structure failures.
  {
    file: 'dss_pdf-signed-corrupted.pdf',
    why: '10 bytes deleted: the ByteRange runs past the end of the file',
    indication: 'FAILED',
    subIndication: 'FORMAT_FAILURE',
    sigs: [{ indication: 'FAILED', subIndication: 'FORMAT_FAILURE', checks: { 'pdf.byte-range.bounds': 'failed' }, pdf: { intact: false, coverage: 'UNCLEAR' } }],
  },
  {
    file: 'pyh_coverage-anomalies_tail-uncovered.pdf',
    why: '394 unsigned bytes that are no incremental update: CONTIGUOUS_BLOCK_FROM_START',
    at: PYH_AT,
    trust: pyhRoot,
    indication: 'FAILED',
    subIndication: 'FORMAT_FAILURE',
    sigs: [{ indication: 'FAILED', subIndication: 'FORMAT_FAILURE', checks: { 'pdf.byte-range.gap': 'passed', 'pdf.byte-range.coverage': 'failed', ...INTACT }, pdf: { intact: true, valid: true, coverage: 'CONTIGUOUS_BLOCK_FROM_START' }, message: ['pdf.byte-range.coverage', /394 bytes after it are unsigned/] }],
  },
  {
    file: 'pyh_coverage-anomalies_signature-gap-too-big.pdf',
    why: 'the gap holds more than /Contents: UNCLEAR, crypto still intact + valid',
    at: PYH_AT,
    trust: pyhRoot,
    indication: 'FAILED',
    subIndication: 'FORMAT_FAILURE',
    sigs: [{ indication: 'FAILED', subIndication: 'FORMAT_FAILURE', checks: { 'pdf.byte-range.gap': 'failed', ...INTACT }, pdf: { intact: true, valid: true, coverage: 'UNCLEAR' } }],
  },
  {
    file: 'pyh_coverage-anomalies_weird-byterange.pdf',
    why: 'ByteRange [0 10 20 30]: UNCLEAR',
    at: PYH_AT,
    trust: pyhRoot,
    indication: 'FAILED',
    subIndication: 'FORMAT_FAILURE',
    sigs: [{ indication: 'FAILED', subIndication: 'FORMAT_FAILURE', checks: { 'pdf.byte-range.gap': 'failed', 'pdf.byte-range.signed': 'failed', ...INTACT }, pdf: { coverage: 'UNCLEAR', byteRange: [0, 10, 20, 30] } }],
  },
  {
    file: 'pyh_coverage-anomalies_one-byterange.pdf',
    why: 'a 2-entry ByteRange (USF class)',
    at: PYH_AT,
    trust: pyhRoot,
    indication: 'FAILED',
    subIndication: 'FORMAT_FAILURE',
    sigs: [{ indication: 'FAILED', subIndication: 'FORMAT_FAILURE', checks: { 'pdf.byte-range.format': 'failed' }, pdf: { coverage: 'UNCLEAR', intact: false } }],
  },
  {
    file: 'dss_pdf-byterange-overlap.pdf',
    why: "the second signature's gap lies inside bytes the first one signed: only the second fails",
    indication: 'FAILED',
    subIndication: 'FORMAT_FAILURE',
    sigs: [
      { field: 'Signature1', indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', checks: { ...BR_OK, ...INTACT, 'pdf.byte-range.collision': 'passed', 'pdf.changes.other': 'passed' }, pdf: { coverage: 'ENTIRE_REVISION', modificationLevel: 'FORM_FILLING' } },
      { field: 'Signature2', indication: 'FAILED', subIndication: 'FORMAT_FAILURE', checks: { 'pdf.byte-range.gap': 'failed', 'pdf.byte-range.collision': 'failed' }, message: ['pdf.byte-range.collision', /lies inside signature #1's signed ranges/] },
    ],
  },
  {
    file: 'dss_siwa.pdf',
    why: 'signature wrapping: attacker objects in the gap (pdfsig and OpenSSL are fooled)',
    indication: 'FAILED',
    subIndication: 'FORMAT_FAILURE',
    sigs: [{ indication: 'FAILED', subIndication: 'FORMAT_FAILURE', checks: { 'pdf.byte-range.gap': 'failed', 'pdf.byte-range.signed': 'failed', ...INTACT }, pdf: { coverage: 'UNCLEAR' }, message: ['pdf.byte-range.gap', /signature wrapping/] }],
  },
  {
    file: 'pyh_pdf-sig-with-econtent.pdf',
    why: 'eContent in a detached signature (pdfsig and OpenSSL accept it)',
    at: PYH_AT,
    trust: pyhRoot,
    indication: 'FAILED',
    subIndication: 'FORMAT_FAILURE',
    sigs: [{ indication: 'FAILED', subIndication: 'FORMAT_FAILURE', checks: { 'cms.content.detached': 'failed', ...BR_OK } }],
  },
  {
    file: 'dss_pades-bes-no-certificates.pdf',
    why: 'no certificates in the CMS: NO_SIGNING_CERTIFICATE_FOUND, not B-B',
    indication: 'INDETERMINATE',
    subIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
    sigs: [{ indication: 'INDETERMINATE', subIndication: 'NO_SIGNING_CERTIFICATE_FOUND', checks: { 'cms.signer.certificate': 'indeterminate', 'cms.attribute.message-digest': 'passed' }, pdf: { intact: true, valid: false, padesLevel: undefined } }],
  },
  // Incremental updates, shadow and spoofing attacks, MDP.
  {
    file: 'dss_2236_hide.pdf',
    why: 'shadow attack "hide via referenced object"',
    indication: 'FAILED',
    subIndication: 'FORMAT_FAILURE',
    sigs: [{ indication: 'FAILED', subIndication: 'FORMAT_FAILURE', checks: { ...BR_OK, ...INTACT, 'pdf.changes.appearance': 'failed' }, pdf: { coverage: 'ENTIRE_REVISION', modificationLevel: 'OTHER', docMdpOk: false } }],
  },
  {
    file: 'dss_pades-spoofing-replaced-reason.pdf',
    why: 'signature dictionary rewritten with another /Reason; the signed revision values are shown',
    indication: 'FAILED',
    subIndication: 'FORMAT_FAILURE',
    sigs: [
      {
        indication: 'FAILED',
        subIndication: 'FORMAT_FAILURE',
        checks: { ...BR_OK, ...INTACT, 'pdf.signature.dictionary': 'failed', 'pdf.changes.signature-dictionary': 'failed' },
        pdf: { dictionary: { reason: 'DSS testing', location: 'Luxembourg', m: "D:20220930095903+02'00'", contactInfo: 'Jira' }, modificationLevel: 'OTHER' },
        message: ['pdf.signature.dictionary', /\/Reason: "DSS testing" → "EVIL"/],
      },
    ],
  },
  {
    file: 'dss_pdf-signed-added-page.pdf',
    why: 'a page added after signing',
    indication: 'FAILED',
    subIndication: 'FORMAT_FAILURE',
    sigs: [{ indication: 'FAILED', subIndication: 'FORMAT_FAILURE', checks: { ...BR_OK, ...INTACT, 'pdf.changes.pages': 'failed' }, message: ['pdf.changes.pages', /page 2/] }],
  },
  {
    file: 'dss_pades-signed-annot-added.pdf',
    why: "licence policy: an annotation added after signing without DocMDP fails",
    pdfPolicy: 'licence',
    indication: 'FAILED',
    subIndication: 'FORMAT_FAILURE',
    sigs: [{ field: 'Signature2', indication: 'FAILED', subIndication: 'FORMAT_FAILURE', checks: { ...BR_OK, ...INTACT, 'pdf.changes.annotations': 'failed', 'pdf.changes.other': 'passed' }, pdf: { modificationLevel: 'ANNOTATIONS' } }],
  },
  {
    file: 'dss_pades-signed-annot-added.pdf',
    why: 'general policy (the corpus README verdict): valid with a warning, untrusted',
    pdfPolicy: 'general',
    indication: 'INDETERMINATE',
    subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    sigs: [{ field: 'Signature2', indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', checks: { 'pdf.changes.annotations': 'warning', 'pdf.changes.other': 'passed' }, pdf: { modificationLevel: 'ANNOTATIONS' } }],
  },
  {
    file: 'pyh_minimal-two-fields-signed-twice.pdf',
    why: 'a later signature is an allowed change: FORM_FILLING, DocMDP ok; both untrusted',
    at: '2021-01-05T00:00:00Z',
    trust: pyhRoot,
    indication: 'INDETERMINATE',
    subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    sigs: [
      { field: 'Sig2', indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', checks: { ...BR_OK, ...INTACT, 'pdf.changes.other': 'passed', 'pdf.changes.appearance': 'passed' }, pdf: { coverage: 'ENTIRE_REVISION', modificationLevel: 'FORM_FILLING', docMdpOk: true } },
      { field: 'Sig1', indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', checks: { ...BR_OK, ...INTACT }, pdf: { coverage: 'ENTIRE_FILE', modificationLevel: 'NONE' } },
    ],
  },
  {
    file: 'pyh_form-update-override-appearance-stream-sneaky.pdf',
    why: 'the second update clobbers a shared appearance stream: sig1 OTHER, sig2 fine',
    at: PYH_AT,
    trust: pyhRoot,
    indication: 'FAILED',
    subIndication: 'FORMAT_FAILURE',
    sigs: [
      { field: 'Sig1', indication: 'FAILED', subIndication: 'FORMAT_FAILURE', checks: { ...BR_OK, ...INTACT, 'pdf.changes.appearance': 'failed' }, pdf: { modificationLevel: 'OTHER', trusted: true } },
      { field: 'Sig2', indication: 'PASSED', checks: { ...BR_OK, ...INTACT }, pdf: { coverage: 'ENTIRE_FILE', modificationLevel: 'NONE', trusted: true } },
    ],
  },
  {
    file: 'dss_certified-no-change-permitted.pdf',
    why: 'certification P=1 as is: intact, valid, nothing changed; trusted at signing time with its own root',
    at: '2012-11-24T00:00:00Z',
    trust: () => embeddedRoot('dss_certified-no-change-permitted.pdf'),
    indication: 'PASSED',
    sigs: [{ indication: 'PASSED', checks: { ...BR_OK, ...INTACT, 'pdf.changes.analysis': 'skipped' }, pdf: { docMdp: 1, docMdpOk: true, coverage: 'ENTIRE_FILE', modificationLevel: 'NONE', trusted: true } }],
  },
  {
    file: 'dss_certified-no-change-permitted.pdf',
    why: 'the same without an anchor: its embedded v1 root is untrusted, so INDETERMINATE (never a constraint FAILURE)',
    at: '2012-11-24T00:00:00Z',
    indication: 'INDETERMINATE',
    subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    sigs: [{ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', checks: { ...BR_OK, ...INTACT, ...UNTRUSTED }, pdf: { docMdp: 1, docMdpOk: true, intact: true, valid: true, trusted: false } }],
  },
  // Timestamps / LTV.
  {
    file: 'dss_timestamped_and_signed.pdf',
    why: 'a document timestamp BEFORE the signature does not make it B-T',
    indication: 'INDETERMINATE',
    subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    sigs: [
      { kind: 'pdf-timestamp', indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', checks: { ...BR_OK, 'tsp.message-imprint': 'passed', 'cms.signature.value': 'passed' }, pdf: { intact: true, valid: true, subFilter: 'ETSI.RFC3161', modificationLevel: 'FORM_FILLING' } },
      { kind: 'pdf', indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', checks: { ...BR_OK, ...INTACT, 'pdf.timestamp.signature': 'skipped' }, pdf: { padesLevel: 'B-B', coverage: 'ENTIRE_FILE' } },
    ],
  },
  {
    file: 'dss_doc-firmado-LT.pdf',
    why: 'real PAdES-BASELINE-LT (BER CMS): trusted at 2018-09-16 with the Costa Rica anchor, signature timestamp valid',
    at: '2018-09-16T00:00:00Z',
    trust: () => anchor('dss_costa-rica-root-ca-v2.cert.pem'),
    indication: 'PASSED',
    doc: { 'pdf.dss': 'passed' },
    sigs: [{ indication: 'PASSED', checks: { ...BR_OK, ...INTACT, 'pdf.timestamp.signature': 'passed', 'pki.path.build': 'passed' }, pdf: { padesLevel: 'B-LT', modificationLevel: 'LTA_UPDATES', trusted: true } }],
  },
  {
    file: 'pyh_pades-lta-dss-indirect-arrs-test.pdf',
    why: 'PAdES B-LTA (signature timestamp, DSS with indirect arrays, document timestamp): valid at 2020-11-01',
    at: PYH_AT,
    trust: pyhRoot,
    indication: 'PASSED',
    doc: { 'pdf.dss': 'passed' },
    sigs: [
      { kind: 'pdf', indication: 'PASSED', checks: { ...BR_OK, ...INTACT, 'pdf.timestamp.signature': 'passed' }, pdf: { padesLevel: 'B-LTA', modificationLevel: 'LTA_UPDATES', trusted: true } },
      { kind: 'pdf-timestamp', indication: 'PASSED', checks: { ...BR_OK, 'tsp.message-imprint': 'passed' }, pdf: { subFilter: 'ETSI.RFC3161', trusted: true } },
    ],
  },
];

function options(c: Case): Parameters<typeof verify>[1] {
  return {
    name: c.file,
    ...(c.at ? { at: new Date(c.at) } : {}),
    ...(c.trust ? { trust: new TrustStore().addAnchor(c.trust()) } : {}),
    ...(c.pdfPolicy ? { pdfPolicy: c.pdfPolicy } : {}),
  };
}

function expectSignature(s: SignatureReport, e: SigExpect, where: string): void {
  const notPassed = s.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}:${c.status}`);
  expect(s.indication, `${where}: ${notPassed.join(', ')}`).toBe(e.indication);
  expect(s.subIndication, where).toBe(e.subIndication);
  if (e.kind) expect(s.kind, where).toBe(e.kind);
  if (e.field) expect(s.pdf?.field, where).toBe(e.field);
  for (const [id, status] of Object.entries(e.checks ?? {})) {
    const found = s.checks.filter((c) => c.id === id);
    expect(found.length, `${where}: check ${id} present`).toBeGreaterThan(0);
    for (const c of found) expect(c.status, `${where}: ${id} (${c.message.en})`).toBe(status);
  }
  for (const [k, v] of Object.entries(e.pdf ?? {})) expect((s.pdf as unknown as Record<string, unknown>)?.[k], `${where}: pdf.${k}`).toEqual(v);
  if (e.message) expect(s.checks.find((c) => c.id === e.message![0])?.message.en, where).toMatch(e.message[1]);
}

describe('PDF corpus verdicts (library)', () => {
  it('every corpus PDF has a case', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
    expect(files.length).toBe(23);
    expect(files.filter((f) => !CASES.some((c) => c.file === f))).toEqual([]);
  });

  for (const c of CASES) {
    it(`${c.file}${c.pdfPolicy ? ` (${c.pdfPolicy})` : ''}: ${c.why}`, async () => {
      const r = await verify(read(c.file), options(c));
      expect(r.format).toBe('pdf');
      expect(reportProblems(r)).toEqual([]);
      expect(internalErrors(r)).toEqual([]);
      expect(r.indication, JSON.stringify(r.signatures.map((s) => [s.indication, s.subIndication]))).toBe(c.indication);
      expect(r.subIndication).toBe(c.subIndication);
      expect(r.checks.find((x) => x.id === 'pdf.structure')?.status).toBe('passed');
      for (const [id, status] of Object.entries(c.doc ?? {})) expect(r.checks.find((x) => x.id === id)?.status, id).toBe(status);
      expect(r.signatures.map((s) => s.kind)).toHaveLength(c.sigs.length);
      c.sigs.forEach((e, i) => expectSignature(r.signatures[i]!, e, `${c.file} #${i + 1}`));
    });
  }

  it('dss_doc-firmado-LT with revocation required: the DSS and CMS revocation data decide every certificate', async () => {
    const r = await verify(read('dss_doc-firmado-LT.pdf'), {
      at: new Date('2018-09-16T00:00:00Z'),
      trust: new TrustStore().addAnchor(anchor('dss_costa-rica-root-ca-v2.cert.pem')),
      revocation: 'require',
    });
    expect(r.indication).toBe('PASSED');
    const rev = r.signatures[0]!.checks.filter((c) => c.id === 'pki.revocation.status');
    expect(rev.length).toBeGreaterThanOrEqual(3);
    expect(rev.map((c) => c.status)).toEqual(rev.map(() => 'passed'));
    expect(rev[0]!.details).toMatchObject({ source: 'ocsp' });
  });

  it('the spoofed /Reason is never shown: the text report shows the signed revision value', async () => {
    const { renderText } = await import('@heyan/core');
    const text = renderText(await verify(read('dss_pades-spoofing-replaced-reason.pdf')));
    expect(text).toMatch(/\/Reason "DSS testing"/);
    expect(text).toMatch(/pdf\.signature\.dictionary/);
    expect(text).not.toMatch(/\/Reason "EVIL"/);
  });

  it('a tampered signed byte: HASH_FAILURE on the signature, nothing else changes', async () => {
    const b = read('pyh_pades-with-old-style-signing-cert-attr.pdf');
    b[100] = b[100]! ^ 1;
    const r = await verify(b, { at: new Date(PYH_AT), trust: new TrustStore().addAnchor(pyhRoot()) });
    expect(r.signatures[0]!.checks.find((c) => c.id === 'cms.attribute.message-digest')?.status).toBe('failed');
    expect(r.signatures[0]!.subIndication).toBe('HASH_FAILURE');
    expect(r.signatures[0]!.pdf).toMatchObject({ intact: false, valid: true });
  });

  it('without --at the validation time is now: the expired pyHanko signer is INDETERMINATE / OUT_OF_BOUNDS_NO_POE', async () => {
    const r = await verify(read('pyh_pades-with-old-style-signing-cert-attr.pdf'), { trust: new TrustStore().addAnchor(pyhRoot()) });
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
    expect(r.signatures[0]!.pdf?.timeSource).toBe('now');
  });
});

describe('PDF corpus through the CLI (heyan verify --json)', () => {
  let tmp: string;
  beforeAll(() => {
    ensureBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'heyan-pdf-corpus-'));
  }, 300_000);

  const EXIT = { PASSED: 0, FAILED: 1, INDETERMINATE: 2 } as const;
  for (const [i, c] of CASES.entries()) {
    it(`${c.file}${c.pdfPolicy ? ` --pdf-policy ${c.pdfPolicy}` : ''}: exit ${EXIT[c.indication]}`, () => {
      const args = ['verify', join(dir, c.file), '--json'];
      if (c.at) args.push('--at', c.at);
      if (c.pdfPolicy) args.push('--pdf-policy', c.pdfPolicy);
      if (c.trust) {
        const p = join(tmp, `anchor-${i}.pem`);
        writeFileSync(p, c.trust().toPem());
        args.push('--trust', p);
      }
      const r = heyan(args);
      expect(r.code, r.stderr).toBe(EXIT[c.indication]);
      const rep = json(r).reports[0]!;
      expect(rep.format).toBe('pdf');
      expect(rep.indication).toBe(c.indication);
      expect(rep.signatures.map((s) => s.indication)).toEqual(c.sigs.map((s) => s.indication));
    });
  }

  it('--pdf-policy rejects other values (exit 3)', () => {
    expect(heyan(['verify', join(dir, 'signpdf_signed.pdf'), '--pdf-policy', 'lax']).code).toBe(3);
  });
});
