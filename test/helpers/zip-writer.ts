// Test helper: a tiny ZIP writer for building OFD packages and hostile archives in tests. Every header field can be
// overridden, so a test can make the local header disagree with the central directory, lie about sizes, etc.
// Deliberately independent of the reader under test (only node:zlib is shared).
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipMemberSpec {
  name: string;
  data?: Uint8Array | string;
  /** 0 stored, 8 deflate (default 8 for non-empty data). */
  method?: number;
  /** Overrides of what the headers declare. */
  crc?: number;
  size?: number;
  compressedSize?: number;
  flags?: number;
  /** Name written in the local header (default `name`). */
  localName?: string;
  /** Raw compressed bytes to store instead of compressing `data`. */
  raw?: Uint8Array;
  /** Force ZIP64 extra fields for this member. */
  zip64?: boolean;
}

export interface ZipOptions {
  /** Bytes before the first local header (like KingGrid output). */
  prefix?: Uint8Array;
  comment?: string;
  /** Write ZIP64 end records (and ZIP64 extras for every member). */
  zip64?: boolean;
  /** Override the entry count in the end record. */
  count?: number;
  /** Override the central-directory offset in the end record. */
  cdOffset?: number;
}

const u16 = (n: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n & 0xffff);
  return b;
};
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const u64 = (n: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};

export function writeZip(members: readonly ZipMemberSpec[], opts: ZipOptions = {}): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer): void => {
    parts.push(b);
    offset += b.length;
  };
  for (const m of members) {
    const data = typeof m.data === 'string' ? Buffer.from(m.data) : Buffer.from(m.data ?? new Uint8Array(0));
    const method = m.method ?? (data.length ? 8 : 0);
    const stored = m.raw ? Buffer.from(m.raw) : method === 8 ? deflateRawSync(data) : data;
    const crc = m.crc ?? crc32(data);
    const size = m.size ?? data.length;
    const csize = m.compressedSize ?? stored.length;
    const name = Buffer.from(m.name);
    const localName = Buffer.from(m.localName ?? m.name);
    const flags = m.flags ?? (/[^\x00-\x7f]/.test(m.name) ? 0x800 : 0);
    const z64 = opts.zip64 || m.zip64;
    const localExtra = z64 ? Buffer.concat([u16(1), u16(16), u64(size), u64(csize)]) : Buffer.alloc(0);
    const localOffset = offset;
    push(Buffer.concat([u32(0x04034b50), u16(z64 ? 45 : 20), u16(flags), u16(method), u16(0), u16(0x21), u32(crc), u32(z64 ? 0xffffffff : csize), u32(z64 ? 0xffffffff : size), u16(localName.length), u16(localExtra.length), localName, localExtra]));
    push(stored);
    const centralExtra = z64 ? Buffer.concat([u16(1), u16(24), u64(size), u64(csize), u64(localOffset)]) : Buffer.alloc(0);
    central.push(
      Buffer.concat([
        u32(0x02014b50), u16(z64 ? 45 : 20), u16(z64 ? 45 : 20), u16(flags), u16(method), u16(0), u16(0x21), u32(crc),
        u32(z64 ? 0xffffffff : csize), u32(z64 ? 0xffffffff : size), u16(name.length), u16(centralExtra.length), u16(0), u16(0), u16(0), u32(0),
        u32(z64 ? 0xffffffff : localOffset), name, centralExtra,
      ]),
    );
  }
  const cdOffset = offset;
  const cd = Buffer.concat(central);
  push(cd);
  const count = opts.count ?? members.length;
  if (opts.zip64) {
    const recOffset = offset;
    push(Buffer.concat([u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(count), u64(count), u64(cd.length), u64(opts.cdOffset ?? cdOffset)]));
    push(Buffer.concat([u32(0x07064b50), u32(0), u64(recOffset), u32(1)]));
  }
  const comment = Buffer.from(opts.comment ?? '');
  push(
    Buffer.concat([
      u32(0x06054b50), u16(0), u16(0), u16(opts.zip64 ? 0xffff : count), u16(opts.zip64 ? 0xffff : count),
      u32(opts.zip64 ? 0xffffffff : cd.length), u32(opts.zip64 ? 0xffffffff : (opts.cdOffset ?? cdOffset)), u16(comment.length), comment,
    ]),
  );
  const body = Buffer.concat(parts);
  return new Uint8Array(opts.prefix ? Buffer.concat([Buffer.from(opts.prefix), body]) : body);
}
