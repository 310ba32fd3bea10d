// OFD.xml: the package entry, one DocBody with DocInfo and DocRoot. Elements in the order of GB/T 33190 CT_DocInfo
// (DocID, Title, Author, Subject, Abstract, CreationDate, …, Keywords, Creator, CreatorVersion, CustomDatas).
// No <Signatures>: the signer (sign.ts) adds it as the DocBody's last child.
import { FormatError, LimitError } from '../../errors.js';
import { OFD_NS } from '../xml.js';
import { OFD_WRITE_LIMITS } from './limits.js';
import { DECL } from './page-content.js';
import type { OfdDocInfoInput } from './types.js';
import { xmlText } from './xml-text.js';

/** Placeholder the writer replaces with the DocID derived from every other byte of the package. */
export const DOC_ID_PLACEHOLDER = '00000000000000000000000000000000';

/** xs:date of `d` (its UTC date). */
export function xsDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function ofdXml(info: OfdDocInfoInput, creationDate: Date, docRoot: string): string {
  const el = (name: string, value: string | undefined): string => (value === undefined ? '' : `<ofd:${name}>${xmlText(value, `DocInfo ${name}`)}</ofd:${name}>`);
  const keywords = info.keywords ?? [];
  if (!Array.isArray(keywords)) throw new FormatError('DocInfo keywords is not a list');
  const custom = info.customData ?? [];
  if (!Array.isArray(custom)) throw new FormatError('DocInfo customData is not a list');
  if (custom.length > OFD_WRITE_LIMITS.maxCustomData) throw new LimitError(`${custom.length} CustomData entries, over the limit of ${OFD_WRITE_LIMITS.maxCustomData}`);
  const names = new Set<string>();
  const customXml = custom.map((c, i) => {
    if (typeof c?.name !== 'string' || c.name.trim() === '') throw new FormatError(`CustomData ${i + 1} has no name`);
    if (typeof c.value !== 'string') throw new FormatError(`CustomData ${JSON.stringify(c.name)} has no string value`);
    if (names.has(c.name)) throw new FormatError(`CustomData ${JSON.stringify(c.name)} is given twice`);
    names.add(c.name);
    return `<ofd:CustomData Name="${xmlText(c.name, 'CustomData name')}">${xmlText(c.value, `CustomData ${JSON.stringify(c.name)}`)}</ofd:CustomData>`;
  });
  return (
    `${DECL}<ofd:OFD xmlns:ofd="${OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>` +
    `<ofd:DocID>${DOC_ID_PLACEHOLDER}</ofd:DocID>${el('Title', info.title)}${el('Author', info.author)}${el('Subject', info.subject)}${el('Abstract', info.abstract)}` +
    `<ofd:CreationDate>${xsDate(creationDate)}</ofd:CreationDate>` +
    (keywords.length ? `<ofd:Keywords>${keywords.map((k) => el('Keyword', k)).join('')}</ofd:Keywords>` : '') +
    `${el('Creator', info.creator ?? 'heyan')}${el('CreatorVersion', info.creatorVersion)}` +
    (customXml.length ? `<ofd:CustomDatas>${customXml.join('')}</ofd:CustomDatas>` : '') +
    `</ofd:DocInfo><ofd:DocRoot>${xmlText(docRoot, 'DocRoot')}</ofd:DocRoot></ofd:DocBody></ofd:OFD>`
  );
}
