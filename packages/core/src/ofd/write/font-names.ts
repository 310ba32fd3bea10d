// The 'name' table (OpenType §name): the PostScript name (ID 6) and family name (ID 1) an OFD <Font> carries.
// Windows Unicode records (platform 3, UTF-16BE) in US English first, then any Unicode record (platform 0 or 3),
// then a Macintosh Roman one (platform 1, read as Latin-1: these names are ASCII in practice). Bounds-checked: a
// record that runs off the table is skipped, and a name with characters XML cannot hold is dropped (the writer
// then falls back to another name), so a hostile font cannot make the writer throw here.
import { sfntTable, type SfntTable } from '../../font/sfnt.js';

export interface FontNames {
  postscriptName?: string;
  familyName?: string;
}

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/;
/** Longest name kept (the OFD writer's string limit is far above any real font name). */
const MAX_NAME_CHARS = 256;

/** Higher is better; 0: not a record we read. */
function rank(platform: number, encoding: number, language: number): number {
  if (platform === 3 && (encoding === 1 || encoding === 10)) return language === 0x409 ? 4 : 3;
  if (platform === 0) return 2;
  if (platform === 1 && encoding === 0) return language === 0 ? 1 : 0;
  return 0;
}

function decode(bytes: Uint8Array, platform: number): string {
  if (platform === 1) return new TextDecoder('latin1').decode(bytes);
  return new TextDecoder('utf-16be').decode(bytes);
}

/** The font's PostScript and family names, where it has usable ones. */
export function readFontNames(font: Uint8Array, tables: Map<string, SfntTable>): FontNames {
  const t = sfntTable(font, 'name', tables);
  if (!t || t.length < 6) return {};
  const dv = new DataView(t.buffer, t.byteOffset, t.byteLength);
  const count = dv.getUint16(2);
  const strings = dv.getUint16(4);
  const best = new Map<number, { rank: number; value: string }>();
  for (let i = 0; i < count && 6 + (i + 1) * 12 <= t.length; i++) {
    const at = 6 + i * 12;
    const id = dv.getUint16(at + 6);
    if (id !== 1 && id !== 6) continue;
    const platform = dv.getUint16(at);
    const r = rank(platform, dv.getUint16(at + 2), dv.getUint16(at + 4));
    if (r === 0 || r <= (best.get(id)?.rank ?? 0)) continue;
    const start = strings + dv.getUint16(at + 10);
    const end = start + dv.getUint16(at + 8);
    if (end > t.length) continue;
    const value = decode(t.subarray(start, end), platform).trim();
    if (value === '' || value.length > MAX_NAME_CHARS || NOT_XML.test(value)) continue;
    best.set(id, { rank: r, value });
  }
  const postscriptName = best.get(6)?.value;
  const familyName = best.get(1)?.value;
  return { ...(postscriptName !== undefined ? { postscriptName } : {}), ...(familyName !== undefined ? { familyName } : {}) };
}
