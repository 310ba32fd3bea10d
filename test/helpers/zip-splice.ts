// Test helper: what an attacker does to a finished ZIP without rewriting it — insert bytes into the data area (a
// hidden local record in a gap, or before the first member) and move the central directory's offsets past them.
// Plain byte work, independent of the reader under test. ZIPs without a prefix, ZIP64 or an archive comment only.
import { crc32 } from 'node:zlib';

const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** A stored local file record (header + name + data), as a hidden entry would be written. */
export function localRecord(name: string, data: string | Uint8Array): Buffer {
  const n = Buffer.from(name);
  const d = Buffer.from(data);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt32LE(crc32(d), 14);
  h.writeUInt32LE(d.length, 18);
  h.writeUInt32LE(d.length, 22);
  h.writeUInt16LE(n.length, 26);
  return Buffer.concat([h, n, d]);
}

/** Where a member's local header + stored data end (its data descriptor, if any, not included). */
export function localEnd(zip: Uint8Array, name: string): number {
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = b.lastIndexOf(EOCD);
  for (let i = 0, p = b.readUInt32LE(eocd + 16); i < b.readUInt16LE(eocd + 10); i++) {
    const nl = b.readUInt16LE(p + 28);
    const off = b.readUInt32LE(p + 42);
    if (b.toString('utf8', p + 46, p + 46 + nl) === name) return off + 30 + b.readUInt16LE(off + 26) + b.readUInt16LE(off + 28) + b.readUInt32LE(p + 20);
    p += 46 + nl + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  throw new Error(`no member ${name}`);
}

/** Insert bytes into the data area at `at` (before the central directory) and fix every offset after it. */
export function spliceZip(zip: Uint8Array, at: number, insert: Uint8Array): Uint8Array {
  const b = Buffer.concat([zip.subarray(0, at), insert, zip.subarray(at)]);
  const eocd = b.lastIndexOf(EOCD);
  const cd = b.readUInt32LE(eocd + 16) + insert.length;
  b.writeUInt32LE(cd, eocd + 16);
  for (let i = 0, p = cd; i < b.readUInt16LE(eocd + 10); i++) {
    const off = b.readUInt32LE(p + 42);
    if (off >= at) b.writeUInt32LE(off + insert.length, p + 42);
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return new Uint8Array(b);
}
