// HarfBuzz's subsetter (hb-subset), as harfbuzzjs ships it: dist/harfbuzz-subset.wasm, a self-contained module (no
// imports) of ≈ 680 KB. It is compiled and instantiated SYNCHRONOUSLY on first use (`new WebAssembly.Module`; Node
// allows it on any thread, it takes ≈ 15 ms), and each font face is copied into wasm memory once per process
// (≈ 8 MB per weight) — never at import time. Subsetting is synchronous too.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { FormatError, LimitError, RuntimeError } from '../errors.js';
import { checkWeight, fontFileBytes, type FontWeight } from './font-files.js';

/** The C functions of harfbuzz-subset.wasm we call (pointers are numbers into `memory`). */
interface HbSubsetExports {
  memory: { buffer: ArrayBuffer };
  malloc(n: number): number;
  free(p: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_length(blob: number): number;
  hb_blob_get_data(blob: number, lengthOut: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, v: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

const HB_MEMORY_MODE_READONLY = 1;
const HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE = 0x200; // we never shape: GSUB alternates are not needed
const HB_SUBSET_SETS_DROP_TABLE_TAG = 3;
const HB_SUBSET_SETS_NAME_ID = 4;
/** Layout and vertical tables: text is drawn glyph by glyph from the cmap, horizontally. */
const DROP_TABLES = ['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'VORG', 'vhea', 'vmtx', 'DSIG'];
/** Name IDs kept besides hb's default 0–6: 13, 14 (licence text and URL). */
const KEEP_NAME_IDS = [13, 14];
/** Code points per subset: far more than a page holds. */
export const MAX_SUBSET_CODE_POINTS = 65_536;

let hb: HbSubsetExports | undefined;
const faces = new Map<FontWeight, number>();

/** Whether the wasm module has been instantiated, and which faces are in its memory (for tests and diagnostics). */
export function harfbuzzState(): { loaded: boolean; faces: FontWeight[] } {
  return { loaded: hb !== undefined, faces: [...faces.keys()] };
}

function tag(s: string): number {
  return ((s.charCodeAt(0) << 24) | (s.charCodeAt(1) << 16) | (s.charCodeAt(2) << 8) | s.charCodeAt(3)) >>> 0;
}

function harfbuzz(): HbSubsetExports {
  if (hb) return hb;
  const path = createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
  const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) throw new RuntimeError('WebAssembly is not available');
  const instance = new wasm.Instance(new wasm.Module(readFileSync(path)), {});
  hb = instance.exports as HbSubsetExports;
  return hb;
}

/** The hb_face_t of a weight, created once; the font bytes stay in wasm memory for the life of the process. */
function face(weight: FontWeight): number {
  const known = faces.get(weight);
  if (known !== undefined) return known;
  const x = harfbuzz();
  const font = fontFileBytes(weight);
  const ptr = x.malloc(font.length);
  if (ptr === 0) throw new RuntimeError('hb-subset: out of memory for the font');
  new Uint8Array(x.memory.buffer).set(font, ptr);
  const blob = x.hb_blob_create(ptr, font.length, HB_MEMORY_MODE_READONLY, 0, 0);
  const f = x.hb_face_create(blob, 0);
  x.hb_blob_destroy(blob); // the face holds its own reference
  faces.set(weight, f);
  return f;
}

/**
 * An OpenType subset of the shipped font with the glyphs of these code points (plus .notdef), glyphs renumbered,
 * CIDs kept, layout and vertical tables dropped. Code points the font lacks are simply absent from the subset.
 * Throws FormatError (bad code point), LimitError (too many), RuntimeError (hb-subset failed).
 */
export function subsetOpenType(weight: FontWeight, codePoints: Iterable<number>): Uint8Array {
  checkWeight(weight);
  const cps = new Set<number>();
  for (const cp of codePoints) {
    if (!Number.isInteger(cp) || cp < 0 || cp > 0x10ffff) throw new FormatError(`not a code point: ${String(cp)}`);
    cps.add(cp);
    if (cps.size > MAX_SUBSET_CODE_POINTS) throw new LimitError(`more than ${MAX_SUBSET_CODE_POINTS} characters to subset`);
  }
  const f = face(weight);
  const x = harfbuzz();
  const input = x.hb_subset_input_create_or_fail();
  if (input === 0) throw new RuntimeError('hb-subset: cannot create the subset input');
  let subset = 0;
  try {
    const unicodes = x.hb_subset_input_unicode_set(input);
    for (const cp of cps) x.hb_set_add(unicodes, cp);
    const drop = x.hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (const t of DROP_TABLES) x.hb_set_add(drop, tag(t));
    const names = x.hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID);
    for (const id of KEEP_NAME_IDS) x.hb_set_add(names, id);
    x.hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE);
    subset = x.hb_subset_or_fail(f, input);
    if (subset === 0) throw new RuntimeError('hb-subset failed');
    const blob = x.hb_face_reference_blob(subset);
    try {
      const at = x.hb_blob_get_data(blob, 0);
      const length = x.hb_blob_get_length(blob);
      // A fresh view: memory may have grown (and its buffer been replaced) during the subset.
      return new Uint8Array(x.memory.buffer).slice(at, at + length);
    } finally {
      x.hb_blob_destroy(blob);
    }
  } finally {
    if (subset !== 0) x.hb_face_destroy(subset);
    x.hb_subset_input_destroy(input);
  }
}
