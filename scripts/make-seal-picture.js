#!/usr/bin/env node
// Writes fixtures/seal/stamp.{png,gif,jpg}: a red round stamp (a ring and a five-pointed star, no text) drawn in pure
// JavaScript and encoded without an image library: PNG (node:zlib), GIF (LZW) and baseline JPEG (DCT + the standard
// Huffman tables of ITU-T T.81 Annex K). Deterministic: the same bytes on every run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const RED = [0xe6, 0x00, 0x12];

/** Coverage (0..1) of the stamp at each pixel, 4×4 supersampled: a ring and a star. */
export function drawStamp(size = 240) {
  const cov = new Float64Array(size * size);
  const c = size / 2;
  const outer = size * 0.46;
  const inner = size * 0.41;
  const starOuter = size * 0.2;
  const starInner = starOuter * 0.382;
  // Star polygon, one point up.
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? starOuter : starInner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([c + r * Math.cos(a), c + r * Math.sin(a)]);
  }
  const inStar = (x, y) => {
    let inside = false;
    for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      const [xi, yi] = pts[i];
      const [xj, yj] = pts[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  const S = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hit = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const px = x + (sx + 0.5) / S;
          const py = y + (sy + 0.5) / S;
          const d = Math.hypot(px - c, py - c);
          if ((d <= outer && d >= inner) || inStar(px, py)) hit++;
        }
      }
      cov[y * size + x] = hit / (S * S);
    }
  }
  return { size, cov };
}

// ---- PNG ----

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** RGBA PNG, red on transparent. */
export function stampPng({ size, cov }) {
  const raw = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const o = row + 1 + x * 4;
      raw[o] = RED[0];
      raw[o + 1] = RED[1];
      raw[o + 2] = RED[2];
      raw[o + 3] = Math.round(cov[y * size + x] * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// ---- GIF ----

/** LZW-compressed image data of GIF (variable code width, clear code when the table is full). */
function lzw(indices, minCodeSize) {
  const clear = 1 << minCodeSize;
  const eoi = clear + 1;
  const bytes = [];
  let acc = 0;
  let nbits = 0;
  let width = minCodeSize + 1;
  const emit = (code) => {
    acc |= code << nbits;
    nbits += width;
    while (nbits >= 8) {
      bytes.push(acc & 0xff);
      acc >>>= 8;
      nbits -= 8;
    }
  };
  let dict = new Map();
  let next = eoi + 1;
  emit(clear);
  let prefix = indices[0];
  for (let i = 1; i < indices.length; i++) {
    const k = indices[i];
    const key = prefix * 256 + k;
    const found = dict.get(key);
    if (found !== undefined) {
      prefix = found;
      continue;
    }
    emit(prefix);
    if (next < 4096) {
      dict.set(key, next++);
      if (next > 1 << width && width < 12) width++;
    } else {
      emit(clear);
      dict = new Map();
      next = eoi + 1;
      width = minCodeSize + 1;
    }
    prefix = k;
  }
  emit(prefix);
  emit(eoi);
  if (nbits > 0) bytes.push(acc & 0xff);
  return bytes;
}

/** Two-colour GIF89a, red on a transparent background. */
export function stampGif({ size, cov }) {
  const idx = Array.from(cov, (v) => (v >= 0.5 ? 1 : 0));
  const out = [];
  const u16 = (n) => out.push(n & 0xff, n >> 8);
  out.push(...Buffer.from('GIF89a', 'latin1'));
  u16(size);
  u16(size);
  out.push(0x80, 0, 0); // global colour table of 2 entries
  out.push(0xff, 0xff, 0xff, ...RED);
  out.push(0x21, 0xf9, 4, 0x01, 0, 0, 0, 0); // graphic control: index 0 transparent
  out.push(0x2c);
  u16(0);
  u16(0);
  u16(size);
  u16(size);
  out.push(0);
  const minCodeSize = 2;
  out.push(minCodeSize);
  const data = lzw(idx, minCodeSize);
  for (let i = 0; i < data.length; i += 255) {
    const block = data.slice(i, i + 255);
    out.push(block.length, ...block);
  }
  out.push(0, 0x3b);
  return Buffer.from(out);
}

// ---- JPEG (baseline, YCbCr 4:4:4, the Annex K luminance tables for all components) ----

const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43,
  36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];
const Q_LUMA = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68,
  109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
const AC_VALS = [
  0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08,
  0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
  0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a,
];
// The rest of Annex K Table K.5 follows one pattern: run r with sizes 3..10 (r = 4..8), 2..10 (r = 9..0xd), 1..10 (r = 0xe, 0xf).
for (let r = 4; r <= 0xf; r++) {
  const from = r <= 8 ? 3 : r <= 0xd ? 2 : 1;
  for (let s = from; s <= 10; s++) AC_VALS.push((r << 4) | s);
}

function huffCodes(bits, vals) {
  const codes = new Map();
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < bits[len - 1]; i++) codes.set(vals[k++], { code: code++, len });
    code <<= 1;
  }
  return codes;
}

/** Baseline JPEG of the stamp on white (JPEG has no transparency). `quality` 1..100. */
export function stampJpeg({ size, cov }, quality = 90) {
  if (AC_VALS.length !== 162) throw new Error(`AC table has ${AC_VALS.length} values, 162 expected`);
  const scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
  const q = Q_LUMA.map((v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))));
  const dc = huffCodes(DC_BITS, DC_VALS);
  const ac = huffCodes(AC_BITS, AC_VALS);

  const out = [];
  const u16 = (n) => out.push(n >> 8, n & 0xff);
  const seg = (marker, body) => {
    out.push(0xff, marker);
    u16(body.length + 2);
    out.push(...body);
  };
  out.push(0xff, 0xd8);
  seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]); // JFIF 1.1
  seg(0xdb, [0, ...ZIGZAG.map((z) => q[z])]);
  seg(0xc0, [8, size >> 8, size & 0xff, size >> 8, size & 0xff, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
  seg(0xc4, [0x00, ...DC_BITS, ...DC_VALS, 0x10, ...AC_BITS, ...AC_VALS]);
  seg(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);

  // Entropy-coded data with 0xFF byte stuffing.
  let acc = 0;
  let nbits = 0;
  const put = (code, len) => {
    for (let i = len - 1; i >= 0; i--) {
      acc = (acc << 1) | ((code >> i) & 1);
      if (++nbits === 8) {
        out.push(acc);
        if (acc === 0xff) out.push(0);
        acc = 0;
        nbits = 0;
      }
    }
  };
  const magnitude = (v) => {
    const a = Math.abs(v);
    let s = 0;
    while (a >> s) s++;
    return { s, bits: v >= 0 ? v : v + (1 << s) - 1 };
  };
  const cosTable = [];
  for (let x = 0; x < 8; x++) for (let u = 0; u < 8; u++) cosTable[x * 8 + u] = Math.cos(((2 * x + 1) * u * Math.PI) / 16);

  // Pixel colour: red blended over white by coverage, then YCbCr (JFIF).
  const comp = (i, ch) => {
    const a = cov[i];
    const rgb = RED.map((v) => v * a + 255 * (1 - a));
    const [r, g, b] = rgb;
    if (ch === 0) return 0.299 * r + 0.587 * g + 0.114 * b;
    if (ch === 1) return -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
    return 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
  };
  const pred = [0, 0, 0];
  const blocks = Math.ceil(size / 8);
  const block = new Float64Array(64);
  for (let by = 0; by < blocks; by++) {
    for (let bx = 0; bx < blocks; bx++) {
      for (let ch = 0; ch < 3; ch++) {
        for (let y = 0; y < 8; y++) {
          for (let x = 0; x < 8; x++) {
            const px = Math.min(size - 1, bx * 8 + x);
            const py = Math.min(size - 1, by * 8 + y);
            block[y * 8 + x] = comp(py * size + px, ch) - 128;
          }
        }
        const coef = new Array(64);
        for (let v = 0; v < 8; v++) {
          for (let u = 0; u < 8; u++) {
            let sum = 0;
            for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) sum += block[y * 8 + x] * cosTable[x * 8 + u] * cosTable[y * 8 + v];
            const cu = u === 0 ? Math.SQRT1_2 : 1;
            const cv = v === 0 ? Math.SQRT1_2 : 1;
            coef[v * 8 + u] = Math.round((0.25 * cu * cv * sum) / q[v * 8 + u]);
          }
        }
        const diff = coef[0] - pred[ch];
        pred[ch] = coef[0];
        const d = magnitude(diff);
        const dcCode = dc.get(d.s);
        put(dcCode.code, dcCode.len);
        if (d.s) put(d.bits, d.s);
        let run = 0;
        for (let k = 1; k < 64; k++) {
          const v = coef[ZIGZAG[k]];
          if (v === 0) {
            run++;
            continue;
          }
          while (run > 15) {
            const zrl = ac.get(0xf0);
            put(zrl.code, zrl.len);
            run -= 16;
          }
          const m = magnitude(v);
          const h = ac.get((run << 4) | m.s);
          put(h.code, h.len);
          put(m.bits, m.s);
          run = 0;
        }
        if (run > 0) {
          const eob = ac.get(0x00);
          put(eob.code, eob.len);
        }
      }
    }
  }
  if (nbits > 0) put((1 << (8 - nbits)) - 1, 8 - nbits); // pad with 1 bits
  out.push(0xff, 0xd9);
  return Buffer.from(out);
}

export function makeSealPictures(outDir = join(repo, 'fixtures/seal')) {
  mkdirSync(outDir, { recursive: true });
  const stamp = drawStamp(240);
  const files = { 'stamp.png': stampPng(stamp), 'stamp.gif': stampGif(stamp), 'stamp.jpg': stampJpeg(stamp) };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(outDir, name), bytes);
  return Object.keys(files);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`fixtures/seal: ${makeSealPictures().join(', ')} written`);
}
