import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_GROUPS, checkCatalogue, findCheck } from './catalogue.js';
import { SUB_INDICATION_LABELS } from './labels.js';

const CJK = /[\u3400-\u9fff]/;

describe('check catalogue', () => {
  const defs = checkCatalogue();

  it('covers every module and is not empty', () => {
    for (const [name, group] of Object.entries(CHECK_GROUPS)) expect(Object.keys(group).length, name).toBeGreaterThan(0);
    expect(defs.length).toBeGreaterThan(20);
  });

  it('ids are unique', () => {
    const seen = new Map<string, number>();
    for (const d of defs) seen.set(d.id, (seen.get(d.id) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([id]) => id)).toEqual([]);
  });

  it('ids are dotted lower case and start with their module name', () => {
    for (const [module, group] of Object.entries(CHECK_GROUPS)) {
      for (const d of Object.values(group)) {
        expect(d.id, d.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$/);
        expect(d.id.split('.')[0], d.id).toBe(module);
      }
    }
  });

  it('every message is non-empty in both languages, the Chinese one in Chinese', () => {
    for (const d of defs) {
      for (const key of ['passed', 'failed', 'warning', 'indeterminate', 'skipped'] as const) {
        const m = d[key];
        if (m === undefined) {
          expect(key === 'passed' || key === 'failed', `${d.id}.${key} is required`).toBe(false);
          continue;
        }
        expect(m.zh.trim().length, `${d.id}.${key}.zh`).toBeGreaterThan(0);
        expect(m.en.trim().length, `${d.id}.${key}.en`).toBeGreaterThan(0);
        expect(CJK.test(m.zh), `${d.id}.${key}.zh is Chinese`).toBe(true);
      }
    }
  });

  it('sub-indications named by definitions are known ones', () => {
    for (const d of defs) {
      for (const s of [d.subIndication, d.indeterminateSubIndication]) if (s) expect(SUB_INDICATION_LABELS, `${d.id}: ${s}`).toHaveProperty(s);
    }
  });

  it('docs/report.md lists every check id (regenerate its catalogue section with catalogueMarkdown())', () => {
    const doc = readFileSync(new URL('../../../../docs/report.md', import.meta.url), 'utf8');
    expect(defs.filter((d) => !doc.includes(`\`${d.id}\``)).map((d) => d.id)).toEqual([]);
  });

  it('findCheck finds by id', () => {
    expect(findCheck('verify.input.format')?.failed.en).toMatch(/format/i);
    expect(findCheck('no.such.check')).toBeUndefined();
  });
});
