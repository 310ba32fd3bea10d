// Which signatures to verify: the filled signature fields of the final revision (AcroForm /Fields, and widgets only
// reachable from page /Annots), matched to the dictionaries the byte scan found (by offset, so the /Contents and
// /ByteRange positions are the scanned ones). Without a document model, every scanned dictionary is verified.
import { check, withDetail } from '../../report/check.js';
import type { Check } from '../../report/types.js';
import { PDF_CHECKS as C } from '../checks.js';
import { signatureFields, type SignatureField } from '../document/index.js';
import type { PdfDocument, PdfObj } from '../document/types.js';
import { duplicateKeysAt, type SignatureDict } from '../signature-dicts.js';
import type { SignatureEntry } from './types.js';

export interface Enumeration {
  entries: SignatureEntry[];
  checks: Check[];
  /** Fully qualified names that several signature fields share. */
  duplicateNames: string[];
}

type Dict = Extract<PdfObj, { t: 'dict' }>;

/**
 * A SignatureDict from a parsed dictionary with offsets (used when the scan did not see it). `bytes`: the file, to
 * find repeated keys (the parsed value keeps only the last occurrence).
 */
export function fromPdfObj(o: Dict, bytes?: Uint8Array): SignatureDict {
  const name = (k: string): string | undefined => {
    const v = o.v.get(k);
    return v?.t === 'name' ? v.v : undefined;
  };
  const out: SignatureDict = { start: o.start ?? -1, end: o.end ?? -1 };
  const type = name('Type');
  const filter = name('Filter');
  const sf = name('SubFilter');
  if (type !== undefined) out.type = type;
  if (filter !== undefined) out.filter = filter;
  if (sf !== undefined) out.subFilter = sf;
  const c = o.v.get('Contents');
  if (c?.t === 'str' && c.hex && c.start !== undefined && c.end !== undefined) out.contents = { start: c.start, end: c.end };
  else if (c) out.contentsKind = c.t;
  const br = o.v.get('ByteRange');
  if (br?.t === 'array') out.byteRange = { start: -1, end: -1, values: br.v.map((i) => (i.t === 'num' && i.int ? i.v : null)) };
  else if (br) out.byteRangeKind = br.t;
  if (bytes && o.start !== undefined) {
    const dups = duplicateKeysAt(bytes, o.start);
    if (dups.length) out.duplicateKeys = dups;
  }
  return out;
}

function isSignatureValue(o: PdfObj | undefined): o is Dict {
  if (o?.t !== 'dict') return false;
  const type = o.v.get('Type');
  return (type?.t === 'name' && (type.v === 'Sig' || type.v === 'DocTimeStamp')) || (o.v.has('ByteRange') && o.v.has('Contents'));
}

export function enumerateSignatures(doc: PdfDocument | undefined, scanned: readonly SignatureDict[]): Enumeration {
  const checks: Check[] = [];
  if (!doc) return { entries: scanned.map((dict) => ({ dict })), checks, duplicateNames: [] };
  const byStart = new Map(scanned.map((s) => [s.start, s]));
  const entries: SignatureEntry[] = [];
  const names = new Map<string, number>();
  let fields: SignatureField[];
  try {
    fields = signatureFields(doc);
  } catch {
    fields = [];
  }
  for (const f of fields) {
    names.set(f.name, (names.get(f.name) ?? 0) + 1);
    let value: PdfObj | undefined;
    let ref = f.value;
    if (ref) value = doc.getObject(ref.num);
    else {
      // A direct /V dictionary inside the field object.
      value = f.fieldDict.get('V');
    }
    if (!isSignatureValue(value)) continue;
    const entry: SignatureEntry = { dict: (value.start !== undefined && byStart.get(value.start)) || fromPdfObj(value, doc.bytes), field: f.name };
    if (ref) {
      entry.ref = ref;
      if (doc.definedIn(ref.num)?.entry.kind === 'compressed') entry.inObjectStream = true;
    }
    if (!entries.some((e) => e.dict.start === entry.dict.start && e.dict.start >= 0)) entries.push(entry);
  }
  const dups = [...names].filter(([, n]) => n > 1).map(([k]) => k);
  if (fields.length > 0) {
    checks.push(
      dups.length
        ? check(C.duplicateField, 'failed', { message: withDetail(C.duplicateField.failed, dups.join('、'), dups.join(', ')), details: { names: dups } })
        : check(C.duplicateField, 'passed', { details: { fields: fields.length } }),
    );
  }
  // No field holds a signature but the scan found dictionaries: verify those rather than call the file unsigned.
  if (entries.length === 0 && scanned.length > 0) return { entries: scanned.map((dict) => ({ dict })), checks, duplicateNames: dups };
  entries.sort((a, b) => a.dict.start - b.dict.start);
  return { entries, checks, duplicateNames: dups };
}
