// zod (≈ 60 ms to load and ≈ 20 ms to build the schemas) serves licence records and type definitions only: it is
// loaded, and the schemas built, on first use, not with every import of @heyan/core (a PDF or CMS verification never
// needs it). Valid records and definitions do not use it at all (quickRecord, quickLicenseType): zod is loaded for
// one that is not, to name its problems, and by callers of the schemas themselves. zod's CommonJS build is used because only require() loads synchronously; zod 4 recognises schemas by
// their traits, not by class identity, so they compose with schemas from its ES build too.
import { createRequire } from 'node:module';
import type { z } from 'zod';

let zodModule: typeof z | undefined;

/** Whether zod has been loaded through zod() in this module instance (tests: the verification path stays without it). */
export function zodLoaded(): boolean {
  return zodModule !== undefined;
}

/** The zod namespace, loaded on the first call. */
export function zod(): typeof z {
  return (zodModule ??= (createRequire(import.meta.url)('zod') as { z: typeof z }).z);
}

/**
 * A stand-in for the schema `build()` returns, built on first touch: every property read, call through it and
 * reflection (keys, prototype, `instanceof`) reaches the real schema.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let real: T | undefined;
  const get = (): T => (real ??= build());
  return new Proxy({} as T, {
    get: (_, k) => Reflect.get(get(), k),
    set: (_, k, v) => Reflect.set(get(), k, v),
    has: (_, k) => Reflect.has(get(), k),
    ownKeys: () => Reflect.ownKeys(get()),
    // Reported configurable: a proxy may not claim a non-configurable property its (empty) target lacks.
    getOwnPropertyDescriptor: (_, k) => {
      const d = Reflect.getOwnPropertyDescriptor(get(), k);
      return d && { ...d, configurable: true };
    },
    defineProperty: (_, k, d) => Reflect.defineProperty(get(), k, d),
    deleteProperty: (_, k) => Reflect.deleteProperty(get(), k),
    getPrototypeOf: () => Reflect.getPrototypeOf(get()),
  });
}
