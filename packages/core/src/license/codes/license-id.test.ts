import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../errors.js';
import { ISO7064_ALPHANUMERIC as A } from './iso7064.js';
import { LICENSE_ID_ROOT, makeLicenseId, parseLicenseId, validateLicenseId } from './license-id.js';

// Reference A2: the identifiers found in public code that validate.
const VALID = [
  '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U',
  '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F',
  '1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0',
  '1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9',
  // Two more from public interface code (a MoHURD interface comment and a Shandong test record), recomputed here.
  '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S',
  '1.2.156.3005.2.11100000000013338W087.11370800MB28559184.37080001202411010001.001.3',
];

describe('GB/T 36904 identifier samples', () => {
  it.each(VALID)('%s validates', (id) => {
    const r = validateLicenseId(id);
    expect(r).toMatchObject({ valid: true, value: id, warnings: [] });
    expect(r.expected).toBeUndefined();
  });

  it('the swagger example value does not validate: it has M, the body calls for D', () => {
    const r = validateLicenseId('1.2.156.3005.2.11100000000013661B006.113700000045046442.209FA4E88F9E4C878F3E9BED2CE7EA49.001.M');
    expect(r).toMatchObject({ valid: false, reason: 'check-character', expected: 'D' });
    expect(r.message?.zh).toContain('应为 D');
    expect(r.message?.en).toContain('expected D');
    // Its 32-hex serial is unusual but allowed: no format warning for it.
    expect(r.warnings).toEqual([]);
  });

  it('parses the parts', () => {
    expect(parseLicenseId(VALID[3]!)).toEqual({
      root: LICENSE_ID_ROOT,
      typeCode: '11100000MB03271699022',
      issuerCode: '340100',
      serial: '000000016',
      version: '001',
      check: '9',
    });
  });
});

describe('normalisation and malformed identifiers', () => {
  it('trims surrounding white space; lower case is checked as upper case with a warning', () => {
    expect(validateLicenseId(`\u3000 ${VALID[0]}\n`)).toMatchObject({ valid: true, warnings: [] });
    const r = validateLicenseId(VALID[0]!.toLowerCase());
    expect(r).toMatchObject({ valid: true, value: VALID[0], warnings: ['lower-case'] });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['1.2.156.3005.3.11100000000013338W011.11430000006122244L.20230000403.001.U', 'root'],
    ['1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.U', 'format'],
    ['1.2.156.3005.2.11100000000013338W011.11430000006122244L..001.U', 'format'],
    ['1.2.156.3005.2.11100000000013338W011.11430000006122244L.2023_0403.001.U', 'characters'],
    ['1.2.156.3005.2.11100000000013338W011.11430000006122244L.2023 0403.001.U', 'characters'],
    ['1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.UU', 'format'],
    ['1.2.156.3005.2.11100000000013338W011.11430000006122244L.２０２３.001.U', 'characters'],
    ['x'.repeat(5000), 'too-long'],
  ])('%j → %s', (input, reason) => {
    const r = validateLicenseId(input);
    expect(r.valid).toBe(false);
    expect(r.reason).toBe(reason);
    expect(r.message?.zh.length).toBeGreaterThan(0);
    expect(r.message?.en.length).toBeGreaterThan(0);
    expect(() => parseLicenseId(input)).toThrow(FormatError);
  });

  it('non-strings are not valid and do not throw', () => {
    for (const v of [undefined, null, 42, {}, ['1']]) expect(validateLicenseId(v).valid).toBe(false);
  });

  it('parts of unusual length are valid but warned about', () => {
    const id = makeLicenseId({ typeCode: 'ABC', issuerCode: '12345', serial: '1', version: '1' });
    expect(validateLicenseId(id)).toMatchObject({ valid: true, warnings: ['type-code-format', 'issuer-code-format', 'version-format'] });
  });

  it('makeLicenseId refuses parts that cannot be in an identifier', () => {
    expect(() => makeLicenseId({ typeCode: '11100000000013338W011', issuerCode: '340100', serial: '1.2', version: '001' })).toThrow(FormatError);
    expect(() => makeLicenseId({ typeCode: '11100000000013338W011', issuerCode: '', serial: '1', version: '001' })).toThrow(FormatError);
    expect(() => makeLicenseId({ typeCode: '11100000000013338w011', issuerCode: '340100', serial: '1', version: '001' })).toThrow(FormatError);
    expect(() => makeLicenseId({ typeCode: 'A'.repeat(300), issuerCode: '340100', serial: '1', version: '001' })).toThrow(FormatError);
  });

  it('makeLicenseId reproduces the reference identifiers', () => {
    for (const id of VALID) {
      const { typeCode, issuerCode, serial, version } = parseLicenseId(id);
      expect(makeLicenseId({ typeCode, issuerCode, serial, version })).toBe(id);
    }
  });
});

const part = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...A), minLength: min, maxLength: max });
const body = fc.record({ typeCode: part(21, 21), issuerCode: fc.oneof(part(18, 18), fc.stringMatching(/^\d{6}$/)), serial: part(1, 36), version: fc.stringMatching(/^\d{3}$/) });

/** Running MOD 37,36 state after `s` (the reference's algorithm, written out here independently). */
function state(s: string): number {
  let p = 36;
  for (const c of s) p = (2 * ((p + A.indexOf(c)) % 36 || 36)) % 37;
  return p;
}

describe('properties (fast-check)', () => {
  it('makeLicenseId always validates and round-trips through parseLicenseId', () => {
    fc.assert(
      fc.property(body, (b) => {
        const id = makeLicenseId(b);
        expect(validateLicenseId(id).valid).toBe(true);
        expect(parseLicenseId(id)).toMatchObject(b);
      }),
    );
  });

  it('any single-character substitution in the body or the check character is detected', () => {
    fc.assert(
      fc.property(body, fc.nat(), fc.nat(), (b, i, j) => {
        const id = makeLicenseId(b);
        const head = LICENSE_ID_ROOT.length + 1;
        // positions of body and check characters (not dots)
        const positions = [...id.slice(head)].map((c, k) => (c === '.' ? -1 : head + k)).filter((k) => k >= 0);
        const pos = positions[i % positions.length]!;
        const other = A.replace(id[pos]!, '')[j % 35]!;
        const bad = id.slice(0, pos) + other + id.slice(pos + 1);
        expect(validateLicenseId(bad).valid).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('an adjacent transposition of body characters is detected unless the running sums are 18 and 19 (the one MOD 37,36 blind spot)', () => {
    fc.assert(
      fc.property(body, fc.nat(), (b, i) => {
        const flat = b.typeCode + b.issuerCode + b.serial + b.version;
        const t = i % (flat.length - 1);
        if (flat[t] === flat[t + 1]) return;
        const swapped = flat.slice(0, t) + flat[t + 1] + flat[t] + flat.slice(t + 2);
        // Same part lengths: a transposition across a dot moves the character into the neighbouring part.
        let k = 0;
        const cut = (n: number): string => swapped.slice(k, (k += n));
        const moved = { typeCode: cut(b.typeCode.length), issuerCode: cut(b.issuerCode.length), serial: cut(b.serial.length), version: cut(b.version.length) };
        const check = makeLicenseId(b).slice(-1);
        const id = [LICENSE_ID_ROOT, moved.typeCode, moved.issuerCode, moved.serial, moved.version, check].join('.');
        const p = state(flat.slice(0, t));
        const sums = [(p + A.indexOf(flat[t]!)) % 36, (p + A.indexOf(flat[t + 1]!)) % 36].sort((x, y) => x - y);
        const isBlindSpot = sums[0] === 18 && sums[1] === 19;
        expect(validateLicenseId(id).valid).toBe(isBlindSpot);
      }),
      { numRuns: 3000 },
    );
  });

  it('the blind spot is real: a serial with a transposition at running sums 18/19 still validates', () => {
    // Find a serial digit pair after the fixed type and issuer codes that lands on the blind spot.
    const typeCode = '11100000000013338W011';
    const issuerCode = '11430000006122244L';
    const p = state(typeCode + issuerCode);
    const a = A[(18 - p + 36) % 36]!;
    const b = A[(19 - p + 36) % 36]!;
    const id = makeLicenseId({ typeCode, issuerCode, serial: `${a}${b}`, version: '001' });
    const swapped = makeLicenseId({ typeCode, issuerCode, serial: `${b}${a}`, version: '001' });
    expect(swapped.slice(0, -1)).not.toBe(id.slice(0, -1));
    expect(swapped.slice(-1)).toBe(id.slice(-1));
    expect(validateLicenseId(`${swapped.slice(0, -1)}${id.slice(-1)}`).valid).toBe(true);
  });
});
