// The Document Security Store (ISO 32000-2 12.8.4.3, ETSI EN 319 142-1 5.4): /Root /DSS with /Certs /CRLs /OCSPs
// (arrays of streams, possibly indirect) and /VRI (per-signature entries keyed by the upper-case hex SHA-1 of the
// signature value). Streams are returned decoded; counts are bounded.
import { pdfDate } from './date.js';
import { pdfText } from './text.js';
import type { PdfDocument, PdfObj } from './types.js';

export interface VriEntry {
  certs: Uint8Array[];
  crls: Uint8Array[];
  ocsps: Uint8Array[];
  /** /TU: when the VRI data was gathered. */
  tu?: Date;
  /** /TS: a timestamp token over the VRI data, decoded. */
  ts?: Uint8Array;
}

export interface Dss {
  certs: Uint8Array[];
  crls: Uint8Array[];
  ocsps: Uint8Array[];
  vri: Map<string, VriEntry>;
  /** A count limit was reached or an item could not be read (not a stream, undecodable). */
  incomplete?: boolean;
}

export interface DssLimits {
  /** Most items per array. */
  maxItems: number;
  maxVriEntries: number;
}

export const DEFAULT_DSS_LIMITS: DssLimits = { maxItems: 10_000, maxVriEntries: 10_000 };

/** The DSS as of `rev` (default: the last revision); undefined when there is none. Never throws. */
export function readDss(doc: PdfDocument, rev?: number, limits: Partial<DssLimits> = {}): Dss | undefined {
  const lim = { ...DEFAULT_DSS_LIMITS, ...limits };
  try {
    const R = (o: PdfObj | undefined): PdfObj | undefined => doc.resolve(o, rev);
    const dss = R(doc.catalog(rev)?.get('DSS'));
    if (dss?.t !== 'dict') return undefined;
    const out: Dss = { certs: [], crls: [], ocsps: [], vri: new Map() };
    const streams = (o: PdfObj | undefined): Uint8Array[] => {
      const a = R(o);
      const res: Uint8Array[] = [];
      if (a === undefined) return res;
      if (a.t !== 'array') {
        out.incomplete = true;
        return res;
      }
      for (const item of a.v) {
        if (res.length >= lim.maxItems) {
          out.incomplete = true;
          break;
        }
        const s = R(item);
        const data = s?.t === 'stream' ? doc.streamData(s) : undefined;
        if (data) res.push(data);
        else out.incomplete = true;
      }
      return res;
    };
    out.certs = streams(dss.v.get('Certs'));
    out.crls = streams(dss.v.get('CRLs'));
    out.ocsps = streams(dss.v.get('OCSPs'));
    const vri = R(dss.v.get('VRI'));
    if (vri?.t === 'dict') {
      for (const [key, val] of vri.v) {
        if (out.vri.size >= lim.maxVriEntries) {
          out.incomplete = true;
          break;
        }
        const e = R(val);
        if (e?.t !== 'dict') {
          out.incomplete = true;
          continue;
        }
        const entry: VriEntry = { certs: streams(e.v.get('Cert')), crls: streams(e.v.get('CRL')), ocsps: streams(e.v.get('OCSP')) };
        const tu = pdfText(R(e.v.get('TU')));
        const d = tu === undefined ? undefined : pdfDate(tu);
        if (d) entry.tu = d;
        const ts = R(e.v.get('TS'));
        const tsData = ts?.t === 'stream' ? doc.streamData(ts) : undefined;
        if (tsData) entry.ts = tsData;
        out.vri.set(key.toUpperCase(), entry);
      }
    } else if (vri !== undefined) out.incomplete = true;
    return out;
  } catch {
    return undefined;
  }
}
