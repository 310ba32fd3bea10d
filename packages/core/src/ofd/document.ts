// What a document's structure names: pages (with their IDs, for StampAnnot PageRef), templates, resource lists and
// the resource files they name, annotations, attachments, custom tags, extensions. Used to tell content-bearing
// files apart from vendor extras in the coverage check. Page content itself is never parsed.
import { dirOf, resolveLoc } from './loc.js';
import type { OfdPackage } from './package.js';
import { attr, child, childrenNamed, type XmlElement } from './xml.js';

export type FileRole =
  | 'package'
  | 'document'
  | 'page'
  | 'template'
  | 'resource-list'
  | 'resource'
  | 'annotation-list'
  | 'annotation'
  | 'attachment-list'
  | 'attachment'
  | 'custom-tag-list'
  | 'custom-tag'
  | 'extension-list'
  | 'signature-list';

export interface OfdPage {
  /** The page ID attribute (what StampAnnot PageRef names). */
  id: string;
  /** Member name of its Content.xml, when it resolves. */
  path?: string;
}

export interface DocumentStructure {
  /** Member name of Document.xml. */
  root: string;
  pages: OfdPage[];
  /** Member name → role, for every file the structure names that is in the package. */
  roles: Map<string, FileRole>;
  /** Locations that do not resolve or name missing files, English. */
  problems: string[];
  /** Locations resolved only case-insensitively (vendor quirk: Document.xml says TPLS/, the folder is Tpls/). */
  notes: string[];
}

/**
 * Read Document.xml and the lists it names (resources, annotations, attachments, custom tags). A part that cannot be
 * parsed is recorded in `problems`; throws only when Document.xml itself is unreadable (FormatError/LimitError).
 */
export function readDocumentStructure(pkg: OfdPackage, docRoot: string): DocumentStructure {
  const out: DocumentStructure = { root: docRoot, pages: [], roles: new Map([[docRoot, 'document']]), problems: [], notes: [] };
  let folded: Map<string, string[]> | undefined;
  const caseless = (path: string): string | undefined => {
    if (!folded) {
      folded = new Map();
      for (const f of pkg.files) folded.set(f.toLowerCase(), [...(folded.get(f.toLowerCase()) ?? []), f]);
    }
    const hits = folded.get(path.toLowerCase());
    return hits?.length === 1 ? hits[0] : undefined;
  };
  const doc = pkg.xml(docRoot, docRoot);
  const add = (loc: string | undefined, from: string, role: FileRole, what: string): string | undefined => {
    if (loc === undefined || loc.trim() === '') return undefined;
    let path: string;
    try {
      path = resolveLoc(loc, from);
    } catch (e) {
      out.problems.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    if (!pkg.has(path)) {
      const twin = caseless(path);
      if (twin === undefined) {
        out.problems.push(`${what} ${JSON.stringify(loc)} names a file that is not in the package`);
        return undefined;
      }
      out.notes.push(`${what} ${JSON.stringify(loc)} found only as ${JSON.stringify(twin)} (letter case differs)`);
      path = twin;
    }
    if (!out.roles.has(path)) out.roles.set(path, role);
    return path;
  };
  const parse = (path: string | undefined, what: string): XmlElement | undefined => {
    if (path === undefined) return undefined;
    try {
      return pkg.xml(path, what);
    } catch (e) {
      out.problems.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };

  const common = child(doc, 'CommonData');
  for (const t of childrenNamed(common, 'TemplatePage')) add(attr(t, 'BaseLoc'), docRoot, 'template', 'TemplatePage');
  const resLists = [...childrenNamed(common, 'PublicRes'), ...childrenNamed(common, 'DocumentRes')].map((r) => add(r.text, docRoot, 'resource-list', r.name));
  for (const p of childrenNamed(child(doc, 'Pages'), 'Page')) {
    const page: OfdPage = { id: attr(p, 'ID') ?? '' };
    const path = add(attr(p, 'BaseLoc'), docRoot, 'page', `Page ${page.id}`);
    if (path !== undefined) page.path = path;
    out.pages.push(page);
  }
  // Resource lists name files relative to their own BaseLoc directory.
  for (const path of resLists) {
    const res = parse(path, path ?? '');
    if (!res || path === undefined) continue;
    const base = attr(res, 'BaseLoc');
    let from = path;
    if (base !== undefined && base.trim() !== '') {
      try {
        from = `${resolveLoc(base, path)}/`; // a directory: its files resolve inside it
      } catch (e) {
        out.problems.push(`Res BaseLoc: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    for (const f of childrenNamed(child(res, 'Fonts'), 'Font')) add(child(f, 'FontFile')?.text, from, 'resource', 'FontFile');
    for (const m of childrenNamed(child(res, 'MultiMedias'), 'MultiMedia')) add(child(m, 'MediaFile')?.text, from, 'resource', 'MediaFile');
    for (const c of childrenNamed(child(res, 'ColorSpaces'), 'ColorSpace')) add(child(c, 'ICCProfile')?.text, from, 'resource', 'ICCProfile');
  }
  const annots = add(child(doc, 'Annotations')?.text, docRoot, 'annotation-list', 'Annotations');
  const annotList = parse(annots, 'Annotations');
  if (annots !== undefined) for (const p of childrenNamed(annotList, 'Page')) add(child(p, 'FileLoc')?.text, annots, 'annotation', 'Annotations FileLoc');
  const attachs = add(child(doc, 'Attachments')?.text, docRoot, 'attachment-list', 'Attachments');
  const attachList = parse(attachs, 'Attachments');
  if (attachs !== undefined) for (const a of childrenNamed(attachList, 'Attachment')) add(child(a, 'FileLoc')?.text, attachs, 'attachment', 'Attachment FileLoc');
  const tags = add(child(doc, 'CustomTags')?.text, docRoot, 'custom-tag-list', 'CustomTags');
  const tagList = parse(tags, 'CustomTags');
  if (tags !== undefined) {
    for (const t of childrenNamed(tagList, 'CustomTag')) {
      add(child(t, 'FileLoc')?.text, tags, 'custom-tag', 'CustomTag FileLoc');
      add(child(t, 'SchemaLoc')?.text, tags, 'custom-tag', 'CustomTag SchemaLoc');
    }
  }
  add(child(doc, 'Extensions')?.text, docRoot, 'extension-list', 'Extensions');
  return out;
}

/** Content folders of a document by convention (GB/T 33190 Annex A layout), matched case-insensitively. */
const CONTENT_DIRS: Record<string, FileRole> = {
  pages: 'page',
  tpls: 'template',
  res: 'resource',
  annots: 'annotation',
  attachs: 'attachment',
  tags: 'custom-tag',
  extends: 'extension-list',
  extensions: 'extension-list',
};

/**
 * The role a file not named by any structure would have by the conventional layout: inside a document folder,
 * a content folder (Pages, Tpls, Res, Annots, Attachs, Tags) or a well-known part; undefined for anything else.
 */
export function conventionalRole(member: string, docDirs: readonly string[]): FileRole | undefined {
  const base = member.slice(member.lastIndexOf('/') + 1).toLowerCase();
  if (base === 'content.xml') return member.toLowerCase().includes('/tpl') ? 'template' : 'page';
  for (const dir of docDirs) {
    if (!member.startsWith(dir)) continue;
    const rest = member.slice(dir.length);
    const first = rest.split('/')[0]!.toLowerCase();
    if (rest.includes('/')) {
      const role = CONTENT_DIRS[first];
      if (role) return role;
    } else if (base === 'document.xml') return 'document';
    else if (base === 'publicres.xml' || base === 'documentres.xml') return 'resource-list';
  }
  return undefined;
}

/** Document folders: the directory of every DocRoot ('Doc_0/'). */
export function documentDirs(docRoots: readonly string[]): string[] {
  return [...new Set(docRoots.map(dirOf))];
}
