// ZIP member names: decoding and the checks that keep a hostile name from meaning two things. Names are never used
// as file-system paths (nothing is extracted), but an OFD reader resolves ST_Loc paths against them, so a name must
// have exactly one reading: no `..`, `.` or empty segments, no absolute or drive paths, no backslashes, no NUL.
import { TextDecoder } from 'node:util';
import { FormatError, LimitError } from '../errors.js';

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });
let GB18030: TextDecoder | undefined;

export interface DecodedName {
  name: string;
  /** How the bytes were read: 'utf8' (flag bit 11 or valid UTF-8), 'ascii', 'gb18030' (vendor legacy). */
  encoding: 'ascii' | 'utf8' | 'gb18030';
}

/** Decode a member name. `utf8Flag` is general-purpose flag bit 11. Throws FormatError when undecodable. */
export function decodeZipName(raw: Uint8Array, utf8Flag: boolean): DecodedName {
  let ascii = true;
  for (const b of raw) if (b >= 0x80) ascii = false;
  if (ascii) return { name: String.fromCharCode(...raw), encoding: 'ascii' };
  try {
    return { name: UTF8_STRICT.decode(raw), encoding: 'utf8' };
  } catch {
    if (utf8Flag) throw new FormatError('member name flagged UTF-8 is not valid UTF-8');
  }
  // Chinese ZIP tools write GBK names without the UTF-8 flag; CP437 (the ZIP default) never occurs in OFD.
  try {
    GB18030 ??= new TextDecoder('gb18030', { fatal: true });
    return { name: GB18030.decode(raw), encoding: 'gb18030' };
  } catch {
    throw new FormatError('member name is neither UTF-8 nor GB18030');
  }
}

/**
 * Throw FormatError unless the name has a single unambiguous reading. Directory names end with '/'.
 * `maxBytes` bounds the encoded length (LimitError).
 */
export function checkZipName(name: string, rawLength: number, maxBytes: number): void {
  const show = JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
  if (rawLength > maxBytes) throw new LimitError(`member name of ${rawLength} bytes exceeds the ${maxBytes}-byte limit`);
  if (name.length === 0) throw new FormatError('empty member name');
  if (name.includes('\u0000')) throw new FormatError(`member name ${show} contains NUL`);
  if (name.includes('\\')) throw new FormatError(`member name ${show} contains a backslash`);
  if (name.startsWith('/')) throw new FormatError(`member name ${show} is absolute`);
  if (/^[A-Za-z]:/.test(name)) throw new FormatError(`member name ${show} starts with a drive letter`);
  const body = name.endsWith('/') ? name.slice(0, -1) : name;
  for (const seg of body.split('/')) {
    if (seg === '..') throw new FormatError(`member name ${show} has a '..' segment`);
    if (seg === '.' || seg === '') throw new FormatError(`member name ${show} has an empty or '.' segment`);
  }
}

/** The key two names collide under: Unicode NFC (a name and its decomposed twin are one file to a person). */
export function nameKey(name: string): string {
  return name.normalize('NFC');
}
