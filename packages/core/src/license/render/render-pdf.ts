// The unsigned licence PDF: one page drawn from the layout's draw list (pdf-page.ts), the signed credential (JWS)
// as an embedded file that is an Associated File of the document (PDF/A-3 style: catalog /AF, /AFRelationship
// /Source, also in the /EmbeddedFiles name tree), XMP metadata (metadata stream on the catalog) and the Info
// dictionary. Saved with a classic xref table and no object streams, so pdf/sign's incremental signer (and any other)
// appends to it as is.
import { createHash } from 'node:crypto';
import { MAX_CREDENTIAL_BYTES } from '../../credential/limits.js';
import { FormatError, LimitError } from '../../errors.js';
import { CREDENTIAL_FILE_NAME } from '../document/names.js';
import type { LicensePage } from './draw-list.js';
import { drawLicensePage } from './pdf-page.js';
import { pdfLib } from './pdf-lib.js';
import { licenseXmp } from './xmp.js';

/** MIME type of the embedded credential (its name is document/names.ts CREDENTIAL_FILE_NAME). */
export const CREDENTIAL_MEDIA_TYPE = 'application/vc+jwt';

export interface RenderLicensePdfOptions {
  /** The signed credential, compact JWS (credential/ `issueCredential().jws`). */
  credentialJws: string;
  /** The licence identifier (电子证照标识): XMP dc:identifier and hy:identifier, Info /Subject and /Keywords. */
  identifier: string;
  /** Document title (Info /Title, dc:title, shown in the viewer's title bar), e.g. the type name. */
  title: string;
  /** The issuing authority (Info /Author, dc:creator). */
  author: string;
  /** Creation time: Info dates, XMP dates, the embedded file's dates. Default now. */
  createdAt?: Date;
  /** Catalog /Lang and the XMP language. Default zh-CN. */
  lang?: string;
}

const check = (v: unknown, what: string, max: number): string => {
  if (typeof v !== 'string' || v.trim() === '') throw new FormatError(`renderLicensePdf: ${what} must be a non-empty string`);
  if (v.length > max) throw new LimitError(`renderLicensePdf: ${what} longer than ${max} characters`);
  return v;
};

/**
 * Render the page to PDF bytes (unsigned). Throws FormatError / LimitError on bad options or page, FormatError when a
 * character has no glyph in the font.
 */
export async function renderLicensePdf(page: LicensePage, opts: RenderLicensePdfOptions): Promise<Uint8Array> {
  const jws = check(opts?.credentialJws, 'credentialJws', MAX_CREDENTIAL_BYTES);
  if (!/^[A-Za-z0-9_\-.]+$/.test(jws)) throw new FormatError('renderLicensePdf: credentialJws is not a compact JWS');
  const identifier = check(opts.identifier, 'identifier', 256);
  const title = check(opts.title, 'title', 1000);
  const author = check(opts.author, 'author', 4096);
  const createdAt = opts.createdAt ?? new Date();
  if (!(createdAt instanceof Date) || Number.isNaN(createdAt.getTime())) throw new FormatError('renderLicensePdf: createdAt is not a valid date');
  const lang = opts.lang ?? 'zh-CN';
  if (!/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(lang)) throw new FormatError('renderLicensePdf: lang is not a language tag');

  const lib = pdfLib();
  const { AFRelationship, PDFDocument, PDFHexString, PDFName, PDFString } = lib;
  const doc = await PDFDocument.create({ updateMetadata: false });
  await drawLicensePage(lib, doc, page);

  const description = `电子证照 ${identifier}`;
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setAuthor(author);
  doc.setSubject(description);
  doc.setKeywords([identifier]);
  doc.setCreator('heyan');
  doc.setProducer('heyan (pdf-lib 1.17.1)');
  doc.setCreationDate(createdAt);
  doc.setModificationDate(createdAt);

  await doc.attach(new TextEncoder().encode(jws), CREDENTIAL_FILE_NAME, {
    mimeType: CREDENTIAL_MEDIA_TYPE,
    description: '电子证照数据（签名凭证 JWS）/ signed licence credential (JWS)',
    creationDate: createdAt,
    modificationDate: createdAt,
    // The page is rendered from the credential's record: the credential is the source of the content.
    afRelationship: AFRelationship.Source,
  });

  const ctx = doc.context;
  const xmp = licenseXmp({ title, creator: author, identifier, credentialFile: CREDENTIAL_FILE_NAME, createdAt, producer: 'heyan (pdf-lib 1.17.1)', creatorTool: 'heyan', description, lang });
  // Uncompressed, so that XMP scanners find the packet in the file.
  const metadata = ctx.register(ctx.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' }));
  doc.catalog.set(PDFName.of('Metadata'), metadata);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(lang));
  // A file identifier (ISO 32000 14.4), stable for the same licence, credential and time.
  const id = createHash('sha256').update(identifier).update('\0').update(createdAt.toISOString()).update('\0').update(jws).digest('hex').slice(0, 32).toUpperCase();
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(id), PDFHexString.of(id)]);

  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return new Uint8Array(bytes);
}
