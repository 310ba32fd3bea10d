// Doc_0/Attachs/Attachments.xml: one Attachment per file (GB/T 33190 CT_Attachment: ID and Name required; Format,
// CreationDate as xs:dateTime, Size in KB, Visible), its FileLoc relative to the list.
import { OFD_NS } from '../xml.js';
import { DECL } from './page-content.js';
import { xmlText } from './xml-text.js';

export interface AttachmentEntry {
  id: number;
  name: string;
  format?: string;
  creationDate: Date;
  bytes: number;
  visible: boolean;
  file: string;
}

/** xs:dateTime in UTC, whole seconds. */
export function xsDateTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function attachmentsXml(list: readonly AttachmentEntry[]): string {
  const items = list.map(
    (a) =>
      `<ofd:Attachment ID="${a.id}" Name="${xmlText(a.name, 'attachment name')}"${a.format !== undefined ? ` Format="${xmlText(a.format, 'attachment format')}"` : ''}` +
      ` CreationDate="${xsDateTime(a.creationDate)}" Size="${(a.bytes / 1024).toFixed(3)}"${a.visible ? '' : ' Visible="false"'}>` +
      `<ofd:FileLoc>${a.file}</ofd:FileLoc></ofd:Attachment>`,
  );
  return `${DECL}<ofd:Attachments xmlns:ofd="${OFD_NS}">${items.join('')}</ofd:Attachments>`;
}
