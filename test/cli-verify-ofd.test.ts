// `heyan verify x.ofd`: one report per file with a signature report per OFD signature, the exit status from the
// verdict, and --cert / --trust reaching a bare Type="Sign" signature (ofdrw DigitalSign).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Certificate, importPkcs12 } from '@heyan/core';
import { ensureBuilt, heyan, json } from './helpers/cli.js';

const ofd = (name: string): string => fileURLToPath(new URL(`../../shared/corpus/ofd-ses/ofd/${name}`, import.meta.url));

describe('heyan verify on OFD files', () => {
  let userPem: string;
  beforeAll(() => {
    ensureBuilt();
    const p12 = importPkcs12(readFileSync(fileURLToPath(new URL('../../shared/corpus/ofd-ses/pki/ofdrw-USER.p12', import.meta.url))), '777777');
    userPem = join(mkdtempSync(join(tmpdir(), 'heyan-ofd-')), 'user.pem');
    writeFileSync(userPem, Certificate.fromDer(p12.certificates[0]!).toPem());
  }, 300_000);

  it('zsbk: one report, two signature reports, FAILED with the page-content reason, exit 1', () => {
    const r = heyan(['verify', ofd('ofdrw-zsbk.ofd'), '--at', '2020-10-10T06:58:41Z', '--json']);
    expect(r.code).toBe(1);
    const doc = json(r);
    expect(doc.reports).toHaveLength(1);
    const rep = doc.reports[0]!;
    expect(rep.format).toBe('ofd');
    expect(rep.signatures.map((s) => s.kind)).toEqual(['ofd-seal', 'ofd-seal']);
    expect(rep.subIndication).toBe('HASH_FAILURE');
    const text = heyan(['verify', ofd('ofdrw-zsbk.ofd'), '--at', '2020-10-10T06:58:41Z']).stdout;
    expect(text).toMatch(/page content changed after signing \(\/Doc_0\/Pages\/Page_0\/Content\.xml\)/);
    expect(text).toMatch(/页面内容在签署后被修改/);
  });

  it('v4signed at its signing time: INDETERMINATE (issuer CA not available), exit 2', () => {
    const r = heyan(['verify', ofd('ofdrw-v4signed.ofd'), '--at', '2020-10-10T07:11:20Z', '--json']);
    expect(r.code).toBe(2);
    expect(json(r).reports[0]!.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
  });

  it('DigitalSign: INDETERMINATE without a certificate; PASSED with --cert and that certificate trusted', () => {
    const none = heyan(['verify', ofd('ofdrw-DigitalSign.ofd'), '--at', '2020-04-22T08:22:44Z', '--json']);
    expect(none.code).toBe(2);
    expect(json(none).reports[0]!.subIndication).toBe('NO_SIGNING_CERTIFICATE_FOUND');
    const ok = heyan(['verify', ofd('ofdrw-DigitalSign.ofd'), '--cert', userPem, '--trust', userPem, '--at', '2020-04-22T08:22:44Z', '--json']);
    expect(ok.code).toBe(0);
    expect(json(ok).reports[0]!.signatures[0]!.signer?.subject).toMatch(/CN=Test Certificate/);
  });
});
