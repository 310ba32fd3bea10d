// Test helper: small OFD packages signed with Type="Sign" bare SM2 signatures (ofdrw DigitalSignContainer form),
// built without the library's OFD code: digests come from node:crypto, XML is written by hand, the ZIP by
// zip-writer.ts. Lets tests change one thing (a reference, a CheckMethod, a PageRef, the namespace prefix...) and
// still have a correctly signed document, so each check can be made to fail on its own.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importPrivateKey, loadCertificates, signData, type Certificate, type PrivateKey } from '@heyan/core';
import { writeZip, type ZipMemberSpec } from './zip-writer.js';

const fixtures = new URL('../../fixtures/pki/sm2/', import.meta.url);
export const sm2Signer: { key: PrivateKey; cert: Certificate; root: Certificate; intermediate: Certificate } = {
  key: importPrivateKey(readFileSync(fileURLToPath(new URL('signer.key.pem', fixtures)))),
  cert: loadCertificates(readFileSync(fileURLToPath(new URL('signer.pem', fixtures))))[0]!,
  root: loadCertificates(readFileSync(fileURLToPath(new URL('root.pem', fixtures))))[0]!,
  intermediate: loadCertificates(readFileSync(fileURLToPath(new URL('intermediate.pem', fixtures))))[0]!,
};

export interface SignSpec {
  id: string;
  /** Files to reference; default every file present when this signature is made, per the coverage rules. */
  refs?: (files: string[]) => string[];
  /** CheckMethod attribute; undefined writes '1.2.156.10197.1.401'; null omits it. */
  checkMethod?: string | null;
  /** node:crypto digest name for CheckValue (default 'sm3'). */
  digest?: string;
  pageRef?: string;
  relative?: string;
  /** Reference Signatures.xml too (WholeProtected mode). */
  wholeProtected?: boolean;
  key?: PrivateKey;
  /** Type attribute (default 'Sign'). */
  type?: string;
}

export interface OfdSpec {
  pages?: number;
  signatures: SignSpec[];
  /** Namespace handling: 'ofd' prefix (default), another prefix, default namespace, or none. */
  ns?: { prefix: string } | 'default' | 'none';
  /** Where Signatures.xml lives and how OFD.xml names it. */
  signaturesPath?: string;
  signaturesLoc?: string;
  /** Files added after signing (not covered). */
  extra?: Record<string, string | Uint8Array>;
  /** Change files after signing. */
  after?: (files: Map<string, Uint8Array>) => void;
  prefix?: Uint8Array;
}

const NS = 'http://www.ofdspec.org/2016';

function xmlWriter(ns: OfdSpec['ns']): { el: (name: string) => string; decl: string } {
  if (ns === 'none') return { el: (n) => n, decl: '' };
  if (ns === 'default') return { el: (n) => n, decl: ` xmlns="${NS}"` };
  const p = ns?.prefix ?? 'ofd';
  return { el: (n) => `${p}:${n}`, decl: ` xmlns:${p}="${NS}"` };
}

export function buildOfd(spec: OfdSpec): Uint8Array {
  const { el, decl } = xmlWriter(spec.ns);
  const t = (name: string, body: string, attrs = ''): string => `<${el(name)}${attrs}>${body}</${el(name)}>`;
  const root = (name: string, body: string, attrs = ''): string => `<?xml version="1.0" encoding="UTF-8"?>\n<${el(name)}${decl}${attrs}>${body}</${el(name)}>`;
  const files = new Map<string, Uint8Array>();
  const put = (name: string, text: string | Uint8Array): void => void files.set(name, typeof text === 'string' ? Buffer.from(text) : text);
  const sigList = spec.signaturesPath ?? 'Doc_0/Signs/Signatures.xml';
  const pages = spec.pages ?? 1;
  put('OFD.xml', root('OFD', t('DocBody', t('DocInfo', t('DocID', 'test')) + t('DocRoot', 'Doc_0/Document.xml') + t('Signatures', spec.signaturesLoc ?? `/${sigList}`)), ' Version="1.0" DocType="OFD"'));
  const pageList = Array.from({ length: pages }, (_, i) => `<${el('Page')} ID="${i + 1}" BaseLoc="Pages/Page_${i}/Content.xml"/>`).join('');
  put('Doc_0/Document.xml', root('Document', t('CommonData', t('PublicRes', 'PublicRes.xml') + t('MaxUnitID', '9')) + t('Pages', pageList)));
  put('Doc_0/PublicRes.xml', root('Res', '', ' BaseLoc="Res"'));
  for (let i = 0; i < pages; i++) put(`Doc_0/Pages/Page_${i}/Content.xml`, root('Page', t('Content', t('Layer', `<${el('TextObject')} ID="${i + 5}" Boundary="0 0 10 10"/>`)), ''));

  const entries: string[] = [];
  spec.signatures.forEach((s, i) => {
    const dir = `Doc_0/Signs/Sign_${i}`;
    const own = [`${dir}/Signature.xml`, `${dir}/SignedValue.dat`];
    const rel = s.relative ? ` Relative="${s.relative}"` : '';
    entries.push(`<${el('Signature')} ID="${s.id}" Type="${s.type ?? 'Sign'}" BaseLoc="/${dir}/Signature.xml"${rel}/>`);
    put(sigList, root('Signatures', t('MaxSignId', s.id) + entries.join('')));
    const present = [...files.keys()].filter((f) => !own.includes(f) && (s.wholeProtected || f !== sigList));
    const refs = s.refs ? s.refs(present) : present;
    const algo = s.digest ?? 'sm3';
    const refXml = refs.map((f) => `<${el('Reference')} FileRef="/${f}">${t('CheckValue', createHash(algo).update(files.get(f) ?? new Uint8Array(0)).digest('base64'))}</${el('Reference')}>`).join('');
    const cm = s.checkMethod === null ? '' : ` CheckMethod="${s.checkMethod ?? '1.2.156.10197.1.401'}"`;
    const stamp = `<${el('StampAnnot')} ID="${100 + i}" PageRef="${s.pageRef ?? '1'}" Boundary="10 10 40 40"/>`;
    const info =
      t('SignedInfo', `<${el('Provider')} ProviderName="heyan-test" Company="heyan" Version="1"/>` + t('SignatureMethod', '1.2.156.10197.1.501') + t('SignatureDateTime', '20300101000000') + t('References', refXml, cm) + stamp) +
      t('SignedValue', `/${dir}/SignedValue.dat`);
    const xml = Buffer.from(root('Signature', info));
    put(`${dir}/Signature.xml`, xml);
    put(`${dir}/SignedValue.dat`, signData({ key: s.key ?? sm2Signer.key, data: xml }).signature);
  });
  spec.after?.(files);
  for (const [k, v] of Object.entries(spec.extra ?? {})) put(k, v);
  const members: ZipMemberSpec[] = [...files].map(([name, data]) => ({ name, data }));
  return writeZip(members, spec.prefix ? { prefix: spec.prefix } : {});
}

/** Every member of a ZIP as name → bytes (through the reader under test, cross-checked against unzip elsewhere). */
export function members(zip: { entries: readonly { name: string; isDirectory: boolean }[]; read(n: string): Uint8Array }): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const e of zip.entries) if (!e.isDirectory) out.set(e.name, new Uint8Array(zip.read(e.name)));
  return out;
}

export function rezip(files: Map<string, Uint8Array>, opts: { prefix?: Uint8Array } = {}): Uint8Array {
  return writeZip([...files].map(([name, data]) => ({ name, data })), opts);
}
