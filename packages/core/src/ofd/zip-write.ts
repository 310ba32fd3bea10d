// A small in-memory ZIP writer for OFD packages. Members are either new content (deflated or stored) or copied
// from a source archive byte for byte: the stored (compressed) bytes, CRC-32, sizes and method are kept and never
// recompressed, so every digest over an existing member stays valid. Headers follow what ofdrw writes (made by
// Unix 5.1, UTF-8 flag on every name, no extra fields, directories stored with mode 40755); ZIP64 records are added
// only when a size, an offset or the member count needs them. Output is deterministic for a given `date`.
import { crc32, deflateRawSync } from 'node:zlib';
import { FormatError, LimitError } from '../errors.js';
import type { ZipArchive, ZipEntry } from './zip-read.js';
import { checkZipName, nameKey } from './zip-names.js';

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const FLAG_UTF8 = 0x0800;
const MADE_BY = (3 << 8) | 51; // Unix, spec version 5.1 (as ofdrw / Java's zip writer)
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;
const MODE_FILE = 0o100644;
const MODE_DIR = 0o040755;
const MAX_NAME_BYTES = 0xffff;

export interface ZipWriteOptions {
  /** Modification time of new members (DOS time, UTC fields). Default: the time the writer was created. */
  date?: Date;
}

export interface AddFileOptions {
  /** 'deflate' (default) or 'store'. */
  method?: 'deflate' | 'store';
  /** zlib level for deflate, 0–9 (default 6, as java.util.zip). */
  level?: number;
  /** Overrides the writer's date for this member. */
  date?: Date;
}

/** A member's stored form, for copying without recompressing (what `ZipArchive.raw` and its entry describe). */
export interface RawMember {
  method: 0 | 8;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** The stored bytes (compressed for deflate). */
  data: Uint8Array;
  /** DOS time and date of the source; the writer's date when absent. */
  dosTime?: number;
  dosDate?: number;
}

interface Member {
  name: Uint8Array;
  method: 0 | 8;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  dosTime: number;
  dosDate: number;
  directory: boolean;
  data: Uint8Array;
  offset: number;
}

/** DOS date and time from the UTC fields of `d` (UTC keeps the output independent of the machine's zone). */
export function dosDateTime(d: Date): { dosTime: number; dosDate: number } {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new FormatError('invalid date for a ZIP member');
  const year = d.getUTCFullYear();
  // DOS dates cover 1980..2107; clamp rather than wrap.
  if (year < 1980) return { dosTime: 0, dosDate: (1 << 5) | 1 };
  if (year > 2107) return { dosTime: (23 << 11) | (59 << 5) | 29, dosDate: (127 << 9) | (12 << 5) | 31 };
  return {
    dosTime: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    dosDate: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export class ZipWriter {
  readonly #members: Member[] = [];
  readonly #names = new Set<string>();
  readonly #date: Date;
  #offset = 0;
  #finished = false;

  constructor(options: ZipWriteOptions = {}) {
    this.#date = options.date ?? new Date();
    dosDateTime(this.#date); // validate early
  }

  /** Names already added, in order (directories end with '/'). */
  get names(): string[] {
    return this.#members.map((m) => Buffer.from(m.name).toString('utf8'));
  }

  has(name: string): boolean {
    return this.#names.has(nameKey(name));
  }

  /** Add new content. */
  addFile(name: string, data: Uint8Array, options: AddFileOptions = {}): this {
    if (name.endsWith('/')) throw new FormatError(`file name ${JSON.stringify(name)} ends with '/'`);
    const method = options.method ?? 'deflate';
    const stored = method === 'store' ? data : deflateRawSync(data, { level: options.level ?? 6 });
    const { dosTime, dosDate } = dosDateTime(options.date ?? this.#date);
    this.#push(name, {
      method: method === 'store' ? 0 : 8,
      crc: crc32(data) >>> 0,
      compressedSize: stored.length,
      uncompressedSize: data.length,
      dosTime,
      dosDate,
      directory: false,
      data: stored,
    });
    return this;
  }

  /** Add a directory entry (the name gets a trailing '/' if it lacks one). */
  addDirectory(name: string, options: { date?: Date } = {}): this {
    const dir = name.endsWith('/') ? name : `${name}/`;
    const { dosTime, dosDate } = dosDateTime(options.date ?? this.#date);
    this.#push(dir, { method: 0, crc: 0, compressedSize: 0, uncompressedSize: 0, dosTime, dosDate, directory: true, data: new Uint8Array(0) });
    return this;
  }

  /** Add a member from its stored form, byte for byte. */
  addRaw(name: string, member: RawMember): this {
    if (member.method !== 0 && member.method !== 8) throw new FormatError(`member ${JSON.stringify(name)}: compression method ${String(member.method)} cannot be copied`);
    if (member.data.length !== member.compressedSize) throw new FormatError(`member ${JSON.stringify(name)}: ${member.data.length} stored bytes, header says ${member.compressedSize}`);
    if (member.method === 0 && member.compressedSize !== member.uncompressedSize) throw new FormatError(`stored member ${JSON.stringify(name)} has different sizes`);
    const fallback = dosDateTime(this.#date);
    const directory = name.endsWith('/');
    if (directory && member.uncompressedSize !== 0) throw new FormatError(`directory ${JSON.stringify(name)} has content`);
    this.#push(name, {
      method: member.method,
      crc: member.crc32 >>> 0,
      compressedSize: member.compressedSize,
      uncompressedSize: member.uncompressedSize,
      dosTime: member.dosTime ?? fallback.dosTime,
      dosDate: member.dosDate ?? fallback.dosDate,
      directory,
      data: member.data,
    });
    return this;
  }

  /** Copy a member of `archive` unchanged (stored bytes, CRC, sizes, method and time), optionally renamed. */
  copyFrom(archive: ZipArchive, entry: ZipEntry | string, name?: string): this {
    const e = typeof entry === 'string' ? archive.entry(entry) : entry;
    if (!e) throw new FormatError(`no member ${JSON.stringify(entry)} to copy`);
    return this.addRaw(name ?? e.name, {
      method: e.method,
      crc32: e.crc32,
      compressedSize: e.compressedSize,
      uncompressedSize: e.uncompressedSize,
      data: archive.raw(e),
      dosTime: e.dosTime,
      dosDate: e.dosDate,
    });
  }

  #push(name: string, m: Omit<Member, 'name' | 'offset'>): void {
    if (this.#finished) throw new FormatError('the ZIP writer is already finished');
    const nameBytes = new TextEncoder().encode(name);
    checkZipName(name, nameBytes.length, MAX_NAME_BYTES);
    const key = nameKey(name);
    if (this.#names.has(key)) throw new FormatError(`duplicate member name ${JSON.stringify(name)}`);
    this.#names.add(key);
    const member: Member = { ...m, name: nameBytes, offset: this.#offset };
    this.#offset += localHeaderSize(member) + member.compressedSize;
    if (!Number.isSafeInteger(this.#offset)) throw new LimitError('ZIP output too large');
    this.#members.push(member);
  }

  /** The whole archive. The writer cannot be used afterwards. */
  finish(): Uint8Array {
    this.#finished = true;
    const parts: Uint8Array[] = [];
    for (const m of this.#members) {
      parts.push(localHeader(m), m.data);
    }
    const cdStart = this.#offset;
    let cdSize = 0;
    for (const m of this.#members) {
      const c = centralHeader(m);
      cdSize += c.length;
      parts.push(c);
    }
    const count = this.#members.length;
    const zip64 = count >= U16_MAX || cdSize >= U32_MAX || cdStart >= U32_MAX;
    if (zip64) parts.push(zip64End(count, cdSize, cdStart), zip64Locator(cdStart + cdSize));
    parts.push(end(count, cdSize, cdStart));
    return Buffer.concat(parts);
  }
}

/** Whether the member needs ZIP64 sizes (in both headers) or a ZIP64 offset (central header only). */
function needsZip64Sizes(m: { compressedSize: number; uncompressedSize: number }): boolean {
  return m.compressedSize >= U32_MAX || m.uncompressedSize >= U32_MAX;
}

function localHeaderSize(m: Pick<Member, 'name' | 'compressedSize' | 'uncompressedSize'>): number {
  return 30 + m.name.length + (needsZip64Sizes(m) ? 20 : 0);
}

function versionNeeded(m: Member, zip64: boolean): number {
  if (zip64) return 45;
  return m.directory ? 10 : 20;
}

/**
 * The fields local (at 4) and central (at 6) headers share, version needed to extract through extra field length.
 * `saturate` writes 0xFFFFFFFF sizes, the real ones being in the ZIP64 extra.
 */
function writeSharedFields(b: Buffer, at: number, m: Member, zip64: boolean, saturate: boolean, extraLen: number): void {
  b.writeUInt16LE(versionNeeded(m, zip64), at);
  b.writeUInt16LE(FLAG_UTF8, at + 2);
  b.writeUInt16LE(m.method, at + 4);
  b.writeUInt16LE(m.dosTime, at + 6);
  b.writeUInt16LE(m.dosDate, at + 8);
  b.writeUInt32LE(m.crc, at + 10);
  b.writeUInt32LE(saturate ? U32_MAX : m.compressedSize, at + 14);
  b.writeUInt32LE(saturate ? U32_MAX : m.uncompressedSize, at + 18);
  b.writeUInt16LE(m.name.length, at + 22);
  b.writeUInt16LE(extraLen, at + 24);
}

/** A ZIP64 extended information extra field (id 0x0001) holding `values` as 64-bit integers, at `p`. */
function writeZip64Extra(b: Buffer, p: number, values: readonly number[]): void {
  b.writeUInt16LE(0x0001, p);
  b.writeUInt16LE(8 * values.length, p + 2);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), p + 4 + 8 * i));
}

function localHeader(m: Member): Uint8Array {
  const z = needsZip64Sizes(m);
  const b = Buffer.alloc(localHeaderSize(m));
  b.writeUInt32LE(SIG_LOCAL, 0);
  writeSharedFields(b, 4, m, z, z, z ? 20 : 0);
  b.set(m.name, 30);
  if (z) writeZip64Extra(b, 30 + m.name.length, [m.uncompressedSize, m.compressedSize]);
  return b;
}

function centralHeader(m: Member): Uint8Array {
  // ZIP64 extra carries exactly the saturated fields, in the order uncompressed, compressed, offset.
  const bigU = m.uncompressedSize >= U32_MAX;
  const bigC = m.compressedSize >= U32_MAX;
  const bigO = m.offset >= U32_MAX;
  // A member with ZIP64 sizes in its local header saturates both sizes; keep the central record consistent.
  const sizes = bigU || bigC;
  const extraValues: number[] = [];
  if (sizes) extraValues.push(m.uncompressedSize, m.compressedSize);
  if (bigO) extraValues.push(m.offset);
  const extraLen = extraValues.length ? 4 + 8 * extraValues.length : 0;
  const b = Buffer.alloc(46 + m.name.length + extraLen);
  b.writeUInt32LE(SIG_CENTRAL, 0);
  b.writeUInt16LE(MADE_BY, 4);
  writeSharedFields(b, 6, m, extraLen > 0, sizes, extraLen);
  // comment length, disk number, internal attributes: 0
  b.writeUInt32LE(((m.directory ? MODE_DIR : MODE_FILE) << 16) >>> 0, 38);
  b.writeUInt32LE(bigO ? U32_MAX : m.offset, 42);
  b.set(m.name, 46);
  if (extraLen) writeZip64Extra(b, 46 + m.name.length, extraValues);
  return b;
}

function zip64End(count: number, cdSize: number, cdStart: number): Uint8Array {
  const b = Buffer.alloc(56);
  b.writeUInt32LE(SIG_ZIP64_EOCD, 0);
  b.writeBigUInt64LE(44n, 4); // size of the rest of the record
  b.writeUInt16LE(MADE_BY, 12);
  b.writeUInt16LE(45, 14);
  // disk numbers: 0
  b.writeBigUInt64LE(BigInt(count), 24);
  b.writeBigUInt64LE(BigInt(count), 32);
  b.writeBigUInt64LE(BigInt(cdSize), 40);
  b.writeBigUInt64LE(BigInt(cdStart), 48);
  return b;
}

function zip64Locator(recordOffset: number): Uint8Array {
  const b = Buffer.alloc(20);
  b.writeUInt32LE(SIG_ZIP64_LOCATOR, 0);
  b.writeBigUInt64LE(BigInt(recordOffset), 8);
  b.writeUInt32LE(1, 16); // total disks
  return b;
}

function end(count: number, cdSize: number, cdStart: number): Uint8Array {
  // Only the fields that overflow are saturated; the ZIP64 record holds the real values.
  const b = Buffer.alloc(22);
  b.writeUInt32LE(SIG_EOCD, 0);
  b.writeUInt16LE(Math.min(count, U16_MAX), 8);
  b.writeUInt16LE(Math.min(count, U16_MAX), 10);
  b.writeUInt32LE(Math.min(cdSize, U32_MAX), 12);
  b.writeUInt32LE(Math.min(cdStart, U32_MAX), 16);
  return b;
}
