// The resource lists: PublicRes.xml (fonts, each with its embedded FontFile) and DocumentRes.xml (images as
// MultiMedia Type="Image"), both with BaseLoc="Res", so the files they name live in Doc_0/Res/.
import { OFD_NS } from '../xml.js';
import { DECL } from './page-content.js';
import { xmlText } from './xml-text.js';

export interface FontResource {
  id: number;
  fontName: string;
  familyName?: string;
  bold: boolean;
  italic: boolean;
  /** File name inside Res/. */
  file: string;
}

export interface ImageResource {
  id: number;
  file: string;
}

export function publicResXml(fonts: readonly FontResource[]): string {
  const list = fonts.map(
    (f) =>
      `<ofd:Font ID="${f.id}" FontName="${xmlText(f.fontName, 'FontName')}"${f.familyName !== undefined ? ` FamilyName="${xmlText(f.familyName, 'FamilyName')}"` : ''}` +
      `${f.bold ? ' Bold="true"' : ''}${f.italic ? ' Italic="true"' : ''}><ofd:FontFile>${f.file}</ofd:FontFile></ofd:Font>`,
  );
  return `${DECL}<ofd:Res xmlns:ofd="${OFD_NS}" BaseLoc="Res"><ofd:Fonts>${list.join('')}</ofd:Fonts></ofd:Res>`;
}

export function documentResXml(images: readonly ImageResource[]): string {
  const list = images.map((m) => `<ofd:MultiMedia ID="${m.id}" Type="Image" Format="PNG"><ofd:MediaFile>${m.file}</ofd:MediaFile></ofd:MultiMedia>`);
  return `${DECL}<ofd:Res xmlns:ofd="${OFD_NS}" BaseLoc="Res"><ofd:MultiMedias>${list.join('')}</ofd:MultiMedias></ofd:Res>`;
}
