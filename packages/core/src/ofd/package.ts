// The OFD package model: the ZIP members plus what OFD.xml says (documents, their roots and signature lists).
// Shared by the verifier and the signer; members are read on demand and XML parts are parsed with the limits.
import { FormatError, LimitError } from '../errors.js';
import { ofdLimits, type OfdLimits } from './limits.js';
import { resolveLoc } from './loc.js';
import { attr, child, childrenNamed, childText, parseXml, type XmlElement } from './xml.js';
import { readZip, type ZipArchive, type ZipEntry } from './zip-read.js';

export interface OfdDocInfo {
  docId?: string;
  title?: string;
  author?: string;
  creator?: string;
  creatorVersion?: string;
  creationDate?: string;
}

export interface OfdDocBody {
  index: number;
  docInfo: OfdDocInfo;
  /** DocRoot as written. */
  docRootLoc?: string;
  /** Member name of the document's Document.xml, when the location resolves. */
  docRoot?: string;
  /** `<Signatures>` as written (with or without a leading '/'). */
  signaturesLoc?: string;
  /** Member name of Signatures.xml, when the location resolves. */
  signatures?: string;
  /** Why a location did not resolve (English). */
  problems: string[];
}

export interface OfdPackage {
  readonly zip: ZipArchive;
  readonly limits: OfdLimits;
  /** OFD.xml's root element. */
  readonly ofd: XmlElement;
  /** Attributes of `<ofd:OFD>`. */
  readonly version?: string;
  readonly docType?: string;
  readonly docBodies: readonly OfdDocBody[];
  /** Member names of files (directories excluded), in central-directory order. */
  readonly files: readonly string[];
  /** The member exists and is a file. */
  has(member: string): boolean;
  /** The ZIP entry of a file member. */
  entry(member: string): ZipEntry | undefined;
  /** Uncompressed stored bytes of a member (CRC-checked). Throws FormatError/LimitError. */
  read(member: string): Uint8Array;
  /** Parse an XML member with the package limits. Throws FormatError/LimitError. */
  xml(member: string, what?: string): XmlElement;
  /** Resolve an ST_Loc written in part `from`. Throws FormatError. */
  resolve(loc: string, from: string): string;
  /**
   * Spend `n` of the package-wide reference budget (`maxTotalReferences`) for the Signature.xml `what`. Throws
   * ReferenceBudgetError once the package's signatures together list more references than that.
   */
  spendReferences(n: number, what: string): void;
  /**
   * The same package for another reader (the licence layer after the verifier): the ZIP directory and OFD.xml are not
   * read again, nor XML parts this package already parsed, but every budget (bytes read, XML parsed, references)
   * starts where a newly opened package's does, so that reader is bounded exactly as if it had opened the bytes.
   */
  fresh(): OfdPackage;
}

/** Parsed XML parts kept for fresh() views: only small ones, and a bounded total, so a hostile package holds no more. */
const CACHE_PART_BYTES = 1024 * 1024;
const CACHE_TOTAL_BYTES = 8 * 1024 * 1024;

interface ParsedParts {
  trees: Map<string, XmlElement>;
  bytes: number;
}

/** The package-wide reference budget is spent: the whole package is refused, not one signature. */
export class ReferenceBudgetError extends LimitError {
  override name = 'LimitError';
}

class Package implements OfdPackage {
  readonly zip: ZipArchive;
  readonly limits: OfdLimits;
  readonly ofd: XmlElement;
  readonly version?: string;
  readonly docType?: string;
  readonly docBodies: OfdDocBody[] = [];
  readonly files: string[];
  #readBytes = 0;
  #xmlBytes = 0;
  #references = 0;
  /** Budgets spent by opening (OFD.xml): where a fresh() view starts. */
  readonly #opened: { readBytes: number; xmlBytes: number };
  /** Shared with every fresh() view of the package. */
  readonly #parsed: ParsedParts;

  constructor(zip: ZipArchive, limits: OfdLimits, base?: Package) {
    this.zip = zip;
    this.limits = limits;
    if (base) {
      this.files = base.files;
      this.ofd = base.ofd;
      if (base.version !== undefined) this.version = base.version;
      if (base.docType !== undefined) this.docType = base.docType;
      this.docBodies = base.docBodies;
      this.#opened = base.#opened;
      this.#parsed = base.#parsed;
      this.#readBytes = this.#opened.readBytes;
      this.#xmlBytes = this.#opened.xmlBytes;
      return;
    }
    this.#parsed = { trees: new Map(), bytes: 0 };
    this.files = zip.entries.filter((e) => !e.isDirectory).map((e) => e.name);
    if (!this.has('OFD.xml')) throw new FormatError('not an OFD package: the ZIP archive has no OFD.xml');
    this.ofd = this.xml('OFD.xml');
    if (this.ofd.name !== 'OFD') throw new FormatError(`not an OFD package: OFD.xml has root element <${this.ofd.name}>, not <OFD>`);
    const version = attr(this.ofd, 'Version');
    if (version !== undefined) this.version = version;
    const docType = attr(this.ofd, 'DocType');
    if (docType !== undefined) this.docType = docType;
    const bodies = childrenNamed(this.ofd, 'DocBody');
    if (bodies.length > limits.maxDocuments) throw new FormatError(`OFD.xml lists ${bodies.length} documents, over the limit of ${limits.maxDocuments}`);
    bodies.forEach((b, index) => this.docBodies.push(this.#docBody(b, index)));
    this.#opened = { readBytes: this.#readBytes, xmlBytes: this.#xmlBytes };
  }

  fresh(): OfdPackage {
    return new Package(this.zip, this.limits, this);
  }

  #docBody(b: XmlElement, index: number): OfdDocBody {
    const info = child(b, 'DocInfo');
    const docInfo: OfdDocInfo = {};
    const fields: [keyof OfdDocInfo, string][] = [
      ['docId', 'DocID'],
      ['title', 'Title'],
      ['author', 'Author'],
      ['creator', 'Creator'],
      ['creatorVersion', 'CreatorVersion'],
      ['creationDate', 'CreationDate'],
    ];
    for (const [k, name] of fields) {
      const v = childText(info, name);
      if (v !== undefined) docInfo[k] = v;
    }
    const body: OfdDocBody = { index, docInfo, problems: [] };
    const docRootLoc = childText(b, 'DocRoot');
    if (docRootLoc !== undefined) {
      body.docRootLoc = docRootLoc;
      const r = this.#locate(docRootLoc, 'OFD.xml', 'DocRoot', body.problems);
      if (r !== undefined) body.docRoot = r;
    } else body.problems.push('DocBody has no DocRoot');
    const sigLoc = childText(b, 'Signatures');
    if (sigLoc !== undefined) {
      body.signaturesLoc = sigLoc;
      const r = this.#locate(sigLoc, 'OFD.xml', 'Signatures', body.problems);
      if (r !== undefined) body.signatures = r;
    }
    return body;
  }

  #locate(loc: string, from: string, what: string, problems: string[]): string | undefined {
    try {
      const r = this.resolve(loc, from);
      if (!this.has(r)) {
        problems.push(`${what} ${JSON.stringify(loc)} names a file that is not in the package`);
        return undefined;
      }
      return r;
    } catch (e) {
      problems.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  has(member: string): boolean {
    const e = this.zip.entry(member);
    return e !== undefined && !e.isDirectory;
  }

  entry(member: string): ZipEntry | undefined {
    const e = this.zip.entry(member);
    return e && !e.isDirectory ? e : undefined;
  }

  read(member: string): Uint8Array {
    const e = this.entry(member);
    if (!e) throw new FormatError(`no file ${JSON.stringify(member)} in the package`);
    this.#spendRead(member, e);
    return this.zip.read(e);
  }

  #spendRead(member: string, e: ZipEntry): void {
    this.#readBytes += e.uncompressedSize;
    if (this.#readBytes > this.limits.maxReadBytes) throw new LimitError(`reading ${member} would inflate more than ${this.limits.maxReadBytes} bytes in total`);
  }

  xml(member: string, what: string = member): XmlElement {
    const e = this.entry(member);
    if (!e) throw new FormatError(`no file ${JSON.stringify(member)} in the package`);
    // Refuse by the declared size before inflating anything.
    if (e.uncompressedSize > this.limits.maxXmlBytes) {
      throw new LimitError(`${what} of ${e.uncompressedSize} bytes exceeds the ${this.limits.maxXmlBytes}-byte XML limit`);
    }
    this.#xmlBytes += e.uncompressedSize;
    if (this.#xmlBytes > this.limits.maxXmlTotalBytes) throw new LimitError(`parsing ${what} would take the XML parsed to more than ${this.limits.maxXmlTotalBytes} bytes`);
    // A part parsed before (by this view or another of the package) is charged as if read and parsed again.
    const parsed = this.#parsed.trees.get(member);
    if (parsed) {
      this.#spendRead(member, e);
      return parsed;
    }
    const root = parseXml(this.read(member), { maxBytes: this.limits.maxXmlBytes, maxDepth: this.limits.maxXmlDepth, maxElements: this.limits.maxXmlElements }, what);
    if (e.uncompressedSize <= CACHE_PART_BYTES && this.#parsed.bytes + e.uncompressedSize <= CACHE_TOTAL_BYTES) {
      this.#parsed.trees.set(member, root);
      this.#parsed.bytes += e.uncompressedSize;
    }
    return root;
  }

  resolve(loc: string, from: string): string {
    return resolveLoc(loc, from);
  }

  spendReferences(n: number, what: string): void {
    this.#references += n;
    if (this.#references > this.limits.maxTotalReferences) {
      throw new ReferenceBudgetError(`${what} takes the references of all signatures to ${this.#references}, over the package limit of ${this.limits.maxTotalReferences}`);
    }
  }
}

/**
 * Open an OFD package held in memory. Throws FormatError ("not an OFD package" for a ZIP without OFD.xml),
 * LimitError or UnsupportedError. Nothing is extracted to disk; members are inflated when read.
 */
export function openOfd(bytes: Uint8Array, limits?: Partial<OfdLimits>): OfdPackage {
  const l = ofdLimits(limits);
  return new Package(readZip(bytes, l), l);
}

/** The OFD model of an already opened ZIP (lets a caller tell ZIP damage from OFD structure errors). */
export function ofdFromZip(zip: ZipArchive, limits?: Partial<OfdLimits>): OfdPackage {
  return new Package(zip, ofdLimits(limits));
}
