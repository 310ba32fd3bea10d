import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
// sm-crypto 0.5.8 is an independent pure-JS SM3 (test-only dependency).
import smCrypto from 'sm-crypto';
import { sm3 } from './sm3.js';
import { digest, digestLength, digestNameFromOid, digestOid } from './digest.js';
import type { DigestName } from './types.js';

const vectors = JSON.parse(
  readFileSync(new URL('../../../../../shared/corpus/sm2/official-vectors.json', import.meta.url), 'utf8'),
) as { sm3: { msgHex: string; digest: string }[] };
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('SM3', () => {
  test('both GB/T 32905 Appendix A vectors', () => {
    expect(vectors.sm3).toHaveLength(2);
    for (const v of vectors.sm3) expect(hex(sm3(Buffer.from(v.msgHex, 'hex')))).toBe(v.digest.toLowerCase());
  });

  test('multi-part input equals the concatenation', () => {
    const a = randomBytes(100);
    const b = randomBytes(37);
    expect(hex(sm3(a, b))).toBe(hex(sm3(Buffer.concat([a, b]))));
    expect(hex(sm3())).toBe(hex(sm3(new Uint8Array(0))));
  });

  test('200 random inputs agree with sm-crypto; 12 of them and the empty input with `openssl dgst -sm3`', () => {
    const inputs: Buffer[] = [Buffer.alloc(0)];
    for (let i = 0; i < 200; i++) inputs.push(randomBytes(Math.floor(Math.random() * (i < 20 ? 130 : 5000))));
    for (const m of inputs) expect(hex(sm3(m))).toBe(smCrypto.sm3(Array.from(m)));
    const dir = mkdtempSync(join(tmpdir(), 'heyan-sm3-'));
    try {
      const picked = inputs.slice(0, 13);
      const files = picked.map((m, i) => {
        const f = join(dir, `m${i}`);
        writeFileSync(f, m);
        return f;
      });
      // One openssl call for all files; `-r` prints "<hex> *<file>".
      const out = execFileSync('openssl', ['dgst', '-sm3', '-r', ...files], { encoding: 'utf8' }).trim().split('\n');
      expect(out).toHaveLength(picked.length);
      out.forEach((line, i) => expect(line.split(' ')[0]).toBe(hex(sm3(picked[i]!))));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('digest registry', () => {
  const names: DigestName[] = ['sm3', 'sha1', 'md5', 'sha224', 'sha256', 'sha384', 'sha512'];
  test('every digest matches openssl dgst and has the right length and OID round trip', () => {
    const m = randomBytes(777);
    for (const n of names) {
      const got = digest(n, m.subarray(0, 300), m.subarray(300));
      expect(got.length).toBe(digestLength(n));
      const want = execFileSync('openssl', ['dgst', `-${n}`, '-r'], { input: m, encoding: 'utf8' }).split(' ')[0];
      expect(hex(got)).toBe(want);
      expect(digestNameFromOid(digestOid(n))).toBe(n);
    }
  });
  test('SM3 under both OIDs; unknown OIDs are undefined', () => {
    expect(digestNameFromOid('1.2.156.10197.1.401')).toBe('sm3');
    expect(digestNameFromOid('1.2.156.10197.1.401.1')).toBe('sm3');
    expect(digestNameFromOid('2.16.840.1.101.3.4.2.1')).toBe('sha256');
    expect(digestNameFromOid('1.2.3.4')).toBeUndefined();
  });
});
