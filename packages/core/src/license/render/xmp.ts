// The XMP metadata packet of a licence PDF (ISO 16684-1): Dublin Core title, creator and identifier, the XMP dates,
// the PDF producer, and the licence in heyan's own namespace (hy:identifier, hy:credentialFile) so a reader finds the
// licence identifier and the embedded credential without parsing the page.
import { XMP_LICENSE_NS } from '../document/names.js';

export interface LicenseXmpFields {
  title: string;
  creator: string;
  /** The licence identifier (电子证照标识). */
  identifier: string;
  /** Name of the embedded credential file. */
  credentialFile: string;
  createdAt: Date;
  producer: string;
  creatorTool: string;
  description?: string;
  lang?: string;
}

/** XML text: the five predefined entities escaped; characters XML 1.0 forbids (C0 controls, lone surrogates) dropped. */
export function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An ISO 8601 date-time in UTC with seconds, as XMP dates are written. */
const isoDate = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The packet as text (UTF-8 when encoded), with the usual 2 KB of padding so it can be updated in place. */
export function licenseXmp(f: LicenseXmpFields): string {
  const lang = xmlText(f.lang ?? 'zh-CN');
  const date = isoDate(f.createdAt);
  const lines = [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    `    xmlns:hy="${XMP_LICENSE_NS}">`,
    '   <dc:format>application/pdf</dc:format>',
    `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(f.title)}</rdf:li><rdf:li xml:lang="${lang}">${xmlText(f.title)}</rdf:li></rdf:Alt></dc:title>`,
    `   <dc:creator><rdf:Seq><rdf:li>${xmlText(f.creator)}</rdf:li></rdf:Seq></dc:creator>`,
    ...(f.description ? [`   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(f.description)}</rdf:li></rdf:Alt></dc:description>`] : []),
    `   <dc:identifier>${xmlText(f.identifier)}</dc:identifier>`,
    `   <dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`,
    `   <xmp:CreateDate>${date}</xmp:CreateDate>`,
    `   <xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `   <xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `   <xmp:CreatorTool>${xmlText(f.creatorTool)}</xmp:CreatorTool>`,
    `   <pdf:Producer>${xmlText(f.producer)}</pdf:Producer>`,
    `   <hy:identifier>${xmlText(f.identifier)}</hy:identifier>`,
    `   <hy:credentialFile>${xmlText(f.credentialFile)}</hy:credentialFile>`,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
  ];
  const padding = Array.from({ length: 20 }, () => ' '.repeat(99)).join('\n');
  return `${lines.join('\n')}\n${padding}\n<?xpacket end="w"?>`;
}
