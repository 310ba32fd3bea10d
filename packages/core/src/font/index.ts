// The embedded CJK font (Noto Sans Hans, OFL-1.1): metrics, measuring and wrapping, per-document subsets. See README.md.
export { checkWeight, fontFileBytes, fontFilesRead, fontFilePath, FONT_SOURCE, FONT_WEIGHTS, type FontWeight } from './font-files.js';
export { fontMetrics, measureText, missingCharacters, textAdvance, MM_PER_PT } from './measure.js';
export { readFontMetrics, type FontMetrics } from './metrics.js';
export { readCff, type CffInfo } from './cff.js';
export { harfbuzzState, subsetOpenType, MAX_SUBSET_CODE_POINTS } from './harfbuzz.js';
export { subsetFont, type FontSubset, type SubsetGlyph } from './subset.js';
export { wrapText, CLOSING, OPENING, MAX_WRAP_CHARS } from './wrap.js';
export { sfntTable, sfntTables, type SfntTable } from './sfnt.js';
