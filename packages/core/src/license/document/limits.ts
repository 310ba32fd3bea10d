// Bounds of the licence-document reader. A licence page holds a few hundred text items, one QR image of well under a
// million pixels and a credential of a few KiB; anything far beyond is hostile and is cut short with a problem noted.

/** Decoded bytes of all content streams of page 1 (its form XObjects included). */
export const MAX_CONTENT_BYTES = 4 * 1024 * 1024;
/** Operators interpreted on page 1, all content streams together. */
export const MAX_OPERATORS = 200_000;
/** Operands on the stack before an operator (a TJ array counts its elements). */
export const MAX_OPERANDS = 10_000;
/** Nesting of arrays/dictionaries inside a content stream. */
export const MAX_CONTENT_DEPTH = 16;
/** Form XObjects followed from page 1 (nesting and count). */
export const MAX_FORM_DEPTH = 4;
export const MAX_FORMS = 64;
/** Text items kept, and characters in all of them. */
export const MAX_TEXT_ITEMS = 20_000;
export const MAX_TEXT_CHARS = 1_000_000;
/** Fonts read (each ToUnicode CMap parsed once). */
export const MAX_FONTS = 64;
/** Decoded ToUnicode CMap stream bytes and its mappings (bfchar entries + bfrange ranges), per font. */
export const MAX_CMAP_BYTES = 1024 * 1024;
export const MAX_CMAP_ENTRIES = 70_000;
/** Images drawn on page 1 that are decoded and searched for a QR code. */
export const MAX_IMAGES = 8;
/** Pixels of one image, and of all images together (each pixel costs 4 bytes of RGBA and QR-search time). */
export const MAX_IMAGE_PIXELS = 4_000_000;
export const MAX_TOTAL_PIXELS = 8_000_000;
/** Smallest side worth searching (a version-1 QR is 21 modules) and the largest aspect ratio (QR codes are square). */
export const MIN_IMAGE_SIDE = 21;
export const MAX_IMAGE_ASPECT = 4;
/** Decoded bytes of an XMP packet read for the identifier. */
export const MAX_XMP_BYTES = 1024 * 1024;
/** Name-tree nodes visited while looking for the credential's embedded file. */
export const MAX_NAME_TREE_NODES = 1_000;
/** OFD: TextObjects read from page 1, and elements walked. */
export const MAX_OFD_ELEMENTS = 200_000;
/** Problems kept (the rest are counted in the last one). */
export const MAX_PROBLEMS = 50;
