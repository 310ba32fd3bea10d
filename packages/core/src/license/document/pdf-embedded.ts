// The licence parts of a PDF outside the page: the credential file (catalog /Names /EmbeddedFiles name tree, and the
// catalog's /AF associated files, PDF/A-3 style) and the identifier in the XMP packet (/Metadata,
// xmlns:hy="urn:heyan:license:1.0", hy:identifier as an element or an attribute).
import { pdfText } from '../../pdf/document/index.js';
import type { PdfObj } from '../../pdf/document/index.js';
import { MAX_CREDENTIAL_BYTES } from '../../credential/limits.js';
import { MAX_NAME_TREE_NODES, MAX_XMP_BYTES } from './limits.js';
import { CREDENTIAL_FILE_NAME, XMP_LICENSE_NS } from './names.js';
import type { PdfDict, PdfReadContext } from './pdf-context.js';
import { credentialText, type CredentialFile } from './credential-file.js';

/** A file specification's names (/UF, /F) as text. */
function fileNames(ctx: PdfReadContext, spec: PdfDict): string[] {
  const out: string[] = [];
  for (const k of ['UF', 'F']) {
    const v = ctx.resolve(spec.get(k));
    if (v?.t === 'str') out.push(pdfText(v) ?? '');
  }
  return out;
}

/** Leaves of the /EmbeddedFiles name tree: [key, file specification]. Bounded, cycle-safe. */
function nameTreeLeaves(ctx: PdfReadContext, root: PdfObj | undefined): [string, PdfObj][] {
  const out: [string, PdfObj][] = [];
  const seen = new Set<number>();
  const queue: PdfObj[] = root ? [root] : [];
  let visited = 0;
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node.t === 'ref') {
      if (seen.has(node.num)) continue;
      seen.add(node.num);
    }
    if (++visited > MAX_NAME_TREE_NODES) {
      ctx.problem(`the /EmbeddedFiles name tree has more than ${MAX_NAME_TREE_NODES} nodes; the rest are not read`);
      break;
    }
    const d = ctx.dict(node);
    if (!d) continue;
    const names = ctx.resolve(d.get('Names'));
    if (names?.t === 'array') {
      for (let i = 0; i + 1 < names.v.length; i += 2) {
        const k = ctx.resolve(names.v[i]);
        if (k?.t === 'str') out.push([pdfText(k) ?? '', names.v[i + 1]!]);
      }
    }
    const kids = ctx.resolve(d.get('Kids'));
    if (kids?.t === 'array') queue.push(...kids.v.slice(0, MAX_NAME_TREE_NODES));
  }
  return out;
}

/** The embedded file stream's bytes of a file specification, bounded. */
function embeddedBytes(ctx: PdfReadContext, spec: PdfDict, what: string): Uint8Array | { tooLarge: number } | undefined {
  const ef = ctx.dict(spec.get('EF'));
  const s = ctx.stream(ef?.get('UF') ?? ef?.get('F'));
  if (!s) {
    ctx.problem(`${what}: no embedded file stream (/EF)`);
    return undefined;
  }
  // Compressed JWS text shrinks to about ¾: anything stored larger than the credential limit is refused unread.
  if (s.dataLength > MAX_CREDENTIAL_BYTES) return { tooLarge: s.dataLength };
  const d = ctx.data(s, what, MAX_CREDENTIAL_BYTES + 1, MAX_CREDENTIAL_BYTES);
  if (d === undefined) return undefined;
  return d;
}

/**
 * The credential file: every file specification named CREDENTIAL_FILE_NAME (name-tree key, /UF or /F), in the
 * name tree and in the catalog's /AF. `attached` when at least one exists, whatever it holds.
 */
export function readPdfCredential(ctx: PdfReadContext, catalog: PdfDict): CredentialFile {
  const specs: { spec: PdfDict; key: number | PdfDict; where: string }[] = [];
  const add = (o: PdfObj, where: string, treeKey?: string): void => {
    const spec = ctx.dict(o);
    if (!spec) return;
    if (treeKey !== CREDENTIAL_FILE_NAME && !fileNames(ctx, spec).includes(CREDENTIAL_FILE_NAME)) return;
    const key = o.t === 'ref' ? o.num : spec;
    if (!specs.some((s) => s.key === key)) specs.push({ spec, key, where });
  };
  const names = ctx.dict(catalog.get('Names'));
  for (const [k, v] of nameTreeLeaves(ctx, names?.get('EmbeddedFiles'))) add(v, 'the /EmbeddedFiles name tree', k);
  const af = ctx.resolve(catalog.get('AF'));
  if (af?.t === 'array') for (const o of af.v.slice(0, MAX_NAME_TREE_NODES)) add(o, 'the catalog /AF');

  const texts = new Set<string>();
  const out: CredentialFile = { attached: specs.length > 0, problems: [] };
  for (const { spec, where } of specs) {
    const b = embeddedBytes(ctx, spec, `${CREDENTIAL_FILE_NAME} in ${where}`);
    if (b === undefined) continue;
    if ('tooLarge' in b) {
      out.problems.push(`${CREDENTIAL_FILE_NAME} in ${where} is ${b.tooLarge} bytes, more than a credential may be (${MAX_CREDENTIAL_BYTES})`);
      continue;
    }
    const t = credentialText(b);
    if ('problem' in t) out.problems.push(`${CREDENTIAL_FILE_NAME} in ${where}: ${t.problem}`);
    else texts.add(t.jws);
  }
  if (texts.size > 1) out.problems.push(`the document carries ${texts.size} different files named ${CREDENTIAL_FILE_NAME}`);
  else if (texts.size === 1) out.jws = [...texts][0]!;
  return out;
}

function xmlUnescape(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7});/g, (_m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
    }
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e]!;
  });
}

/** hy:identifier values (element or attribute form) under every prefix bound to XMP_LICENSE_NS. */
export function xmpIdentifiers(xmp: string): string[] {
  const found = new Set<string>();
  const ns = XMP_LICENSE_NS.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const prefixes = new Set<string>();
  for (const m of xmp.matchAll(new RegExp(`xmlns:([A-Za-z_][A-Za-z0-9_.-]{0,63})\\s*=\\s*["']${ns}["']`, 'g'))) prefixes.add(m[1]!);
  for (const p of prefixes) {
    const q = p.replace(/\./g, '\\.');
    for (const m of xmp.matchAll(new RegExp(`<${q}:identifier(?:\\s[^>]{0,1000})?>([^<]{0,2000})</${q}:identifier>`, 'g'))) found.add(xmlUnescape(m[1]!).trim());
    for (const m of xmp.matchAll(new RegExp(`\\s${q}:identifier\\s*=\\s*"([^"]{0,2000})"`, 'g'))) found.add(xmlUnescape(m[1]!).trim());
    for (const m of xmp.matchAll(new RegExp(`\\s${q}:identifier\\s*=\\s*'([^']{0,2000})'`, 'g'))) found.add(xmlUnescape(m[1]!).trim());
  }
  return [...found].filter((s) => s.length > 0);
}

/** The licence identifier of the XMP packet; undefined when there is none, or several (a problem). */
export function readXmpIdentifier(ctx: PdfReadContext, catalog: PdfDict): string | undefined {
  const s = ctx.stream(catalog.get('Metadata'));
  if (!s) return undefined;
  const d = ctx.data(s, 'XMP metadata', MAX_XMP_BYTES);
  if (!d) return undefined;
  const ids = xmpIdentifiers(new TextDecoder('utf-8', { fatal: false }).decode(d));
  if (ids.length > 1) {
    ctx.problem(`the XMP metadata gives ${ids.length} different licence identifiers`);
    return undefined;
  }
  return ids[0];
}
