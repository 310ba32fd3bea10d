// Signatures.xml (the list) and Signature.xml (one signature's SignedInfo), read by element name: element order
// varies between vendors (SignedValue before SignedInfo, Seal or StampAnnot before References).
import { FormatError, LimitError } from '../errors.js';
import { resolveLoc } from './loc.js';
import type { OfdPackage } from './package.js';
import { attr, child, childrenNamed, childText, type XmlElement } from './xml.js';

export interface SignatureListEntry {
  /** Position in its Signatures.xml. */
  index: number;
  /** ID attribute as written ('' when absent). */
  id: string;
  /** Type attribute as written; absent means Seal. */
  typeWritten?: string;
  type: 'Seal' | 'Sign' | 'unknown';
  /** BaseLoc as written. */
  baseLoc: string;
  /** Member name of Signature.xml when BaseLoc resolves (the file may still be missing). */
  path?: string;
  /** Why BaseLoc does not resolve. */
  problem?: string;
  /** OFD 2.0 (GM/T 0099) Relative: the ID of the signature this one is based on. */
  relative?: string;
}

export interface SignatureList {
  /** Member name of Signatures.xml. */
  path: string;
  maxSignId?: string;
  entries: SignatureListEntry[];
}

export interface OfdReference {
  /** FileRef as written. */
  fileRef: string;
  /** Member name when FileRef resolves. */
  path?: string;
  problem?: string;
  /** CheckValue as written (base64). */
  checkValue: string;
}

export interface OfdStampAnnot {
  id?: string;
  pageRef?: string;
  boundary?: string;
  clip?: string;
}

export interface OfdProvider {
  providerName?: string;
  company?: string;
  version?: string;
  protocolVer?: string;
}

export interface SignatureDocument {
  /** Member name of this Signature.xml. */
  path: string;
  provider: OfdProvider;
  signatureMethod?: string;
  signatureDateTime?: string;
  /** References CheckMethod as written (undefined when the attribute is absent). */
  checkMethod?: string;
  references: OfdReference[];
  stampAnnots: OfdStampAnnot[];
  /** `<Seal><BaseLoc>` as written and resolved. */
  sealLoc?: string;
  sealPath?: string;
  /** `<SignedValue>` as written and resolved. */
  signedValueLoc?: string;
  signedValuePath?: string;
  /** Locations that do not resolve, English. */
  problems: string[];
}

function resolved(loc: string, from: string): { path?: string; problem?: string } {
  try {
    return { path: resolveLoc(loc, from) };
  } catch (e) {
    return { problem: e instanceof Error ? e.message : String(e) };
  }
}

/** Read a Signatures.xml. Throws FormatError/LimitError when it cannot be parsed or is not a signature list. */
export function readSignatureList(pkg: OfdPackage, path: string): SignatureList {
  const root = pkg.xml(path, path);
  if (root.name !== 'Signatures') throw new FormatError(`${path} has root element <${root.name}>, not <Signatures>`);
  const list: SignatureList = { path, entries: [] };
  const max = childText(root, 'MaxSignId');
  if (max !== undefined) list.maxSignId = max;
  const sigs = childrenNamed(root, 'Signature');
  if (sigs.length > pkg.limits.maxSignatures) throw new LimitError(`${path} lists ${sigs.length} signatures, over the limit of ${pkg.limits.maxSignatures}`);
  sigs.forEach((s, index) => {
    const typeWritten = attr(s, 'Type');
    const t = (typeWritten ?? 'Seal').trim();
    const entry: SignatureListEntry = {
      index,
      id: attr(s, 'ID') ?? '',
      type: t === 'Seal' ? 'Seal' : t === 'Sign' ? 'Sign' : 'unknown',
      baseLoc: attr(s, 'BaseLoc') ?? '',
    };
    if (typeWritten !== undefined) entry.typeWritten = typeWritten;
    const rel = attr(s, 'Relative');
    if (rel !== undefined && rel.trim() !== '') entry.relative = rel.trim();
    if (entry.baseLoc.trim() === '') entry.problem = 'Signature has no BaseLoc';
    else Object.assign(entry, resolved(entry.baseLoc, path));
    list.entries.push(entry);
  });
  return list;
}

function provider(p: XmlElement | undefined): OfdProvider {
  const out: OfdProvider = {};
  if (!p) return out;
  // Attributes per the standard; dms360 writes child elements instead.
  const get = (name: string): string | undefined => attr(p, name) ?? childText(p, name);
  const name = get('ProviderName');
  if (name !== undefined) out.providerName = name;
  const company = get('Company');
  if (company !== undefined) out.company = company;
  const version = get('Version');
  if (version !== undefined) out.version = version;
  const protocolVer = get('ProtocolVer');
  if (protocolVer !== undefined) out.protocolVer = protocolVer;
  return out;
}

/** Read one Signature.xml. Throws FormatError/LimitError when it cannot be parsed or is not a Signature. */
export function readSignatureDocument(pkg: OfdPackage, path: string): SignatureDocument {
  const root = pkg.xml(path, path);
  if (root.name !== 'Signature') throw new FormatError(`${path} has root element <${root.name}>, not <Signature>`);
  const info = child(root, 'SignedInfo');
  const doc: SignatureDocument = { path, provider: provider(child(info, 'Provider')), references: [], stampAnnots: [], problems: [] };
  if (!info) doc.problems.push('Signature.xml has no SignedInfo');
  const method = childText(info, 'SignatureMethod');
  if (method !== undefined) doc.signatureMethod = method;
  const when = childText(info, 'SignatureDateTime');
  if (when !== undefined) doc.signatureDateTime = when;
  const refs = child(info, 'References');
  if (!refs) doc.problems.push('SignedInfo has no References');
  const cm = attr(refs, 'CheckMethod');
  if (cm !== undefined) doc.checkMethod = cm;
  const list = childrenNamed(refs, 'Reference');
  if (list.length > pkg.limits.maxReferences) throw new LimitError(`${path} has ${list.length} references, over the limit of ${pkg.limits.maxReferences}`);
  pkg.spendReferences(list.length, path);
  for (const r of list) {
    const ref: OfdReference = { fileRef: attr(r, 'FileRef') ?? '', checkValue: childText(r, 'CheckValue') ?? '' };
    if (ref.fileRef.trim() === '') ref.problem = 'Reference has no FileRef';
    else Object.assign(ref, resolved(ref.fileRef, path));
    doc.references.push(ref);
  }
  for (const s of childrenNamed(info, 'StampAnnot')) {
    const a: OfdStampAnnot = {};
    for (const [k, name] of [['id', 'ID'], ['pageRef', 'PageRef'], ['boundary', 'Boundary'], ['clip', 'Clip']] as const) {
      const v = attr(s, name);
      if (v !== undefined) a[k] = v;
    }
    doc.stampAnnots.push(a);
  }
  const sealLoc = childText(child(info, 'Seal'), 'BaseLoc');
  if (sealLoc !== undefined) {
    doc.sealLoc = sealLoc;
    const r = resolved(sealLoc, path);
    if (r.path) doc.sealPath = r.path;
    else doc.problems.push(`Seal BaseLoc: ${r.problem}`);
  }
  const sv = childText(root, 'SignedValue');
  if (sv !== undefined) {
    doc.signedValueLoc = sv;
    const r = resolved(sv, path);
    if (r.path) doc.signedValuePath = r.path;
    else doc.problems.push(`SignedValue: ${r.problem}`);
  } else doc.problems.push('Signature.xml has no SignedValue');
  return doc;
}
