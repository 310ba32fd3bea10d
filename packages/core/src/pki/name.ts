// X.501 Names: RFC 4514 display strings, a normalised comparison key, and DER encoding for issuing.
import { FormatError } from '../errors.js';
import {
  TAG_IA5_STRING,
  TAG_PRINTABLE_STRING,
  TAG_SEQUENCE,
  TAG_SET,
  TAG_TELETEX_STRING,
  TAG_VISIBLE_STRING,
  children,
  content,
  decodeString,
  encoding,
  ia5String,
  isPrintable,
  oid,
  printableString,
  readOid,
  readRoot,
  seq,
  setOf,
  toHex,
  utf8String,
  type El,
} from '../asn1/index.js';
import { PKI_READER } from './reader-options.js';

interface AttrType {
  oid: string;
  short: string;
  /** Encoding used when issuing. */
  encode: 'printable' | 'ia5' | 'utf8';
}

const TYPES: AttrType[] = [
  { oid: '0.9.2342.19200300.100.1.25', short: 'DC', encode: 'ia5' },
  { oid: '2.5.4.6', short: 'C', encode: 'printable' },
  { oid: '2.5.4.8', short: 'ST', encode: 'utf8' },
  { oid: '2.5.4.7', short: 'L', encode: 'utf8' },
  { oid: '2.5.4.9', short: 'STREET', encode: 'utf8' },
  { oid: '2.5.4.17', short: 'postalCode', encode: 'printable' },
  { oid: '2.5.4.10', short: 'O', encode: 'utf8' },
  { oid: '2.5.4.11', short: 'OU', encode: 'utf8' },
  { oid: '2.5.4.97', short: 'organizationIdentifier', encode: 'utf8' },
  { oid: '2.5.4.15', short: 'businessCategory', encode: 'utf8' },
  { oid: '2.5.4.12', short: 'T', encode: 'utf8' },
  { oid: '2.5.4.42', short: 'GN', encode: 'utf8' },
  { oid: '2.5.4.4', short: 'SN', encode: 'utf8' },
  { oid: '2.5.4.43', short: 'initials', encode: 'utf8' },
  { oid: '2.5.4.65', short: 'pseudonym', encode: 'utf8' },
  { oid: '2.5.4.46', short: 'dnQualifier', encode: 'printable' },
  { oid: '2.5.4.3', short: 'CN', encode: 'utf8' },
  { oid: '2.5.4.5', short: 'serialNumber', encode: 'printable' },
  { oid: '0.9.2342.19200300.100.1.1', short: 'UID', encode: 'utf8' },
  { oid: '1.2.840.113549.1.9.1', short: 'emailAddress', encode: 'ia5' },
];

const BY_OID = new Map(TYPES.map((t) => [t.oid, t]));
const ALIASES: Record<string, string> = {
  commonname: 'CN',
  countryname: 'C',
  stateorprovincename: 'ST',
  s: 'ST',
  localityname: 'L',
  organizationname: 'O',
  organizationalunitname: 'OU',
  streetaddress: 'STREET',
  domaincomponent: 'DC',
  userid: 'UID',
  e: 'emailAddress',
  email: 'emailAddress',
  title: 'T',
  givenname: 'GN',
  surname: 'SN',
};
const BY_SHORT = new Map(TYPES.map((t) => [t.short.toLowerCase(), t]));

function typeOf(key: string): AttrType | { oid: string; short: string; encode: 'utf8' } {
  const k = key.trim();
  if (/^\d+(\.\d+)+$/.test(k)) {
    const known = BY_OID.get(k);
    if (known) return known;
    try {
      oid(k);
    } catch {
      throw new FormatError(`name: "${k.slice(0, 40)}" is not a valid OID`);
    }
    return { oid: k, short: k, encode: 'utf8' };
  }
  const lower = k.toLowerCase();
  const t = BY_SHORT.get(lower) ?? BY_SHORT.get((ALIASES[lower] ?? '').toLowerCase());
  if (!t) throw new FormatError(`unknown name attribute "${k.slice(0, 40)}"`);
  return t;
}

// ---------------------------------------------------------------- decoding

export interface ParsedName {
  /** RFC 4514 string (most specific RDN first), UTF-8, control characters escaped. */
  text: string;
  /** Normalised key: equal keys mean equal names under RFC 5280 7.1 (case and space insensitive). */
  key: string;
  /** The attributes in DER order, for callers that want a field (e.g. CN). */
  attributes: { oid: string; name: string; value: string }[];
}

/** RFC 4514 section 2.4 escaping, plus \hh for control characters so names cannot drive a terminal. */
function escapeValue(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) out += '\\' + code.toString(16).padStart(2, '0');
    else if ('"+,;<>\\'.includes(ch)) out += '\\' + ch;
    else if ((i === 0 && (ch === ' ' || ch === '#')) || (i === s.length - 1 && ch === ' ')) out += '\\' + ch;
    else out += ch;
  }
  return out;
}

function normalise(s: string): string {
  return s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });
const SINGLE_BYTE_TAGS = new Set([TAG_IA5_STRING, TAG_PRINTABLE_STRING, TAG_VISIBLE_STRING, TAG_TELETEX_STRING]);

/**
 * The text of an attribute value. Chinese CAs put UTF-8 into IA5String and PrintableString (an emailAddress of
 * 电子邮箱, say), which read as Latin-1 turns into mojibake; bytes of those single-byte types that are valid UTF-8
 * with non-ASCII characters are read as UTF-8 (genuine Latin-1 text is almost never valid UTF-8), the rest as before.
 */
function attributeText(value: El): string | undefined {
  if (SINGLE_BYTE_TAGS.has(value.tag)) {
    const raw = content(value);
    if (raw.some((b) => b >= 0x80)) {
      try {
        return UTF8_STRICT.decode(raw);
      } catch {
        // not UTF-8: the type's own reading (Latin-1)
      }
    }
  }
  return decodeString(value);
}

/** Decode a Name (SEQUENCE OF SET OF AttributeTypeAndValue). Throws FormatError. */
export function parseName(name: El, what: string): ParsedName {
  if (name.tag !== TAG_SEQUENCE) throw new FormatError(`${what}: Name must be a SEQUENCE`);
  const rdnTexts: string[] = [];
  const rdnKeys: string[] = [];
  const attributes: ParsedName['attributes'] = [];
  for (const rdn of children(name, what, 256)) {
    if (rdn.tag !== TAG_SET) throw new FormatError(`${what}: RDN must be a SET`);
    const avas = children(rdn, what, 64);
    if (avas.length === 0) throw new FormatError(`${what}: empty RDN`);
    const texts: string[] = [];
    const keys: string[] = [];
    for (const ava of avas) {
      const parts = ava.tag === TAG_SEQUENCE ? children(ava, what, 3) : [];
      if (parts.length !== 2) throw new FormatError(`${what}: bad AttributeTypeAndValue`);
      const oid = readOid(parts[0], what);
      const value = parts[1]!;
      const t = BY_OID.get(oid);
      const s = attributeText(value);
      const label = t ? t.short : oid;
      const hex = s === undefined ? '#' + toHex(encoding(value)) : undefined;
      texts.push(`${label}=${hex ?? escapeValue(s!)}`);
      keys.push(`${oid}=${hex ?? normalise(s!)}`);
      attributes.push({ oid, name: label, value: s ?? hex! });
    }
    rdnTexts.push(texts.join('+'));
    rdnKeys.push(JSON.stringify(keys.sort()));
  }
  return { text: rdnTexts.reverse().join(','), key: rdnKeys.join('/'), attributes };
}

/** Decode a DER Name given as bytes. */
export function parseNameDer(der: Uint8Array): ParsedName {
  return parseName(readRoot(der, 'Name', PKI_READER), 'Name');
}

// ---------------------------------------------------------------- encoding

export type NameInput = Record<string, string> | string;

interface Ava {
  type: AttrType | { oid: string; short: string; encode: 'utf8' };
  value: string;
}

/** Split on an unescaped separator character. */
function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length) {
      cur += ch + s[i + 1];
      i++;
    } else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function unescape(v: string): string {
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < v.length; i++) {
    const ch = v[i]!;
    if (ch === '\\') {
      const h = v.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(h)) {
        bytes.push(parseInt(h, 16));
        i += 2;
      } else if (i + 1 < v.length) {
        bytes.push(...enc.encode(v[i + 1]!));
        i++;
      } else throw new FormatError('name: dangling backslash');
    } else {
      const cp = v.codePointAt(i)!;
      const c = String.fromCodePoint(cp);
      bytes.push(...enc.encode(c));
      i += c.length - 1;
    }
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
}

function parseAva(s: string): Ava {
  const eq = s.indexOf('=');
  if (eq <= 0) throw new FormatError(`name: "${s.slice(0, 40)}" is not TYPE=value`);
  const type = typeOf(s.slice(0, eq));
  return { type, value: unescape(s.slice(eq + 1).trim()) };
}

/** RDNs in DER order (most general first). */
function rdnsOf(input: NameInput): Ava[][] {
  if (typeof input === 'string') {
    const text = input.trim();
    if (text.startsWith('/')) {
      // OpenSSL -subj form: /C=CN/O=x/CN=y, already most general first.
      return splitUnescaped(text.slice(1), '/').filter((p) => p.trim() !== '').map((p) => splitUnescaped(p, '+').map(parseAva));
    }
    // RFC 4514: most specific first, so reverse.
    return splitUnescaped(text, ',')
      .filter((p) => p.trim() !== '')
      .map((p) => splitUnescaped(p, '+').map((a) => parseAva(a.trim())))
      .reverse();
  }
  const avas: Ava[] = Object.entries(input).map(([k, v]) => ({ type: typeOf(k), value: String(v) }));
  // Conventional order (C, ST, L, O, OU, CN ...) whatever order the object literal used; unknown OIDs last.
  const rank = (a: Ava) => {
    const i = TYPES.findIndex((t) => t.oid === a.type.oid);
    return i < 0 ? TYPES.length : i;
  };
  return avas
    .map((a, i) => ({ a, i }))
    .sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i)
    .map(({ a }) => [a]);
}

function encodeValue(a: Ava): Uint8Array {
  const v = a.value;
  if (v.length === 0) throw new FormatError(`name: empty value for ${a.type.short}`);
  if (v.length > 4096) throw new FormatError(`name: value for ${a.type.short} too long`);
  if (a.type.oid === '2.5.4.6' && !/^[A-Za-z]{2}$/.test(v)) throw new FormatError(`name: C must be a two-letter country code`);
  if (a.type.encode === 'printable' && isPrintable(v)) return printableString(v);
  if (a.type.encode === 'ia5' && /^[\x00-\x7f]*$/.test(v)) return ia5String(v);
  return utf8String(v);
}

/** DER of a Name from `{CN, O, C, ...}`, an RFC 4514 string ("CN=x,O=y,C=CN") or an OpenSSL "/C=CN/O=y/CN=x" string. */
export function encodeName(input: NameInput): Uint8Array {
  const rdns = rdnsOf(input);
  if (rdns.length === 0) throw new FormatError('name: no attributes');
  // setOf sorts the members of a multi-valued RDN (DER SET OF).
  return seq(...rdns.map((rdn) => setOf(rdn.map((a) => seq(oid(a.type.oid), encodeValue(a))))));
}
