// Per signature, what the document model tells: the revision its ByteRange ends at, its dictionary AS OF that
// revision (a later rewrite — spoofed /Reason, /M, /Name — must not be what is checked or shown), and the displayed
// values taken from the signed revision.
import { check, withDetail } from '../../report/check.js';
import type { Check, PdfFacets } from '../../report/types.js';
import { PDF_CHECKS as C } from '../checks.js';
import { equalObjects, pdfText, revisionEndingAt } from '../document/index.js';
import type { PdfDocument, PdfObj } from '../document/types.js';
import type { SignatureDict } from '../signature-dicts.js';
import { fromPdfObj } from './enumerate.js';
import type { SignatureEntry } from './types.js';
import type { SignatureJob } from './verify-signature.js';

const SHOWN = [
  ['Reason', 'reason'],
  ['Location', 'location'],
  ['Name', 'name'],
  ['M', 'm'],
  ['ContactInfo', 'contactInfo'],
] as const;

function show(o: PdfObj | undefined, encrypted: boolean): string {
  if (!o) return '(absent)';
  if (o.t === 'str') return encrypted ? '(encrypted)' : JSON.stringify(pdfText(o) ?? '');
  if (o.t === 'name') return `/${o.v}`;
  if (o.t === 'num') return String(o.v);
  return o.t;
}

export function prepareSignature(doc: PdfDocument | undefined, entry: SignatureEntry, scanned: readonly SignatureDict[]): SignatureJob {
  const job: SignatureJob = { entry, signedDict: entry.dict };
  if (entry.notSignature !== undefined) {
    // A filled signature field whose value is no signature: nothing to verify, and the field looks signed.
    const name = entry.field ?? '?';
    job.dictionaryCheck = check(C.dictionary, 'failed', {
      message: {
        zh: `签名域 ${name} 的值（/V）不是签名字典（${entry.notSignature}）：该签名域看似已签名，实际没有签名`,
        en: `The value (/V) of signature field ${name} is not a signature dictionary (${entry.notSignature}): the field looks signed but holds no signature`,
      },
      details: { field: entry.field ?? null, value: entry.notSignature },
    });
    return job;
  }
  if (!doc) return job;
  const vals = entry.dict.byteRange?.values;
  if (vals && vals.length === 4 && vals.every((v) => v !== null && v >= 0)) {
    const end = (vals[2] as number) + (vals[3] as number);
    const rev = safe(() => revisionEndingAt(doc, end));
    if (rev !== undefined) job.signedRevision = rev;
  }
  const ref = entry.ref;
  const finalObj = ref ? doc.getObject(ref.num) : undefined;
  let signedObj = finalObj;
  if (ref && job.signedRevision !== undefined) {
    signedObj = doc.getObject(ref.num, job.signedRevision);
    if (signedObj?.t === 'dict') {
      const at = signedObj.start;
      const found = at !== undefined ? scanned.find((s) => s.start === at) : undefined;
      job.signedDict = found ?? fromPdfObj(signedObj, doc.bytes);
    }
    job.dictionaryCheck = dictionaryCheck(doc, finalObj, signedObj, entry);
  } else if (entry.inObjectStream) {
    job.dictionaryCheck = check(C.dictionary, 'failed', {
      message: withDetail(C.dictionary.failed, '签名字典存放在对象流中，其 /Contents 不可能是字节范围的空隙', 'the signature dictionary is stored in an object stream, so its /Contents cannot be the ByteRange gap'),
    });
  }
  if (signedObj?.t === 'dict' && !doc.encrypted) {
    const d: NonNullable<PdfFacets['dictionary']> = {};
    const sv = signedObj.v;
    for (const [key, field] of SHOWN) {
      const t = safe(() => pdfText(sv.get(key)));
      if (t !== undefined) d[field] = t;
    }
    if (Object.keys(d).length) job.dictionary = d;
  }
  return job;
}

function dictionaryCheck(doc: PdfDocument, finalObj: PdfObj | undefined, signedObj: PdfObj | undefined, entry: SignatureEntry): Check {
  if (entry.inObjectStream) {
    return check(C.dictionary, 'failed', {
      message: withDetail(C.dictionary.failed, '签名字典存放在对象流中', 'the signature dictionary is stored in an object stream'),
    });
  }
  if (signedObj?.t !== 'dict' || finalObj?.t !== 'dict') {
    return check(C.dictionary, 'failed', {
      message: withDetail(C.dictionary.failed, '被签名修订版中没有这个签名字典', 'the signed revision has no such signature dictionary'),
    });
  }
  if (signedObj.start === finalObj.start) return check(C.dictionary, 'passed');
  const keys = new Set([...signedObj.v.keys(), ...finalObj.v.keys()]);
  // Direct values (never streams); references by identity, strings by bytes; nested deeper than 32 → changed.
  const changed = [...keys].filter((k) => !equalObjects(signedObj.v.get(k), finalObj.v.get(k), doc, { maxDepth: 32 }));
  if (changed.length === 0) return check(C.dictionary, 'passed', { details: { rewrittenUnchanged: true } });
  const what = changed.slice(0, 8).map((k) => `/${k}: ${show(signedObj.v.get(k), doc.encrypted)} → ${show(finalObj.v.get(k), doc.encrypted)}`);
  return check(C.dictionary, 'failed', {
    message: withDetail(C.dictionary.failed, what.join('；'), what.join('; ')),
    details: { changedKeys: changed },
  });
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
