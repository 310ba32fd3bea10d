// What the writer accepts. Everything it writes must open again with the reader's DEFAULT_OFD_LIMITS (limits.ts of
// the package): member sizes, XML part sizes and element counts are checked against those; the counts below bound
// the work one call can ask for.
import { DEFAULT_OFD_LIMITS } from '../limits.js';

export const OFD_WRITE_LIMITS = Object.freeze({
  maxPages: 1000,
  maxObjectsPerPage: 20_000,
  /** Characters (code points) in one text object. */
  maxTextChars: 10_000,
  /** Attribute and metadata strings (titles, names, custom data values). */
  maxStringChars: 10_000,
  maxFonts: 16,
  maxAttachments: 100,
  /** Distinct images (identical PNGs share one resource). */
  maxImages: 1000,
  maxCustomData: 100,
  /** |coordinate| and sizes, mm (100 m: far beyond any page; keeps numbers exact in µm integers). */
  maxCoordinateMm: 100_000,
  /** One font, image or attachment: the reader's per-member limit. */
  maxMemberBytes: DEFAULT_OFD_LIMITS.maxEntryBytes,
  /** The whole package, uncompressed: the reader's total. */
  maxTotalBytes: DEFAULT_OFD_LIMITS.maxTotalBytes,
  maxXmlBytes: DEFAULT_OFD_LIMITS.maxXmlBytes,
  maxXmlElements: DEFAULT_OFD_LIMITS.maxXmlElements,
  maxMembers: DEFAULT_OFD_LIMITS.maxEntries,
  /** A deflated member above `ratioFloorBytes` is stored instead when it would compress beyond the reader's ratio. */
  ratioFloorBytes: DEFAULT_OFD_LIMITS.ratioFloorBytes,
  maxCompressionRatio: DEFAULT_OFD_LIMITS.maxCompressionRatio,
});
