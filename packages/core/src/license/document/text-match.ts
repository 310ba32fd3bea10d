// Does the visible text show the credential's values? White space is ignored (values may be spaced, wrapped over
// several lines, i.e. several text items in a row). A value counts as shown when, in the page's items joined in
// drawing order, it starts a text item (or follows a ':'/'：' or its own label) and ends one (or is followed by its
// unit), so "张三" is not found inside "张三丰". Dates of date fields may be written YYYY-MM-DD, YYYY年M月D日 or
// with '.' or '/'.
import { FIELD_LABELS, type LicenseRecord } from '../model.js';
import { getLicenseType } from '../type-registry.js';
import type { Message } from '../../report/types.js';

export interface ExpectedValue {
  /** Record field: certificateNumber, certificateHolder, … or surface.<key>. */
  key: string;
  label: Message;
  /** Labels that may precede the value in the same text item (zh, en, the layout's own). */
  labels: string[];
  value: string;
  /** Accepted renderings (the value first). */
  variants: string[];
  /** Text that may follow the value in the same item (a money field's unit). */
  suffix?: string;
}

const MAX_MATCHES_PER_VALUE = 1000;

export function squeeze(s: string): string {
  return s.replace(/\s+/gu, '');
}

function dateVariants(v: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
  if (!m) return [v];
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const mo1 = String(Number(mo));
  const d1 = String(Number(d));
  return [...new Set([v, `${y}年${mo}月${d}日`, `${y}年${mo1}月${d1}日`, `${y}.${mo}.${d}`, `${y}/${mo}/${d}`])];
}

/** The values a licence page must show: number, holder, holder code, issuer, identifier, every surface value. */
export function expectedValues(record: LicenseRecord): ExpectedValue[] {
  const out: ExpectedValue[] = [];
  const type = getLicenseType(record.certificateTypeCode);
  // A type's layout may print its own label for a field (certificateHolder → 名称): accepted before the value too.
  const layoutLabels = (type as { layout?: { labels?: Record<string, unknown> } } | undefined)?.layout?.labels ?? {};
  const push = (key: string, label: Message, raw: unknown, kind?: string, unit?: string): void => {
    const value = raw === undefined || raw === null ? '' : String(raw);
    if (squeeze(value) === '') return;
    const own = layoutLabels[key];
    const labels = typeof own === 'string' && own.length > 0 ? [label.zh, label.en, own] : [label.zh, label.en];
    out.push({ key, label, labels, value, variants: kind === 'date' ? dateVariants(value) : [value], ...(unit ? { suffix: unit } : {}) });
  };
  push('certificateNumber', FIELD_LABELS.certificateNumber, record.certificateNumber);
  push('certificateHolder', FIELD_LABELS.certificateHolder, record.certificateHolder);
  push('certificateHolderCode', FIELD_LABELS.certificateHolderCode, record.certificateHolderCode);
  push('issueDept', FIELD_LABELS.issueDept, record.issueDept);
  push('certificateIdentifier', FIELD_LABELS.certificateIdentifier, record.certificateIdentifier);
  const known = new Set<string>();
  for (const f of type?.fields ?? []) {
    known.add(f.key);
    push(`surface.${f.key}`, f.label, record.surface[f.key], f.kind, f.unit);
  }
  for (const [k, v] of Object.entries(record.surface)) if (!known.has(k)) push(`surface.${k}`, { zh: k, en: k }, v);
  return out;
}

/** The page text prepared once for many look-ups. */
export class PageText {
  readonly joined: string;
  readonly starts = new Set<number>();
  readonly ends = new Set<number>();

  constructor(items: readonly string[]) {
    let joined = '';
    for (const it of items) {
      this.starts.add(joined.length);
      joined += squeeze(it);
      this.ends.add(joined.length);
    }
    this.joined = joined;
  }

  /** Is the value shown, by the rule above? */
  shows(e: ExpectedValue): boolean {
    const labels = e.labels.map(squeeze).filter((l) => l.length > 0);
    const suffix = e.suffix ? squeeze(e.suffix) : '';
    for (const variant of e.variants) {
      const v = squeeze(variant);
      if (v.length === 0) continue;
      let found = 0;
      for (let i = this.joined.indexOf(v); i >= 0 && found < MAX_MATCHES_PER_VALUE; i = this.joined.indexOf(v, i + 1), found++) {
        const before = this.joined[i - 1];
        const startOk = this.starts.has(i) || before === ':' || before === '：' || labels.some((l) => i >= l.length && this.joined.startsWith(l, i - l.length));
        if (!startOk) continue;
        const end = i + v.length;
        const endOk = this.ends.has(end) || (suffix.length > 0 && this.joined.startsWith(suffix, end));
        if (endOk) return true;
      }
    }
    return false;
  }
}

// ---- /ActualText against the glyphs drawn ----
//
// A marked-content /ActualText claims what a span of glyphs means; nothing ties the claim to the glyphs. The text
// check is about what the page SHOWS, so an ActualText is used only where it says what the glyphs' own text (their
// ToUnicode) says, up to characters one glyph stands for — which is why a renderer needs ActualText at all: a font
// draws U+00A0 with the space glyph and U+2011 with the hyphen's, so ToUnicode can name only one of the two. Anything
// else (a holder's name in ActualText over other glyphs, ActualText over no glyphs) is ignored and the drawn text is
// read instead. Kept to the characters CJK fonts really unify (Noto Sans / Source Han: space and dash variants,
// canonical-equivalent compatibility ideographs, Kangxi and supplementary radicals drawn as their ideograph), not
// NFKC at large ("①" is not "1" on paper). White space is ignored, as the text rule ignores it.

/** Punctuation pairs sharing a glyph, and CJK Radicals Supplement characters → the ideograph (or radical) drawn. */
const SAME_GLYPH_PAIRS =
  '\u2011-\u2013\u2012\uff40\u2035\uff0d\u2212\uff0f\u2215\uff5e\u301c\uffa0 ⼾户' +
  '⺂乛⺅亻⺇𠘨⺉刂⺋㔾⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺩𤣩⺲⺫⺭礻⺮𥫗⺯糹⺰纟⺱罓⺳㓁⺹耂⺺肀⺽𦥑⺾艹⺿艹⻀艹⻁虎⻂衤⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻳龟';

let sameGlyph: Map<string, string> | undefined;

/** The character a glyph's text is compared as. */
function glyphChar(ch: string): string {
  sameGlyph ??= (() => {
    const m = new Map<string, string>();
    const cps = [...SAME_GLYPH_PAIRS];
    for (let i = 0; i + 1 < cps.length; i += 2) m.set(cps[i]!, cps[i + 1]!);
    return m;
  })();
  const hit = sameGlyph.get(ch);
  if (hit !== undefined) return hit;
  const cp = ch.codePointAt(0)!;
  // Kangxi radicals: their compatibility mapping is the ideograph; elsewhere only canonical singletons (U+2329 → U+3008,
  // compatibility ideographs → unified ones), which are the same character by definition.
  const n = ch.normalize(cp >= 0x2f00 && cp <= 0x2fdf ? 'NFKC' : 'NFC');
  return [...n].length === 1 ? n : ch;
}

/** The text as the glyphs it needs: white space dropped, each character as the one a font draws it with. */
export function glyphText(s: string): string {
  let out = '';
  for (const ch of squeeze(s)) out += glyphChar(ch);
  return squeeze(out);
}

/** May `actual` (an /ActualText) stand for the `drawn` glyphs' text? Only when it names the same glyphs. */
export function sameGlyphText(actual: string, drawn: string): boolean {
  return glyphText(actual) === glyphText(drawn);
}

/** The expected values the page does not show. */
export function missingValues(items: readonly string[], expected: readonly ExpectedValue[]): ExpectedValue[] {
  const page = new PageText(items);
  return expected.filter((e) => !page.shows(e));
}
