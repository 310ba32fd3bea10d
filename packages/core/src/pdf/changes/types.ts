// Result model of the change analysis after signing (pyHanko's modification levels, DSS-style categorised lists).
import type { PdfIrregularity } from '../document/types.js';

export type ModificationLevel = 'NONE' | 'LTA_UPDATES' | 'FORM_FILLING' | 'ANNOTATIONS' | 'OTHER';

export type ChangeCategory =
  /** /DSS, /VRI, their streams, /Extensions (ADBE level) — always allowed. */
  | 'dss'
  /** A new field with a /DocTimeStamp value — always allowed. */
  | 'doc-timestamp'
  /** A new signature field (or filling an existing empty one) with its value, widget, appearance, /Fields append,
   * /SigFlags, /DR or /DA additions, page /Annots append — allowed. */
  | 'signature'
  /** XMP /Metadata stream, /Info updates — allowed (recorded). */
  | 'metadata'
  /** Values of non-signature fields changed, their appearances regenerated. */
  | 'form-fill'
  /** A new empty signature field with a visible widget: free-form content that looks like a pending signature
   * ("sneaky signature"; ISO 32000 DocMDP P=2 permits filling fields and signing, not adding visible unsigned ones). */
  | 'unsigned-field'
  /** Annotations (not widgets of new signature fields) added, changed, removed or reordered. */
  | 'annotation'
  /** Page count/order, page /Contents, /Resources, /MediaBox… of an existing page, page-tree nodes. */
  | 'page'
  /** An existing signature dictionary rewritten or replaced (spoofed /Reason, /M, /ByteRange, /Contents). */
  | 'signature-dictionary'
  /** An existing object used by the signed content or an appearance rewritten, or a reference newly pointing at an
   * object that was hidden in the signed revision (shadow attacks, clobbered shared appearance streams). */
  | 'appearance'
  /** Anything unexplained (reject-by-default). */
  | 'other';

export interface PdfChange {
  category: ChangeCategory;
  /** The revision (index into PdfDocument.revisions) that made the change. */
  revision: number;
  /** '12 0 R' when the change is tied to one object. */
  object?: string;
  /** 1-based page number, when known. */
  page?: number;
  /** Fully qualified field name, when the change concerns a form field. */
  field?: string;
  /** English, short, e.g. "/Reason changed from 'A' to 'B'". */
  detail: string;
  /** A new visible signature: its widget's /Rect (page space) — what it may cover is reported as a warning. */
  rect?: number[];
}

export interface ChangeAnalysis {
  level: ModificationLevel;
  changes: PdfChange[];
  pagesSigned: number;
  pagesFinal: number;
  /** A limit (object visits, depth) was hit: the analysis is incomplete and an 'other' change says so. */
  truncated: boolean;
  /** Objects added after the signed revision: how many, how many were explained by a recorded change, and how
   * many nothing reaches (harmless, counted only). */
  newObjects: { total: number; explained: number; unreachable: number };
  /**
   * New objects that nothing reaches (no recorded change claims them), xref and object streams left out: they cannot
   * alter what is displayed, but an auditor should see them. `objects` lists the first 20 ('12 0 R'); `bytes` is their
   * stored size. Set by analyseChanges (absent only in hand-built analyses).
   */
  unreferenced?: { count: number; bytes: number; objects: string[] };
  /**
   * What the revisions after the signed one needed repairs to be read (PdfDocument.irregularities): xref sections
   * ('xref': the verifier's pdf.revision.structure warning) and object definitions (each also an 'other' change).
   * Set by analyseChanges (absent only in hand-built analyses).
   */
  repairs?: PdfIrregularity[];
}

export interface ChangeAnalysisOptions {
  /** Most object loads over the whole analysis. Default 200 000. */
  maxObjects?: number;
  /** Deepest nesting followed inside one value or one chain of new objects. Default 64. */
  maxDepth?: number;
}

export const LEVEL_ORDER: readonly ModificationLevel[] = ['NONE', 'LTA_UPDATES', 'FORM_FILLING', 'ANNOTATIONS', 'OTHER'];

/** The pyHanko level each category implies. */
export const LEVEL_OF: Readonly<Record<ChangeCategory, ModificationLevel>> = {
  dss: 'LTA_UPDATES',
  'doc-timestamp': 'LTA_UPDATES',
  metadata: 'LTA_UPDATES',
  signature: 'FORM_FILLING',
  'form-fill': 'FORM_FILLING',
  'unsigned-field': 'FORM_FILLING',
  annotation: 'ANNOTATIONS',
  page: 'OTHER',
  'signature-dictionary': 'OTHER',
  appearance: 'OTHER',
  other: 'OTHER',
};

export function levelOf(changes: readonly PdfChange[]): ModificationLevel {
  let i = 0;
  for (const c of changes) i = Math.max(i, LEVEL_ORDER.indexOf(LEVEL_OF[c.category]));
  return LEVEL_ORDER[i]!;
}
