// A bounded, in-memory ZIP reader for OFD packages (see docs/decisions.md for why not a zip library): the central
// directory is read from the end of the input, each local header is cross-checked with its central record, and
// inflation is capped at the declared size, so a header that lies about sizes cannot make us allocate more than the
// limits allow. Members are inflated lazily, one at a time, and never cached.
// One archive must have one reading: a streaming reader (Java's ZipInputStream, which many OFD servers use) walks the
// local headers from the start, we walk the central directory. So the members' local records, data and data
// descriptors must tile the data area exactly, with no gap where a second local record could hide, and the junk a
// vendor put before the ZIP must not hold a local header. Names that differ only in case are refused too: extracted
// on a case-insensitive file system, one replaces the other.
import { crc32, inflateRawSync } from 'node:zlib';
import { FormatError, LimitError, UnsupportedError } from '../errors.js';
import { ofdLimits, type OfdLimits } from './limits.js';
import { checkZipName, decodeZipName, nameKey } from './zip-names.js';

const SIG_LOCAL = 0x04034b50;
const SIG_DATA_DESCRIPTOR = 0x08074b50;
const LOCAL_SIGNATURE_BYTES = Uint8Array.of(0x50, 0x4b, 0x03, 0x04);
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const ZIP64_LOCATOR_SIZE = 20;
const MAX_COMMENT = 0xffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;
const EXTRA_ZIP64 = 0x0001;
const EXTRA_UNICODE_PATH = 0x7075;

export interface ZipEntry {
  /** Position in the central directory. */
  readonly index: number;
  /** Member name as decoded, e.g. 'Doc_0/Document.xml'; directories end with '/'. */
  readonly name: string;
  /** Raw name bytes as stored in the central directory. */
  readonly nameBytes: Uint8Array;
  readonly isDirectory: boolean;
  /** 0 = stored, 8 = deflate. */
  readonly method: 0 | 8;
  /** General-purpose bit flags of the central record. */
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** MS-DOS time and date fields, for a writer that copies the member. */
  readonly dosTime: number;
  readonly dosDate: number;
  /** Offset of the local header in the input (any leading junk included). */
  readonly localHeaderOffset: number;
  /** Offset of the member's stored (compressed) bytes in the input. */
  readonly dataOffset: number;
  /** Length of the data descriptor after the stored bytes (0 without one). */
  readonly descriptorSize: number;
}

export interface ZipArchive {
  /** Members in central-directory order. */
  readonly entries: readonly ZipEntry[];
  /** Bytes before the first local header (tolerated vendor junk, which may hold no local header). */
  readonly prefixBytes: number;
  readonly comment: Uint8Array;
  /** Oddities that were tolerated, English (junk prefix, legacy name encodings). */
  readonly warnings: readonly string[];
  /** The member with this exact name (directories with their trailing '/'). */
  entry(name: string): ZipEntry | undefined;
  /**
   * The member's uncompressed bytes, CRC-checked. Throws FormatError (corrupt data, CRC or size mismatch) or
   * LimitError (inflates beyond its declared size). Stored members are returned as a view into the input.
   */
  read(entry: ZipEntry | string): Uint8Array;
  /** The member's stored bytes exactly as in the input (compressed for deflate), for copying without recompressing. */
  raw(entry: ZipEntry | string): Uint8Array;
}

/** Cheap test: a local header at the start, or an end-of-central-directory record near the end. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  if (bytes.length < EOCD_SIZE) return false;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return true;
  return findEocd(bytes) !== undefined;
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** The EOCD position: the last signature whose comment ends exactly at the end of the input. */
function findEocd(b: Uint8Array): number | undefined {
  const dv = view(b);
  const stop = Math.max(0, b.length - EOCD_SIZE - MAX_COMMENT);
  for (let p = b.length - EOCD_SIZE; p >= stop; p--) {
    if (b[p] !== 0x50 || b[p + 1] !== 0x4b || dv.getUint32(p, true) !== SIG_EOCD) continue;
    if (p + EOCD_SIZE + dv.getUint16(p + 20, true) === b.length) return p;
  }
  return undefined;
}

function u64(dv: DataView, p: number, what: string): number {
  const v = dv.getBigUint64(p, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormatError(`ZIP64 ${what} is out of range`);
  return Number(v);
}

interface Directory {
  cdStart: number;
  cdSize: number;
  count: number;
  prefix: number;
  comment: Uint8Array;
}

function readDirectory(b: Uint8Array): Directory {
  const dv = view(b);
  const eocd = findEocd(b);
  if (eocd === undefined) throw new FormatError('not a ZIP archive (no end-of-central-directory record)');
  const disk = dv.getUint16(eocd + 4, true);
  const cdDisk = dv.getUint16(eocd + 6, true);
  let countDisk = dv.getUint16(eocd + 8, true);
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  const comment = b.subarray(eocd + EOCD_SIZE, eocd + EOCD_SIZE + dv.getUint16(eocd + 20, true));
  let end = eocd; // where the central directory (or the ZIP64 record) must end

  const loc = eocd - ZIP64_LOCATOR_SIZE;
  const zip64 = loc >= 0 && dv.getUint32(loc, true) === SIG_ZIP64_LOCATOR;
  if (zip64) {
    if (dv.getUint32(loc + 4, true) !== 0 || dv.getUint32(loc + 16, true) > 1) throw new FormatError('multi-disk ZIP archives are not supported');
    const declared = u64(dv, loc + 8, 'end-of-central-directory offset');
    // The record normally ends at the locator; find it there first so a junk prefix does not hide it.
    let rec = -1;
    for (const p of [loc - 56, declared]) {
      if (p >= 0 && p + 56 <= loc && dv.getUint32(p, true) === SIG_ZIP64_EOCD && p + 12 + u64(dv, p + 4, 'record size') === loc) {
        rec = p;
        break;
      }
    }
    if (rec < 0) throw new FormatError('ZIP64 end-of-central-directory record not found where the locator points');
    if (dv.getUint32(rec + 16, true) !== 0 || dv.getUint32(rec + 20, true) !== 0) throw new FormatError('multi-disk ZIP archives are not supported');
    countDisk = u64(dv, rec + 24, 'entry count');
    count = u64(dv, rec + 32, 'entry count');
    cdSize = u64(dv, rec + 40, 'central directory size');
    cdOffset = u64(dv, rec + 48, 'central directory offset');
    end = rec;
  } else if (disk !== 0 || cdDisk !== 0) {
    throw new FormatError('multi-disk ZIP archives are not supported');
  } else if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new FormatError('ZIP64 values without a ZIP64 end-of-central-directory locator');
  }
  if (countDisk !== count) throw new FormatError('multi-disk ZIP archives are not supported');
  // Offsets are relative to the start of the ZIP data; leading junk (KingGrid files) shifts them all. The central
  // directory ends where the end records begin, so the shift is what the end-anchored position says it is.
  const cdStart = end - cdSize;
  if (cdStart < 0) throw new FormatError('central directory size exceeds the archive');
  const prefix = cdStart - cdOffset;
  if (prefix < 0) throw new FormatError('central directory offset points past its real position (truncated archive?)');
  return { cdStart, cdSize, count, prefix, comment };
}

interface Zip64Fields {
  uncompressed?: number;
  compressed?: number;
  offset?: number;
}

/** The ZIP64 extra field of a central (all saturated fields) or local record. */
function zip64Extra(extra: Uint8Array, want: { u: boolean; c: boolean; o: boolean }): Zip64Fields {
  const dv = view(extra);
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = dv.getUint16(p, true);
    const size = dv.getUint16(p + 2, true);
    if (p + 4 + size > extra.length) throw new FormatError('extra field overruns its record');
    if (id === EXTRA_ZIP64) {
      const out: Zip64Fields = {};
      let q = p + 4;
      const take = (what: string): number => {
        if (q + 8 > p + 4 + size) throw new FormatError('ZIP64 extra field is too short');
        const v = u64(dv, q, what);
        q += 8;
        return v;
      };
      if (want.u) out.uncompressed = take('uncompressed size');
      if (want.c) out.compressed = take('compressed size');
      if (want.o) out.offset = take('local header offset');
      return out;
    }
    p += 4 + size;
  }
  if (want.u || want.c || want.o) throw new FormatError('ZIP64 sizes announced but no ZIP64 extra field');
  return {};
}

/** Info-ZIP Unicode Path (0x7075) when it matches the raw name's CRC. */
function unicodePath(extra: Uint8Array, rawName: Uint8Array): Uint8Array | undefined {
  const dv = view(extra);
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = dv.getUint16(p, true);
    const size = dv.getUint16(p + 2, true);
    if (p + 4 + size > extra.length) return undefined;
    if (id === EXTRA_UNICODE_PATH && size > 5 && extra[p + 4] === 1 && dv.getUint32(p + 5, true) === crc32(rawName)) {
      return extra.subarray(p + 9, p + 4 + size);
    }
    p += 4 + size;
  }
  return undefined;
}

class Archive implements ZipArchive {
  readonly entries: ZipEntry[] = [];
  readonly prefixBytes: number;
  readonly comment: Uint8Array;
  readonly warnings: string[] = [];
  readonly #bytes: Uint8Array;
  readonly #byName = new Map<string, ZipEntry>();

  constructor(bytes: Uint8Array, limits: OfdLimits) {
    this.#bytes = bytes;
    if (bytes.length > limits.maxPackageBytes) throw new LimitError(`package of ${bytes.length} bytes exceeds the ${limits.maxPackageBytes}-byte limit`);
    const dir = readDirectory(bytes);
    this.comment = dir.comment;
    if (dir.count > limits.maxEntries) throw new LimitError(`${dir.count} members exceed the limit of ${limits.maxEntries}`);
    if (dir.count * CENTRAL_SIZE > dir.cdSize) throw new FormatError(`central directory of ${dir.cdSize} bytes cannot hold ${dir.count} members`);
    const dv = view(bytes);
    const keys = new Set<string>();
    const folded = new Map<string, string>();
    let total = 0;
    let p = dir.cdStart;
    const cdEnd = dir.cdStart + dir.cdSize;
    for (let i = 0; i < dir.count; i++) {
      if (p + CENTRAL_SIZE > cdEnd || dv.getUint32(p, true) !== SIG_CENTRAL) throw new FormatError(`central directory record ${i} is missing or damaged`);
      const flags = dv.getUint16(p + 8, true);
      const method = dv.getUint16(p + 10, true);
      const nameLen = dv.getUint16(p + 28, true);
      const extraLen = dv.getUint16(p + 30, true);
      const commentLen = dv.getUint16(p + 32, true);
      const next = p + CENTRAL_SIZE + nameLen + extraLen + commentLen;
      if (next > cdEnd) throw new FormatError(`central directory record ${i} overruns the directory`);
      const rawName = bytes.subarray(p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLen);
      const extra = bytes.subarray(p + CENTRAL_SIZE + nameLen, p + CENTRAL_SIZE + nameLen + extraLen);
      let compressed = dv.getUint32(p + 20, true);
      let uncompressed = dv.getUint32(p + 24, true);
      let offset = dv.getUint32(p + 42, true);
      const z = zip64Extra(extra, { u: uncompressed === 0xffffffff, c: compressed === 0xffffffff, o: offset === 0xffffffff });
      uncompressed = z.uncompressed ?? uncompressed;
      compressed = z.compressed ?? compressed;
      offset = z.offset ?? offset;

      const unicode = flags & FLAG_UTF8 ? undefined : unicodePath(extra, rawName);
      const decoded = decodeZipName(unicode ?? rawName, unicode !== undefined || (flags & FLAG_UTF8) !== 0);
      const name = decoded.name;
      checkZipName(name, rawName.length, limits.maxNameBytes);
      if (decoded.encoding === 'gb18030') this.warnings.push(`member name ${JSON.stringify(name)} is GB18030 without the UTF-8 flag`);
      const key = nameKey(name);
      if (keys.has(key)) throw new FormatError(`duplicate member name ${JSON.stringify(name)}`);
      keys.add(key);
      const fold = key.toLowerCase();
      const twin = folded.get(fold);
      if (twin !== undefined) throw new FormatError(`member names ${JSON.stringify(twin)} and ${JSON.stringify(name)} differ only in case (one replaces the other on a case-insensitive file system)`);
      folded.set(fold, name);

      if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) throw new FormatError(`member ${JSON.stringify(name)} is encrypted`);
      if (method !== 0 && method !== 8) throw new UnsupportedError(`member ${JSON.stringify(name)} uses compression method ${method} (only stored and deflate are accepted)`);
      if (method === 0 && compressed !== uncompressed) throw new FormatError(`stored member ${JSON.stringify(name)} has different compressed and uncompressed sizes`);
      if (uncompressed > limits.maxEntryBytes) throw new LimitError(`member ${JSON.stringify(name)} declares ${uncompressed} bytes, over the ${limits.maxEntryBytes}-byte limit`);
      total += uncompressed;
      if (total > limits.maxTotalBytes) throw new LimitError(`members declare more than the ${limits.maxTotalBytes}-byte total limit`);
      if (uncompressed > limits.ratioFloorBytes && uncompressed > compressed * limits.maxCompressionRatio) {
        throw new LimitError(`member ${JSON.stringify(name)} has a compression ratio over ${limits.maxCompressionRatio}:1 (${uncompressed} from ${compressed} bytes)`);
      }

      const localHeaderOffset = offset + dir.prefix;
      const crc = dv.getUint32(p + 16, true);
      const dataOffset = this.#checkLocal(dv, localHeaderOffset, rawName, method, flags, compressed, uncompressed, crc, name, dir.cdStart);
      const descriptorSize = flags & FLAG_DATA_DESCRIPTOR ? this.#descriptor(dv, dataOffset + compressed, crc, compressed, uncompressed, name, dir.cdStart) : 0;
      const entry: ZipEntry = {
        index: i,
        name,
        nameBytes: rawName,
        isDirectory: name.endsWith('/'),
        method,
        flags,
        crc32: dv.getUint32(p + 16, true),
        compressedSize: compressed,
        uncompressedSize: uncompressed,
        dosTime: dv.getUint16(p + 12, true),
        dosDate: dv.getUint16(p + 14, true),
        localHeaderOffset,
        dataOffset,
        descriptorSize,
      };
      this.entries.push(entry);
      this.#byName.set(name, entry);
      p = next;
    }
    this.prefixBytes = this.#checkTiling(dir.cdStart);
    if (this.prefixBytes > 0) this.warnings.push(`${this.prefixBytes} bytes before the ZIP data were skipped`);
  }

  /** Cross-check the local header with the central record; returns the data offset. */
  #checkLocal(dv: DataView, at: number, rawName: Uint8Array, method: number, flags: number, compressed: number, uncompressed: number, crc: number, name: string, cdStart: number): number {
    const show = JSON.stringify(name);
    if (at + LOCAL_SIZE > cdStart || dv.getUint32(at, true) !== SIG_LOCAL) throw new FormatError(`local header of ${show} is missing`);
    const nameLen = dv.getUint16(at + 26, true);
    const extraLen = dv.getUint16(at + 28, true);
    const dataOffset = at + LOCAL_SIZE + nameLen + extraLen;
    if (dataOffset > cdStart) throw new FormatError(`local header of ${show} overruns the data area`);
    const localName = this.#bytes.subarray(at + LOCAL_SIZE, at + LOCAL_SIZE + nameLen);
    if (Buffer.compare(localName, rawName) !== 0) throw new FormatError(`local header name differs from the central directory for ${show}`);
    if (dv.getUint16(at + 8, true) !== method) throw new FormatError(`local header compression method differs from the central directory for ${show}`);
    if (!(flags & FLAG_DATA_DESCRIPTOR)) {
      let lc = dv.getUint32(at + 18, true);
      let lu = dv.getUint32(at + 22, true);
      if (lc === 0xffffffff || lu === 0xffffffff) {
        const z = zip64Extra(this.#bytes.subarray(at + LOCAL_SIZE + nameLen, dataOffset), { u: true, c: true, o: false });
        lu = z.uncompressed ?? lu;
        lc = z.compressed ?? lc;
      }
      if (lc !== compressed || lu !== uncompressed) throw new FormatError(`local header sizes differ from the central directory for ${show}`);
      if (dv.getUint32(at + 14, true) !== crc) throw new FormatError(`local header CRC differs from the central directory for ${show}`);
    }
    if (dataOffset + compressed > cdStart) throw new FormatError(`data of ${show} runs past the end of the data area (truncated archive?)`);
    return dataOffset;
  }

  /**
   * The data descriptor after a member's data (general-purpose flag bit 3): with or without its signature, 32- or
   * 64-bit sizes. The form is the one whose fields equal the central record; returns its length.
   */
  #descriptor(dv: DataView, at: number, crc: number, compressed: number, uncompressed: number, name: string, cdStart: number): number {
    const fits = (n: number): boolean => at + n <= cdStart;
    const sig = fits(4) && dv.getUint32(at, true) === SIG_DATA_DESCRIPTOR ? 4 : 0;
    const q = at + sig;
    if (fits(sig + 12) && dv.getUint32(q, true) === crc >>> 0) {
      if (dv.getUint32(q + 4, true) === compressed && dv.getUint32(q + 8, true) === uncompressed) return sig + 12;
      if (fits(sig + 20) && dv.getBigUint64(q + 4, true) === BigInt(compressed) && dv.getBigUint64(q + 12, true) === BigInt(uncompressed)) return sig + 20;
    }
    throw new FormatError(`data descriptor of ${JSON.stringify(name)} is missing or differs from the central directory`);
  }

  /**
   * Members' local records, data and descriptors must follow each other without a gap or an overlap from the first
   * local header to the central directory: a gap can hold a local record that only a streaming reader sees, and
   * overlapping members are how the densest zip bombs reuse one compressed stream. The bytes before the first local
   * header are tolerated junk only if they hold no local header signature. Returns their length.
   */
  #checkTiling(cdStart: number): number {
    const sorted = [...this.entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
    const first = sorted[0]?.localHeaderOffset ?? cdStart;
    const hidden = Buffer.from(this.#bytes.buffer, this.#bytes.byteOffset, first).indexOf(LOCAL_SIGNATURE_BYTES);
    if (hidden >= 0) throw new FormatError(`hidden ZIP entries: a local file header at offset ${hidden}, before the first member the central directory lists`);
    for (let i = 0; i < sorted.length; i++) {
      const cur = sorted[i]!;
      const end = cur.dataOffset + cur.compressedSize + cur.descriptorSize;
      const next = sorted[i + 1];
      const nextAt = next ? next.localHeaderOffset : cdStart;
      if (end > nextAt) {
        if (next) throw new FormatError(`members ${JSON.stringify(cur.name)} and ${JSON.stringify(next.name)} overlap`);
        throw new FormatError(`data of ${JSON.stringify(cur.name)} runs into the central directory`);
      }
      if (end < nextAt) {
        const where = next ? `between ${JSON.stringify(cur.name)} and ${JSON.stringify(next.name)}` : `between ${JSON.stringify(cur.name)} and the central directory`;
        throw new FormatError(`hidden ZIP entries: ${nextAt - end} bytes no member accounts for ${where}`);
      }
    }
    return first;
  }

  entry(name: string): ZipEntry | undefined {
    return this.#byName.get(name);
  }

  #resolve(e: ZipEntry | string): ZipEntry {
    const entry = typeof e === 'string' ? this.#byName.get(e) : e;
    if (!entry || this.entries[entry.index] !== entry) throw new FormatError(`no member ${JSON.stringify(typeof e === 'string' ? e : e.name)} in this archive`);
    return entry;
  }

  raw(e: ZipEntry | string): Uint8Array {
    const entry = this.#resolve(e);
    return this.#bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  }

  read(e: ZipEntry | string): Uint8Array {
    const entry = this.#resolve(e);
    const show = JSON.stringify(entry.name);
    const raw = this.raw(entry);
    let out: Uint8Array;
    if (entry.method === 0) out = raw;
    else if (entry.uncompressedSize === 0 && raw.length === 0) out = raw; // an empty deflate member without a stream
    else {
      try {
        // maxOutputLength caps the real output whatever the header claims; +1 so "longer than declared" is seen.
        out = inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize + 1 });
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'ERR_BUFFER_TOO_LARGE') throw new LimitError(`member ${show} inflates beyond its declared ${entry.uncompressedSize} bytes`);
        throw new FormatError(`member ${show} does not inflate: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (out.length !== entry.uncompressedSize) throw new FormatError(`member ${show} inflates to ${out.length} bytes, not the declared ${entry.uncompressedSize}`);
    }
    if (crc32(out) >>> 0 !== entry.crc32 >>> 0) throw new FormatError(`CRC-32 mismatch in member ${show}`);
    return out;
  }
}

/**
 * Whether the central directory names `name`, read leniently (no limit or consistency check, never throws): lets a
 * package refused by a limit or for damage still be reported as the OFD it claims to be. Bounded by the input.
 */
export function zipListsMember(bytes: Uint8Array, name: string): boolean {
  try {
    const dir = readDirectory(bytes);
    const dv = view(bytes);
    const want = Buffer.from(name);
    const cdEnd = dir.cdStart + dir.cdSize;
    for (let i = 0, p = dir.cdStart; i < dir.count && p + CENTRAL_SIZE <= cdEnd && dv.getUint32(p, true) === SIG_CENTRAL; i++) {
      const nameLen = dv.getUint16(p + 28, true);
      if (nameLen === want.length && Buffer.compare(bytes.subarray(p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLen), want) === 0) return true;
      p += CENTRAL_SIZE + nameLen + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
    }
  } catch {
    // not a readable directory: not an OFD as far as anyone can tell
  }
  return false;
}

/** Open a ZIP held in memory. Throws FormatError / LimitError / UnsupportedError for anything unsafe or broken. */
export function readZip(bytes: Uint8Array, limits?: Partial<OfdLimits>): ZipArchive {
  if (!(bytes instanceof Uint8Array)) throw new FormatError('input is not a byte array');
  return new Archive(bytes, ofdLimits(limits));
}
