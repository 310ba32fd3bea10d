// Integration of the seal and OFD modules with the generic CLI commands: `inspect` describes seals and seal
// signatures; `verify x.ofd --cert intermediate.pem` completes SES signer/maker paths (SES carries no intermediates).
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, heyan } from './helpers/cli.js';

const AT = '2030-01-01T00:00:00Z';

describe('heyan inspect on seals', () => {
  beforeAll(() => ensureBuilt());

  it('a bare seal: version, esID, name, picture and maker are shown', () => {
    const r = heyan(['inspect', 'fixtures/seal/sample-v4.esl', '--json']);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout).objects[0];
    expect(o.type).toBe('seal');
    expect(o.version).toBe(4);
    expect(JSON.stringify(o)).toContain('esID');
    const t = heyan(['inspect', 'fixtures/seal/sample-v4.esl']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/#1 seal/);
  });

  it('an SES_Signature file is described as a seal signature', () => {
    const r = heyan(['inspect', 'fixtures/seal/sample-signature-v4.dat', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).objects[0].type).toBe('ses-signature');
  });
});

describe('heyan verify x.ofd with --cert intermediates', () => {
  beforeAll(() => ensureBuilt());

  it('only the root trusted: INDETERMINATE without the intermediate, PASSED with --cert intermediate.pem', () => {
    const base = ['verify', 'fixtures/ofd/signed-once.ofd', '--trust', 'fixtures/pki/sm2/root.pem', '--at', AT, '--json'];
    const without = heyan(base);
    expect(without.code).toBe(2);
    expect(JSON.parse(without.stdout).reports[0].subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
    const withCert = heyan([...base, '--cert', 'fixtures/pki/sm2/intermediate.pem']);
    expect(withCert.code).toBe(0);
    expect(JSON.parse(withCert.stdout).reports[0].indication).toBe('PASSED');
  });
});
