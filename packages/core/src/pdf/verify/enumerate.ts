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

/** Which signature dictionary a field's value is: its offset in the file, else its object number. */
function valueKey(value: Dict, ref: { num: number } | undefined): string | undefined {
  if (value.start !== undefined && value.start >= 0) return `@${value.start}`;
  return ref ? `#${ref.num}` : undefined;
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

/** Not a type guard: a dictionary that fails it is still a dictionary (and a field value to report). */
function isSignatureValue(o: PdfObj | undefined): boolean {
  if (o?.t !== 'dict') return false;
  const type = o.v.get('Type');
  return (type?.t === 'name' && (type.v === 'Sig' || type.v === 'DocTimeStamp')) || (o.v.has('ByteRange') && o.v.has('Contents'));
}

export function enumerateSignatures(doc: PdfDocument | undefined, scanned: readonly SignatureDict[]): Enumeration {
  const checks: Check[] = [];
  if (!doc) return { entries: scanned.map((dict) => ({ dict })), checks, duplicateNames: [] };
  const byStart = new Map(scanned.map((s) => [s.start, s]));
  const entries: SignatureEntry[] = [];
  /** Filled signature fields whose value is no signature dictionary: each gets a (failing) report of its own. */
  const bogus: SignatureEntry[] = [];
  const names = new Map<string, number>();
  /** Signature dictionary (by offset, else object number) → the entry verifying it, with every field using it. */
  const byValue = new Map<string, SignatureEntry>();
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
    if (!value || value.t === 'null') continue;
    if (!isSignatureValue(value)) {
      // A filled /Sig field whose value is not a signature (sneaky signature: its appearance looks signed).
      const entry: SignatureEntry = {
        dict: value.t === 'dict' ? fromPdfObj(value, doc.bytes) : { start: -1, end: -1 },
        field: f.name,
        notSignature: value.t === 'dict' ? 'a dictionary without /Type /Sig, /ByteRange and /Contents' : `a ${value.t}`,
      };
      if (ref) entry.ref = ref;
      bogus.push(entry);
      continue;
    }
    if (value.t !== 'dict') continue;
    const key = valueKey(value, ref);
    const seen = key !== undefined ? byValue.get(key) : undefined;
    if (seen) {
      // Two fields, one signature: the second one's appearance is passed off as signed (pdf.field.shared-value).
      seen.sharedBy = [...(seen.sharedBy ?? [seen.field ?? '']), f.name];
      continue;
    }
    const entry: SignatureEntry = { dict: (value.start !== undefined && byStart.get(value.start)) || fromPdfObj(value, doc.bytes), field: f.name };
    if (ref) {
      entry.ref = ref;
      if (doc.definedIn(ref.num)?.entry.kind === 'compressed') entry.inObjectStream = true;
    }
    if (key !== undefined) byValue.set(key, entry);
    entries.push(entry);
  }
  const shared = entries.filter((e) => e.sharedBy).map((e) => e.sharedBy!);
  const dups = [...names].filter(([, n]) => n > 1).map(([k]) => k);
  if (fields.length > 0) {
    checks.push(
      dups.length
        ? check(C.duplicateField, 'failed', { message: withDetail(C.duplicateField.failed, dups.join('、'), dups.join(', ')), details: { names: dups } })
        : check(C.duplicateField, 'passed', { details: { fields: fields.length } }),
    );
    const list = shared.map((g) => g.join(' = '));
    checks.push(
      shared.length
        ? check(C.sharedValue, 'failed', { message: withDetail(C.sharedValue.failed, list.join('；'), list.join('; ')), details: { fields: shared } })
        : check(C.sharedValue, 'passed'),
    );
  }
  // No field holds a signature but the scan found dictionaries: verify those rather than call the file unsigned.
  if (entries.length === 0 && scanned.length > 0) return { entries: [...scanned.map((dict) => ({ dict })), ...bogus], checks, duplicateNames: dups };
  entries.push(...bogus);
  entries.sort((a, b) => a.dict.start - b.dict.start);
  return { entries, checks, duplicateNames: dups };
}
