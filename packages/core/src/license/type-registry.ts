// A registry of licence types loaded from JSON definitions: new types are added as data, without code changes.
// Every definition is checked with the zod schema, and its example must pass every record check against the
// definition itself with `codes: 'fail'` — so exampleRecord() always hands out a valid record.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FormatError, LimitError } from '../errors.js';
import { checkRecord } from './record-checks.js';
import { licenseTypeSchema, quickLicenseType, TYPE_LIMITS, type LicenseType } from './type-definition.js';

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** Parse and check one definition. Throws FormatError naming the first problems. */
export function parseLicenseType(def: unknown, source = 'definition'): LicenseType {
  // The quick reader decides every definition it accepts; zod reads the rest (and names their problems).
  const quick = quickLicenseType(def);
  const r = quick ? { success: true as const, data: quick } : licenseTypeSchema.safeParse(def);
  if (!r.success) {
    const what = r.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new FormatError(`licence type ${source}: ${what}`);
  }
  const t = r.data;
  if (t.example.certificateTypeCode !== t.code) throw new FormatError(`licence type ${source}: example.certificateTypeCode is not the type's code ${t.code}`);
  if (t.example.certificateType !== t.name) throw new FormatError(`licence type ${source}: example.certificateType is not the type's name ${t.name}`);
  const problems = checkRecord(t.example, t, { codes: 'fail' }).filter((c) => c.status !== 'passed');
  if (problems.length > 0) {
    throw new FormatError(`licence type ${source}: the example does not pass its own checks: ${problems.map((c) => `${c.id} (${c.message.en})`).join('; ')}`);
  }
  return deepFreeze(t);
}

function readJson(path: string): unknown {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new FormatError(`licence type ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (size > TYPE_LIMITS.maxDefinitionBytes) throw new LimitError(`licence type ${path}: larger than ${TYPE_LIMITS.maxDefinitionBytes} bytes`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    throw new FormatError(`licence type ${path}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

const asPath = (p: string | URL): string => (p instanceof URL ? fileURLToPath(p) : p);

export class LicenseTypeRegistry {
  readonly #types: LicenseType[] = [];
  /** code, name and aliases (aliases lower case) → type. */
  readonly #index = new Map<string, LicenseType>();

  constructor(defs: Iterable<unknown> = []) {
    for (const d of defs) this.add(d);
  }

  /**
   * Add a definition (a JSON value or an already parsed LicenseType). Throws FormatError when it is not valid or
   * its code, name or an alias is already taken.
   */
  add(def: unknown, source?: string): LicenseType {
    if (this.#types.length >= TYPE_LIMITS.maxFiles) throw new LimitError(`more than ${TYPE_LIMITS.maxFiles} licence types`);
    const t = parseLicenseType(def, source);
    const keys = [t.code, t.name, ...t.aliases];
    const taken = keys.find((k) => this.#index.has(k.toLowerCase()) || this.#index.has(k));
    if (taken !== undefined) throw new FormatError(`licence type ${source ?? t.code}: "${taken}" is already registered`);
    this.#types.push(t);
    this.#index.set(t.code, t);
    this.#index.set(t.name, t);
    for (const a of t.aliases) this.#index.set(a.toLowerCase(), t);
    return t;
  }

  /** Add a definition from a JSON file. */
  addFile(path: string | URL): LicenseType {
    const p = asPath(path);
    return this.add(readJson(p), p);
  }

  /** Add every *.json file of a folder (sorted by name). */
  addDirectory(dir: string | URL): LicenseType[] {
    const d = asPath(dir);
    let names: string[];
    try {
      names = readdirSync(d).filter((n) => n.endsWith('.json')).sort();
    } catch (e) {
      throw new FormatError(`licence types folder ${d}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    if (names.length > TYPE_LIMITS.maxFiles) throw new LimitError(`licence types folder ${d}: more than ${TYPE_LIMITS.maxFiles} files`);
    return names.map((n) => this.addFile(join(d, n)));
  }

  /** By certificateTypeCode, Chinese name, or alias (aliases case-insensitive); white space around is ignored. */
  get(codeOrName: string): LicenseType | undefined {
    const q = codeOrName.trim();
    return this.#index.get(q) ?? this.#index.get(q.toUpperCase()) ?? this.#index.get(q.toLowerCase());
  }

  has(codeOrName: string): boolean {
    return this.get(codeOrName) !== undefined;
  }

  /** Types in the order they were added. */
  list(): LicenseType[] {
    return [...this.#types];
  }

  get size(): number {
    return this.#types.length;
  }
}

/**
 * The folder of the shipped definitions. The JSON files live beside the sources (src/license/types); the path is the
 * same from src/license (tests) and from dist/license (the build), as both are two levels below the package root.
 */
export const SHIPPED_TYPES_DIR = new URL('../../src/license/types/', import.meta.url);

let shipped: LicenseType[] | undefined;

/** A new registry holding the shipped types (营业执照, 注册建造师注册证书, 建筑业企业资质证书); add more to it freely. */
export function shippedLicenseTypes(): LicenseTypeRegistry {
  shipped ??= new LicenseTypeRegistry().addDirectory(SHIPPED_TYPES_DIR);
  return new LicenseTypeRegistry(shipped);
}

let defaultRegistry: LicenseTypeRegistry | undefined;

/** The shared registry of shipped types used when no registry is given (never modified). */
export function defaultLicenseTypes(): Pick<LicenseTypeRegistry, 'get' | 'has' | 'list' | 'size'> {
  defaultRegistry ??= shippedLicenseTypes();
  const r = defaultRegistry;
  return { get: (q) => r.get(q), has: (q) => r.has(q), list: () => r.list(), get size() { return r.size; } };
}

/** Load definitions: from a folder of *.json files, or from values already in memory. Shipped types not included. */
export function loadLicenseTypes(dirOrDefs: string | URL | Iterable<unknown>): LicenseTypeRegistry {
  if (typeof dirOrDefs === 'string' || dirOrDefs instanceof URL) {
    const r = new LicenseTypeRegistry();
    r.addDirectory(dirOrDefs);
    return r;
  }
  return new LicenseTypeRegistry(dirOrDefs);
}

/** Look a type up by code, name or alias, in `registry` or the shipped types. */
export function getLicenseType(codeOrName: string, registry: Pick<LicenseTypeRegistry, 'get'> = defaultLicenseTypes()): LicenseType | undefined {
  return registry.get(codeOrName);
}
