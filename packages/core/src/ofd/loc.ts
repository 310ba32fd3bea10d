// ST_Loc (GB/T 33190 table 2): a leading '/' is the package root, anything else is relative to the directory of the
// XML part that holds the reference. '.' and '..' are resolved; a path that would leave the package is refused.
import { FormatError } from '../errors.js';

/** The directory of a member name, with a trailing '/' ('' for the root). */
export function dirOf(member: string): string {
  const i = member.lastIndexOf('/');
  return i < 0 ? '' : member.slice(0, i + 1);
}

/**
 * Resolve `loc` as written in the part `from` (a member name, '' for the root) to a member name (no leading '/').
 * Throws FormatError for an empty location, a backslash, NUL, a URL scheme, or a path escaping the package.
 */
export function resolveLoc(loc: string, from: string): string {
  const s = loc.trim();
  const show = JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);
  if (s === '') throw new FormatError('empty location');
  if (s.includes('\\')) throw new FormatError(`location ${show} contains a backslash`);
  if (s.includes('\u0000')) throw new FormatError(`location ${show} contains NUL`);
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(s)) throw new FormatError(`location ${show} is not a package path`);
  const joined = s.startsWith('/') ? s.slice(1) : dirOf(from) + s;
  const out: string[] = [];
  for (const seg of joined.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) throw new FormatError(`location ${show} leaves the package`);
      out.pop();
    } else out.push(seg);
  }
  if (out.length === 0) throw new FormatError(`location ${show} names the package root`);
  return out.join('/');
}

/** How a member is shown in reports: the absolute ST_Loc form, '/Doc_0/Document.xml'. */
export function displayPath(member: string): string {
  return `/${member}`;
}
