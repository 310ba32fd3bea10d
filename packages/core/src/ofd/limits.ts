// Limits for reading an OFD package. Every input is hostile: these bound the work and memory whatever the ZIP
// headers claim. Real OFDs are far below them (the largest corpus file has 29 members, 3.9 MB uncompressed).

export interface OfdLimits {
  /** Largest package accepted, in bytes. */
  maxPackageBytes: number;
  /** Most ZIP members (directories included). */
  maxEntries: number;
  /** Largest uncompressed member. */
  maxEntryBytes: number;
  /** Sum of all members' uncompressed sizes. */
  maxTotalBytes: number;
  /** A member over `ratioFloorBytes` whose uncompressed/compressed ratio exceeds this is refused (zip bomb). */
  maxCompressionRatio: number;
  ratioFloorBytes: number;
  /** Longest member name, in bytes. */
  maxNameBytes: number;
  /** Largest XML part parsed (OFD.xml, Document.xml, Signatures.xml, Signature.xml, resource lists). */
  maxXmlBytes: number;
  /** XML element nesting depth. */
  maxXmlDepth: number;
  /** XML elements in one part. */
  maxXmlElements: number;
  /** Signatures followed in one package (all documents). */
  maxSignatures: number;
  /** References in one Signature.xml. */
  maxReferences: number;
  /** References in all Signature.xml parts of one package together (per-file limits multiply otherwise). */
  maxTotalReferences: number;
  /** Documents (DocBody) followed. */
  maxDocuments: number;
  /** Bytes inflated over one package's life (members read again for another digest count again). */
  maxReadBytes: number;
  /** XML bytes parsed over one package's life (bounds many signatures naming large parts). */
  maxXmlTotalBytes: number;
}

export const DEFAULT_OFD_LIMITS: Readonly<OfdLimits> = Object.freeze({
  maxPackageBytes: 256 * 1024 * 1024,
  maxEntries: 10_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxNameBytes: 1024,
  maxXmlBytes: 16 * 1024 * 1024,
  maxXmlDepth: 64,
  maxXmlElements: 200_000,
  maxSignatures: 256,
  maxReferences: 10_000,
  maxTotalReferences: 20_000,
  maxDocuments: 64,
  maxReadBytes: 2 * 1024 * 1024 * 1024,
  maxXmlTotalBytes: 64 * 1024 * 1024,
});

/** Defaults overridden by the given fields (undefined fields keep the default). */
export function ofdLimits(partial: Partial<OfdLimits> = {}): OfdLimits {
  const out: OfdLimits = { ...DEFAULT_OFD_LIMITS };
  for (const [k, v] of Object.entries(partial) as [keyof OfdLimits, number | undefined][]) {
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[k] = v;
  }
  return out;
}
