// Options and shared shapes of the PDF signature verifier.
import type { WeakAlgorithmPolicy } from '../../crypto/types.js';
import type { Certificate, Crl, RevocationMode, TrustStore } from '../../pki/index.js';
import type { Check, SignatureReport } from '../../report/types.js';
import type { PdfDocument } from '../document/types.js';
import type { SignatureDict } from '../signature-dicts.js';

export type PdfChangePolicy = 'licence' | 'general';

export interface PdfVerifyOptions {
  /** Validation time: `--at`, else now. */
  time: Date;
  /** true when `time` was given (--at): it then overrides the time a signature timestamp proves. */
  atGiven: boolean;
  trust?: TrustStore;
  crls?: readonly Crl[];
  /** Extra certificates searched for signers and intermediates (`--cert`). */
  certificates?: readonly Certificate[];
  /** Default 'if-available'. */
  revocation?: RevocationMode;
  policy?: {
    weak?: WeakAlgorithmPolicy;
    /** What may change after signing: 'licence' (default, strict) or 'general' (pyHanko/DSS-like warnings). */
    pdfChanges?: PdfChangePolicy;
  };
  sm2Id?: Uint8Array | string;
}

export interface PdfVerifyResult {
  /** Document-level checks. */
  checks: Check[];
  /** One per signature field value (approval signatures and document timestamps), in file order of their dictionaries. */
  signatures: SignatureReport[];
  /** The document model the verifier opened (absent when it could not be opened): callers that read the same PDF
   * further, as the licence layer does, reuse it instead of parsing the file again. Not part of any report. */
  document?: PdfDocument;
}

export interface ObjRef {
  num: number;
  gen: number;
}

/** One signature to verify: where its dictionary is and which field holds it. */
export interface SignatureEntry {
  /** The dictionary as the final revision uses it (what a viewer shows). */
  dict: SignatureDict;
  /** Fully qualified field name. */
  field?: string;
  /** The indirect object of the field's /V. */
  ref?: ObjRef;
  /** The field's /V is stored in an object stream: its /Contents cannot be the ByteRange gap. */
  inObjectStream?: boolean;
  /** Every field whose /V is this same dictionary (set only when several are: pdf.field.shared-value). */
  sharedBy?: string[];
  /** The field is filled but its /V is no signature dictionary (what it is instead): a FAILED report. */
  notSignature?: string;
}
