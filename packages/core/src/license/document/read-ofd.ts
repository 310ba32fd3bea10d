// readOfdLicenseParts: the licence parts of an OFD package (first document): the credential attachment
// (Attachments.xml, Name or file license-credential.jws), OFD.xml DocInfo CustomData "licenseIdentifier", page 1's
// TextObjects (the TextCodes of one object joined) and the QR codes in the PNG MultiMedia its ImageObjects show.
// Bounded by the package model's limits and ours; never throws.
import { MAX_CREDENTIAL_BYTES, MAX_PNG_BYTES } from '../../credential/limits.js';
import { openOfd, type OfdPackage } from '../../ofd/package.js';
import { resolveLoc } from '../../ofd/loc.js';
import { attr, child, childrenNamed, type XmlElement } from '../../ofd/xml.js';
import { credentialText } from './credential-file.js';
import { MAX_IMAGES, MAX_OFD_ELEMENTS, MAX_PROBLEMS, MAX_TEXT_CHARS, MAX_TEXT_ITEMS, MAX_TOTAL_PIXELS } from './limits.js';
import { CREDENTIAL_FILE_NAME, OFD_IDENTIFIER_DATA } from './names.js';
import { pngPixels } from './png-pixels.js';
import { findQr } from './qr-pixels.js';
import type { OfdLicenseParts, ReadOptions } from './types.js';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Glyphs smaller than this as drawn (mm, Size scaled by the object's CTM; 0.5 pt) are not read as shown. */
const MIN_SHOWN_MM = 0.5 * (25.4 / 72);

const numbersOf = (v: string | undefined): number[] => (v ?? '').trim().split(/\s+/).filter(Boolean).map(Number);

/** A TextObject (or any graphic unit) that draws nothing a viewer shows. */
function invisibleText(el: XmlElement): boolean {
  if (attr(el, 'Visible')?.trim() === 'false') return true;
  // GB/T 33190: a graphic unit is clipped to its Boundary (x y w h); an empty one shows nothing.
  const [, , bw, bh] = numbersOf(attr(el, 'Boundary'));
  if (bw === 0 || bh === 0) return true;
  const size = Number(attr(el, 'Size'));
  const ctm = numbersOf(attr(el, 'CTM'));
  const scale = ctm.length === 6 && ctm.every(Number.isFinite) ? Math.sqrt(Math.abs(ctm[0]! * ctm[3]! - ctm[1]! * ctm[2]!)) : 1;
  if (attr(el, 'Size') !== undefined && Number.isFinite(size) && !(Math.abs(size) * scale >= MIN_SHOWN_MM)) return true;
  const fill = attr(el, 'Fill')?.trim() !== 'false';
  const stroke = attr(el, 'Stroke')?.trim() === 'true';
  if (!fill && !stroke) return true;
  const alpha = attr(el, 'Alpha');
  if (alpha !== undefined && Number(alpha) === 0) return true;
  const fillColor = child(el, 'FillColor');
  const fa = fillColor ? attr(fillColor, 'Alpha') : undefined;
  if (fill && !stroke && fa !== undefined && Number(fa) === 0) return true;
  return false;
}

class Reader {
  readonly out: OfdLicenseParts = { format: 'ofd', credentialAttached: false, text: [], qrTexts: [], imagesSearched: 0, unsearched: [], problems: [] };
  #dropped = 0;
  constructor(readonly pkg: OfdPackage) {}

  problem(p: string): void {
    if (this.out.problems.length < MAX_PROBLEMS - 1) this.out.problems.push(p);
    else this.#dropped++;
  }

  /** A problem that leaves page-1 images unsearched for a QR code; `noted`: the problem was already noted. */
  notSearched(p: string, noted = false): void {
    if (this.out.unsearched.length < MAX_PROBLEMS) this.out.unsearched.push(p);
    if (!noted) this.problem(p);
  }

  finish(): OfdLicenseParts {
    if (this.#dropped > 0) this.out.problems.push(`${this.#dropped} more problem(s)`);
    return this.out;
  }

  /** Parse a part, or undefined with a problem. */
  xml(member: string, what: string): XmlElement | undefined {
    try {
      return this.pkg.xml(member, what);
    } catch (e) {
      this.problem(`${what}: ${message(e)}`);
      return undefined;
    }
  }

  /** A location written in part `from`, resolved to an existing member, or undefined with a problem. */
  locate(loc: string | undefined, from: string, what: string): string | undefined {
    if (loc === undefined || loc.trim() === '') return undefined;
    try {
      const m = this.pkg.resolve(loc.trim(), from);
      if (this.pkg.has(m)) return m;
      this.problem(`${what} ${JSON.stringify(loc)} names a file that is not in the package`);
    } catch (e) {
      this.problem(`${what}: ${message(e)}`);
    }
    return undefined;
  }

  /** The bytes of a member no larger than `max` (checked on the declared size before inflating). */
  bytes(member: string, max: number, what: string): Uint8Array | undefined {
    const e = this.pkg.entry(member);
    if (!e) return undefined;
    if (e.uncompressedSize > max) {
      this.problem(`${what} is ${e.uncompressedSize} bytes, more than ${max}`);
      return undefined;
    }
    try {
      return this.pkg.read(member);
    } catch (err) {
      this.problem(`${what}: ${message(err)}`);
      return undefined;
    }
  }

  customIdentifier(): void {
    const body = childrenNamed(this.pkg.ofd, 'DocBody')[0];
    const datas = childrenNamed(child(child(body, 'DocInfo'), 'CustomDatas'), 'CustomData').filter((c) => attr(c, 'Name') === OFD_IDENTIFIER_DATA);
    const values = [...new Set(datas.map((d) => d.text.trim()).filter((t) => t.length > 0))];
    if (values.length > 1) this.problem(`OFD.xml gives ${values.length} different ${OFD_IDENTIFIER_DATA} values`);
    else if (values.length === 1) this.out.customIdentifier = values[0]!;
  }

  credential(doc: XmlElement, docRoot: string): void {
    const list = this.locate(child(doc, 'Attachments')?.text, docRoot, 'Attachments');
    if (list === undefined) return;
    const xml = this.xml(list, 'Attachments.xml');
    const texts = new Set<string>();
    for (const a of childrenNamed(xml, 'Attachment')) {
      const loc = child(a, 'FileLoc')?.text ?? '';
      const base = loc.slice(loc.lastIndexOf('/') + 1);
      if (attr(a, 'Name') !== CREDENTIAL_FILE_NAME && base !== CREDENTIAL_FILE_NAME) continue;
      this.out.credentialAttached = true;
      const member = this.locate(loc, list, `attachment ${CREDENTIAL_FILE_NAME}`);
      if (member === undefined) continue;
      const b = this.bytes(member, MAX_CREDENTIAL_BYTES, `attachment ${CREDENTIAL_FILE_NAME}`);
      if (!b) continue;
      const t = credentialText(b);
      if ('problem' in t) this.problem(`attachment ${CREDENTIAL_FILE_NAME}: ${t.problem}`);
      else texts.add(t.jws);
    }
    if (texts.size > 1) this.problem(`the document carries ${texts.size} different attachments named ${CREDENTIAL_FILE_NAME}`);
    else if (texts.size === 1) this.out.credentialJws = [...texts][0]!;
  }

  /** MultiMedia ID → member, from the document's resource lists and the page's own. */
  media(lists: (string | undefined)[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const path of lists) {
      if (path === undefined) continue;
      const res = this.xml(path, path);
      if (!res) continue;
      let from = path;
      const base = attr(res, 'BaseLoc');
      if (base !== undefined && base.trim() !== '') {
        try {
          from = `${resolveLoc(base.trim(), path)}/`;
        } catch (e) {
          this.problem(`${path} BaseLoc: ${message(e)}`);
        }
      }
      for (const m of childrenNamed(child(res, 'MultiMedias'), 'MultiMedia')) {
        const id = attr(m, 'ID');
        const file = this.locate(child(m, 'MediaFile')?.text, from, `MultiMedia ${id ?? '?'}`);
        if (id !== undefined && file !== undefined && !out.has(id)) out.set(id, file);
      }
    }
    return out;
  }

  /** Text objects and image resource IDs of a page, in document order. */
  page(content: XmlElement): { images: string[] } {
    const images: string[] = [];
    let chars = 0;
    let visited = 0;
    let hidden = 0;
    const stack: XmlElement[] = [content];
    while (stack.length > 0) {
      const el = stack.pop()!;
      if (++visited > MAX_OFD_ELEMENTS) {
        this.notSearched(`page 1 has more than ${MAX_OFD_ELEMENTS} elements; the rest are not read`);
        break;
      }
      if (el.name === 'TextObject') {
        const t = childrenNamed(el, 'TextCode').map((c) => c.text).join('');
        if (t.length === 0) continue;
        // Text no viewer paints (GB/T 33190: Visible="false", Size 0, a fill of Alpha 0, neither Fill nor Stroke)
        // is not read as shown: a page may not carry the credential's values invisibly under other visible ones.
        if (invisibleText(el)) {
          if (hidden++ === 0) this.problem('page 1 has text objects no viewer shows (Visible="false", Size 0, transparent or unfilled); they are not read as shown');
          continue;
        }
        if (this.out.text.length >= MAX_TEXT_ITEMS || chars + t.length > MAX_TEXT_CHARS) {
          this.problem(`page 1 shows more than ${MAX_TEXT_ITEMS} text objects or ${MAX_TEXT_CHARS} characters; the rest is not read`);
          break;
        }
        chars += t.length;
        this.out.text.push(t);
        continue;
      }
      if (el.name === 'ImageObject') {
        const id = attr(el, 'ResourceID');
        if (id !== undefined && !images.includes(id)) images.push(id);
        continue;
      }
      for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
    }
    return { images };
  }

  qr(ids: string[], media: Map<string, string>): void {
    let budget = MAX_TOTAL_PIXELS;
    const texts = new Set<string>();
    for (const id of ids) {
      if (this.out.imagesSearched >= MAX_IMAGES) {
        this.notSearched(`page 1 shows more than ${MAX_IMAGES} images; the rest are not searched for QR codes`);
        break;
      }
      const member = media.get(id);
      if (member === undefined) {
        this.problem(`page 1 ImageObject names resource ${id}, which no resource list defines`);
        continue;
      }
      const b = this.bytes(member, MAX_PNG_BYTES, `image ${member}`);
      if (!b) {
        this.notSearched(`image ${member}: not searched, it cannot be read`, this.pkg.entry(member) !== undefined);
        continue;
      }
      const px = pngPixels(b);
      if ('skip' in px) {
        // Too large for the search is not "no QR": a viewer shows it (see read-pdf.ts).
        if (px.oversized) this.notSearched(`image ${member}: not searched, ${px.skip}`);
        continue;
      }
      if ('problem' in px) {
        this.notSearched(`image ${member}: ${px.problem}`);
        continue;
      }
      if (px.width * px.height > budget) {
        this.notSearched(`image ${member}: not searched, the pixel budget of ${MAX_TOTAL_PIXELS} is spent`);
        continue;
      }
      this.out.imagesSearched++;
      budget -= px.width * px.height;
      const text = findQr(px);
      if (text !== undefined) texts.add(text);
    }
    this.out.qrTexts = [...texts];
  }

  read(opts: ReadOptions): void {
    this.customIdentifier();
    const body = this.pkg.docBodies[0];
    if (!body?.docRoot) {
      this.problem(`the first document cannot be located: ${body?.problems.join('; ') || 'no DocBody'}`);
      return;
    }
    const docRoot = body.docRoot;
    const doc = this.xml(docRoot, 'Document.xml');
    if (!doc) return;
    this.credential(doc, docRoot);
    if (opts.page === 'if-licence' && !this.out.credentialAttached && this.out.customIdentifier === undefined) return;
    const common = child(doc, 'CommonData');
    const lists = [...childrenNamed(common, 'PublicRes'), ...childrenNamed(common, 'DocumentRes')].map((r) => this.locate(r.text, docRoot, r.name));
    const first = childrenNamed(child(doc, 'Pages'), 'Page')[0];
    const pagePath = this.locate(attr(first, 'BaseLoc'), docRoot, 'Page 1');
    if (pagePath === undefined) {
      this.problem('the document has no readable first page');
      return;
    }
    const page = this.xml(pagePath, 'page 1 Content.xml');
    if (!page) return;
    for (const r of childrenNamed(page, 'PageRes')) lists.push(this.locate(r.text, pagePath, 'PageRes'));
    const content = child(page, 'Content');
    if (!content) return;
    const { images } = this.page(content);
    if (images.length > 0) this.qr(images, this.media(lists));
  }
}

/**
 * Read from an opened package. A package another reader has used (verify() hands over verifyOfd's) is passed as its
 * fresh() view: the XML it parsed is not parsed again, and this reader's budgets are its own, as with bytes.
 */
export function readOfdParts(pkg: OfdPackage, opts: ReadOptions = {}): OfdLicenseParts {
  const r = new Reader(pkg);
  try {
    r.read(opts);
  } catch (e) {
    // Defensive: a bug becomes a problem, never an exception.
    r.problem(`internal error while reading the licence parts: ${message(e)}`);
  }
  return r.finish();
}

/** The licence parts of an OFD package. Never throws: what cannot be read is in `problems`. */
export function readOfdLicenseParts(bytes: Uint8Array, opts: ReadOptions = {}): OfdLicenseParts {
  let pkg: OfdPackage;
  try {
    pkg = openOfd(bytes);
  } catch (e) {
    return { format: 'ofd', credentialAttached: false, text: [], qrTexts: [], imagesSearched: 0, unsearched: [], problems: [`the OFD cannot be opened: ${message(e)}`] };
  }
  return readOfdParts(pkg, opts);
}
