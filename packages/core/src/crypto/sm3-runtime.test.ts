// The self-test's failure paths. No runtime without SM3 is at hand, so node:crypto is replaced
// for this file only: once without SM3, once with an SM3 that returns wrong digests.
import { afterEach, expect, test, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('node:crypto');
  vi.resetModules();
});

async function load(fake: (alg: string) => 'missing' | 'wrong' | 'real') {
  vi.resetModules();
  vi.doMock('node:crypto', async (importOriginal) => {
    const real = await importOriginal<typeof import('node:crypto')>();
    return {
      ...real,
      createHash: (alg: string) => {
        const mode = fake(alg);
        if (mode === 'missing') throw new Error('Digest method not supported');
        return real.createHash(mode === 'wrong' ? 'sha256' : alg);
      },
    };
  });
  const { sm3, sm3SelfTest } = await import('./sm3.js');
  const { RuntimeError } = await import('../errors.js');
  return { sm3, sm3SelfTest, RuntimeError };
}

test('a runtime without SM3 raises RuntimeError with a clear message, every time', async () => {
  const { sm3, RuntimeError } = await load((a) => (a === 'sm3' ? 'missing' : 'real'));
  expect(() => sm3(Uint8Array.of(1))).toThrow(RuntimeError);
  expect(() => sm3(Uint8Array.of(1))).toThrow(/SM3 is not available or fails the GB\/T 32905 self-test/);
});

test('an SM3 that fails the GB/T 32905 vectors raises RuntimeError', async () => {
  const { sm3SelfTest, RuntimeError } = await load((a) => (a === 'sm3' ? 'wrong' : 'real'));
  expect(() => sm3SelfTest()).toThrow(RuntimeError);
  expect(() => sm3SelfTest()).toThrow(/expected 66c7f0f4/);
});

test('the real runtime passes the self-test', async () => {
  const { sm3SelfTest, sm3 } = await load(() => 'real');
  expect(() => sm3SelfTest()).not.toThrow();
  expect(Buffer.from(sm3(new TextEncoder().encode('abc'))).toString('hex')).toBe(
    '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
  );
});
