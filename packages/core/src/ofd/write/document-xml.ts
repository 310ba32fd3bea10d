// Doc_0/Document.xml: CommonData (MaxUnitID, PageArea, the resource lists), the pages, the attachment list.
// Element order of GB/T 33190 CT_Document / CT_CommonData.
import { OFD_NS } from '../xml.js';
import { DECL } from './page-content.js';
import { fmtMm } from './xml-text.js';

export interface DocumentXmlInput {
  maxUnitId: number;
  area: { widthMm: number; heightMm: number };
  publicRes?: string;
  documentRes?: string;
  pages: readonly { id: number; baseLoc: string }[];
  attachments?: string;
}

export function documentXml(d: DocumentXmlInput): string {
  return (
    `${DECL}<ofd:Document xmlns:ofd="${OFD_NS}"><ofd:CommonData><ofd:MaxUnitID>${d.maxUnitId}</ofd:MaxUnitID>` +
    `<ofd:PageArea><ofd:PhysicalBox>0 0 ${fmtMm(d.area.widthMm)} ${fmtMm(d.area.heightMm)}</ofd:PhysicalBox></ofd:PageArea>` +
    (d.publicRes !== undefined ? `<ofd:PublicRes>${d.publicRes}</ofd:PublicRes>` : '') +
    (d.documentRes !== undefined ? `<ofd:DocumentRes>${d.documentRes}</ofd:DocumentRes>` : '') +
    `</ofd:CommonData><ofd:Pages>${d.pages.map((p) => `<ofd:Page ID="${p.id}" BaseLoc="${p.baseLoc}"/>`).join('')}</ofd:Pages>` +
    (d.attachments !== undefined ? `<ofd:Attachments>${d.attachments}</ofd:Attachments>` : '') +
    `</ofd:Document>`
  );
}
