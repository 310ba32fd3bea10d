// layoutLicense: every record value is on the page under its role and reads back exactly; everything stays inside
// the frame without overlapping; long values wrap and shrink; the layout comes from the type's data.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { qrVersionFor, renderQr } from '../../credential/qr/index.js';
import { FormatError, LimitError } from '../../errors.js';
import { measureText, MM_PER_PT } from '../../font/index.js';
import { exampleRecord } from '../example.js';
import type { LicenseRecord } from '../model.js';
import { getLicenseType, LicenseTypeRegistry, parseLicenseType, shippedLicenseTypes } from '../type-registry.js';
import type { LicenseType } from '../type-definition.js';
import type { DrawText, LicensePage } from './draw-list.js';
import { displayValue, layoutLicense, resolveLayout } from './layout.js';
import { qrModules, QR_MIN_MODULE_MM } from './qr-modules.js';

const qrText = `HY1:${'0123456789ABCDEF'.repeat(22)}`; // ≈ a real credential QR: version 13 at ECC Q
const qrPng = renderQr(qrText, { format: 'png' });
/** The printed QR size: the layout's, or larger so that a module is at least 0.5 mm. */
const qrSize = (layoutMm: number) => Math.max(layoutMm, Math.ceil((17 + 4 * qrVersionFor(qrText) + 8) * QR_MIN_MODULE_MM));
const SHIPPED = ['business-licence', 'registered-constructor', 'construction-qualification'];
const FOURTH = JSON.parse(readFileSync(new URL('../testdata/special-operation.json', import.meta.url), 'utf8')) as Record<string, unknown>;

const texts = (p: LicensePage): DrawText[] => p.items.filter((i): i is DrawText => i.kind === 'text');
/** The text of a role: its lines joined, in drawing order. */
const shown = (p: LicensePage, role: string): string | undefined => {
  const t = texts(p).filter((i) => i.role === role);
  return t.length ? t.map((i) => i.text).join('') : undefined;
};

/** What the page must show for a record: role → text. */
function expectedValues(record: LicenseRecord, type: LicenseType): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of ['certificateNumber', 'certificateIdentifier', 'certificateHolder', 'certificateHolderCode', 'issueDept', 'issueDate', 'certificateValidateStart'] as const) {
    m.set(`value:${f}`, displayValue(record[f]));
  }
  m.set('value:certificateValidateEnd', record.certificateValidateEnd ?? '长期');
  if (record.certificateName !== type.name) m.set('value:certificateName', record.certificateName);
  for (const f of type.fields) if (record.surface[f.key] !== undefined) m.set(`value:surface.${f.key}`, displayValue(record.surface[f.key]!));
  return m;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  what: string;
}
function boxes(p: LicensePage): Box[] {
  return texts(p).map((t) => {
    const w = measureText(t.text, t.sizePt, t.weight ?? 'regular');
    const em = t.sizePt * MM_PER_PT;
    return { x0: t.xMm, x1: t.xMm + w, y0: t.yMm - em * 0.88, y1: t.yMm + em * 0.12, what: t.text };
  });
}
const overlap = (a: Box, b: Box) => a.x0 < b.x1 - 1e-6 && b.x0 < a.x1 - 1e-6 && a.y0 < b.y1 - 1e-6 && b.y0 < a.y1 - 1e-6;

function checkGeometry(p: LicensePage): void {
  checkGeometryWith(p, qrPng);
}
function checkGeometryWith(p: LicensePage, png: Uint8Array): void {
  expect(p.widthMm).toBe(210);
  expect(p.heightMm).toBe(297);
  const bs = boxes(p);
  for (const b of bs) {
    expect(b.x0).toBeGreaterThanOrEqual(13);
    expect(b.x1).toBeLessThanOrEqual(197);
    expect(b.y0).toBeGreaterThanOrEqual(13);
    expect(b.y1).toBeLessThanOrEqual(284);
  }
  for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) expect(overlap(bs[i]!, bs[j]!), `${bs[i]!.what} / ${bs[j]!.what}`).toBe(false);
  const qr = p.items.filter((i) => i.kind === 'image' && i.role === 'qr');
  expect(qr).toHaveLength(1);
  const q = qr[0]!;
  if (q.kind !== 'image') throw new Error('unreachable');
  const qb: Box = { x0: q.xMm, y0: q.yMm, x1: q.xMm + q.wMm, y1: q.yMm + q.hMm, what: 'qr' };
  expect(q.png).toBe(png);
  for (const b of bs) expect(overlap(qb, b), b.what).toBe(false);
  const s = p.sealRect;
  expect(overlap(qb, { x0: s.xMm, y0: s.yMm, x1: s.xMm + s.wMm, y1: s.yMm + s.hMm, what: 'seal' })).toBe(false);
  expect(s.xMm).toBeGreaterThanOrEqual(10);
  expect(s.xMm + s.wMm).toBeLessThanOrEqual(200);
  expect(s.yMm + s.hMm).toBeLessThanOrEqual(287);
}

describe('layoutLicense, shipped types', () => {
  for (const name of SHIPPED) {
    it(`${name}: every value under its role, exactly; labels from the layout data; inside the frame, nothing overlaps`, () => {
      const type = getLicenseType(name)!;
      const record = exampleRecord(name);
      const page = layoutLicense(record, type, { qrPng });
      for (const [role, value] of expectedValues(record, type)) expect(shown(page, role), role).toBe(value);
      expect(shown(page, 'title')).toBe(type.name);
      for (const [ref, label] of Object.entries(type.layout!.labels!)) expect(shown(page, `label:${ref}`), ref).toBe(label);
      checkGeometry(page);
      // The seal sits on the issuer's name and the date.
      const issuer = texts(page).find((t) => t.role === 'value:issueDept')!;
      const date = texts(page).find((t) => t.role === 'value:issueDate')!;
      expect(page.sealRect.wMm).toBe(type.layout!.seal!.sizeMm);
      expect(page.sealRect.yMm).toBeLessThan(issuer.yMm);
      expect(page.sealRect.yMm + page.sealRect.hMm).toBeGreaterThan(date.yMm);
      // The QR code sits in the corner the type asks for.
      const qr = page.items.find((i) => i.kind === 'image')!;
      if (qr.kind !== 'image') throw new Error('unreachable');
      const pos = type.layout!.qr!.position!;
      expect(qr.wMm).toBe(qrSize(type.layout!.qr!.sizeMm));
      expect(qr.wMm / qrModules(qrPng)).toBeGreaterThanOrEqual(QR_MIN_MODULE_MM);
      expect(qr.yMm < 148).toBe(pos.startsWith('top'));
      expect(qr.xMm > 105).toBe(pos.endsWith('right'));
    });
  }

  it('half-width rows share a line; the three types get three different pages', () => {
    const type = getLicenseType('registered-constructor')!;
    const page = layoutLicense(exampleRecord('registered-constructor'), type, { qrPng });
    const sex = texts(page).find((t) => t.role === 'value:surface.sex')!;
    const birth = texts(page).find((t) => t.role === 'value:surface.birthDate')!;
    expect(birth.yMm).toBe(sex.yMm);
    expect(birth.xMm).toBeGreaterThan(sex.xMm + 50);
    const accents = SHIPPED.map((n) => JSON.stringify(resolveLayout(getLicenseType(n)!).accent));
    expect(new Set(accents).size).toBe(3);
  });

  it('the draw list reads top to bottom: title first, the identifier last', () => {
    for (const name of SHIPPED) {
      const roles = texts(layoutLicense(exampleRecord(name), getLicenseType(name)!, { qrPng })).map((t) => t.role).filter((r) => r !== undefined);
      expect(roles[0]).toBe('title');
      expect(roles[roles.length - 1]).toBe('value:certificateIdentifier');
      expect(roles.indexOf('value:certificateNumber')).toBeLessThan(roles.indexOf('value:certificateHolder'));
      expect(roles.indexOf('value:certificateValidateEnd')).toBeLessThan(roles.indexOf('value:issueDept'));
    }
  });

  it('is deterministic', () => {
    const type = getLicenseType('business-licence')!;
    expect(layoutLicense(exampleRecord('business-licence'), type, { qrPng })).toEqual(layoutLicense(exampleRecord('business-licence'), type, { qrPng }));
  });
});

describe('layoutLicense, values and types at the edges', () => {
  const type = getLicenseType('business-licence')!;

  it('a long business scope wraps (no line starts with ，。；）), shrinks the body, still fits, and reads back', () => {
    const record = exampleRecord('business-licence');
    const clause = '技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；信息系统集成服务（依法须经批准的项目，经相关部门批准后方可开展经营活动）。';
    record.surface.businessScope = clause.repeat(14); // ≈ 1 000 characters
    const page = layoutLicense(record, type, { qrPng });
    const lines = texts(page).filter((t) => t.role === 'value:surface.businessScope');
    expect(lines.length).toBeGreaterThan(15);
    expect(lines.map((l) => l.text).join('')).toBe(record.surface.businessScope);
    for (const l of lines) expect('，。；）、'.includes([...l.text][0]!)).toBe(false);
    expect(lines[0]!.sizePt).toBeLessThan(11);
    checkGeometry(page);
  });

  it('a scope that cannot fit even at 7 pt is refused with LimitError', () => {
    const record = exampleRecord('business-licence');
    record.surface.businessScope = '软件开发；'.repeat(800);
    expect(() => layoutLicense(record, type, { qrPng })).toThrow(LimitError);
  });

  it('long issuer names and Latin words wrap; line breaks and tabs in a value are shown as spaces', () => {
    const record = exampleRecord('business-licence');
    record.issueDept = '福州市市场监督管理局（福州市知识产权局）鼓楼区分局行政审批服务科第一登记窗口综合受理组';
    record.surface.address = 'Room 101\nBuilding 7\tFuzhou Software Park, 89 Software Avenue, Gulou District';
    const page = layoutLicense(record, type, { qrPng });
    expect(texts(page).filter((t) => t.role === 'value:issueDept').length).toBeGreaterThan(1);
    expect(shown(page, 'value:issueDept')).toBe(record.issueDept);
    expect(shown(page, 'value:surface.address')).toBe('Room 101 Building 7 Fuzhou Software Park, 89 Software Avenue, Gulou District');
    checkGeometry(page);
  });

  it('a 60 mm QR code at the bottom keeps clear of a long issuer name, left or right', () => {
    const record = exampleRecord('business-licence');
    record.issueDept = '福州市市场监督管理局（福州市知识产权局）鼓楼区分局行政审批服务科第一登记窗口综合受理组';
    for (const position of ['bottom-left', 'bottom-right'] as const) {
      const t = parseLicenseType({ ...structuredClone(type), aliases: [], layout: { ...type.layout, qr: { position, sizeMm: 60 } } });
      const page = layoutLicense(record, t, { qrPng });
      expect(shown(page, 'value:issueDept')).toBe(record.issueDept);
      checkGeometry(page);
    }
  });

  it('long-term validity shows 长期 under value:certificateValidateEnd; a numeric money value is shown as its digits + unit', () => {
    const p1 = layoutLicense(exampleRecord('business-licence'), type, { qrPng });
    expect(shown(p1, 'value:certificateValidateEnd')).toBe('长期');
    const cq = getLicenseType('construction-qualification')!;
    const p2 = layoutLicense(exampleRecord('construction-qualification'), cq, { qrPng });
    expect(shown(p2, 'value:surface.registeredCapital')).toBe('10000');
    const v = texts(p2).find((t) => t.role === 'value:surface.registeredCapital')!;
    expect(texts(p2).some((t) => t.text === '万元' && t.role === undefined && t.yMm === v.yMm)).toBe(true);
  });

  it('a type without a layout gets the default page (QR top right 30 mm, seal 42 mm, double frame)', () => {
    const reg = shippedLicenseTypes();
    const fourth = reg.add(FOURTH);
    expect(fourth.layout).toBeUndefined();
    const record = exampleRecord(fourth.code, reg);
    const page = layoutLicense(record, fourth, { qrPng, qrCaption: '' });
    for (const [role, value] of expectedValues(record, fourth)) expect(shown(page, role), role).toBe(value);
    expect(shown(page, 'label:certificateHolder')).toBe('姓名'); // holder type 111
    expect(shown(page, 'label:certificateHolderCode')).toBe('公民身份号码');
    expect(page.sealRect.wMm).toBe(42);
    expect(page.items.filter((i) => i.kind === 'rect')).toHaveLength(2);
    const qr = page.items.find((i) => i.kind === 'image')!;
    expect(qr.kind === 'image' && qr.wMm === qrSize(30) && qr.xMm > 105 && qr.yMm < 40).toBe(true);
    expect(texts(page).some((t) => t.text === '扫码核验')).toBe(false);
    checkGeometry(page);
  });

  it('refuses a character the font lacks (naming it), a record of another type, and a QR that is not a PNG', () => {
    const record = exampleRecord('business-licence');
    record.certificateHolder = '福州😀科技有限公司';
    expect(() => layoutLicense(record, type, { qrPng })).toThrow(/U\+1F600/);
    expect(() => layoutLicense(exampleRecord('registered-constructor'), type, { qrPng })).toThrow(FormatError);
    expect(() => layoutLicense(exampleRecord('business-licence'), type, { qrPng: new Uint8Array([1, 2, 3]) })).toThrow(FormatError);
  });
});

describe('QR size', () => {
  it('qrModules reads the symbol size (quiet zone included) from the PNG, at any scale, margin or colour type', () => {
    for (const [text, scale, margin] of [['HY1:ABC', 8, 4], [qrText, 3, 4], [qrText, 10, 2], [`HY1:${'Z'.repeat(900)}`, 4, 4]] as const) {
      expect(qrModules(renderQr(text, { format: 'png', scale, margin }))).toBe(17 + 4 * qrVersionFor(text) + 2 * margin);
    }
    expect(() => qrModules(readFileSync(new URL('../../../../../fixtures/seal/stamp.png', import.meta.url)))).toThrow(FormatError);
  });

  it('a small payload keeps the layout size; a large one grows the code (to 60 mm at most) and the page still fits', () => {
    const type = getLicenseType('business-licence')!;
    const small = layoutLicense(exampleRecord('business-licence'), type, { qrPng: renderQr('HY1:ABC', { format: 'png' }) });
    expect(small.items.find((i) => i.kind === 'image')).toMatchObject({ wMm: 30, hMm: 30 });
    const bigPng = renderQr(`HY1:${'Z'.repeat(900)}`, { format: 'png' });
    const big = layoutLicense(exampleRecord('business-licence'), type, { qrPng: bigPng });
    const img = big.items.find((i) => i.kind === 'image')!;
    expect(img).toMatchObject({ wMm: Math.min(60, Math.ceil(qrModules(bigPng) * QR_MIN_MODULE_MM)) });
    expect(img.kind === 'image' && img.wMm > 40).toBe(true);
    checkGeometryWith(big, bigPng);
  });
});

describe('layout as type data', () => {
  const base = (): Record<string, unknown> => structuredClone(FOURTH);

  it('accepts a layout, refuses unknown properties, bad values and fields the type does not define', () => {
    const ok = { ...base(), layout: { titleSizePt: 20, halfWidth: ['surface.sex', 'validity'], labels: { 'surface.sex': '性 别', issueDept: '发证单位' }, qr: { position: 'bottom-right' } } };
    const t = parseLicenseType(ok);
    expect(resolveLayout(t)).toMatchObject({ titleSizePt: 20, bodySizePt: 11, qr: { position: 'bottom-right', sizeMm: 30 } });
    const page = layoutLicense(exampleRecord(t.code, new LicenseTypeRegistry([t])), t, { qrPng });
    expect(shown(page, 'label:issueDept')).toBe('发证单位');
    checkGeometry(page);
    for (const layout of [
      { colour: [1, 0, 0] },
      { titleSizePt: 100 },
      { accent: [2, 0, 0] },
      { halfWidth: ['surface.nope'] },
      { labels: { 'surface.nope': 'x' } },
      { labels: { issueDeptCode: 'x' } },
      { halfWidth: ['issueDept'] },
      { qr: { position: 'middle' } },
    ]) {
      expect(() => parseLicenseType({ ...base(), layout }), JSON.stringify(layout)).toThrow(FormatError);
    }
  });
});
