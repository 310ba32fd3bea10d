// GM/T 0031-2014 TBS_Sign.timeInfo is a BIT STRING ("timestamp or UTCTime"); real producers put ASCII text in it:
// dms360 writes ISO-8601 with Z ("2020-01-25T07:31:56.377Z"), ofdrw's v1 writer "yyyy-MM-dd HH:mm:ss" in local time.

export interface V1Time {
  date: Date;
  /** True when the text had no zone and China Standard Time (UTC+8) was assumed. */
  assumedZone: boolean;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;
const UTC_TEXT = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;

/** The instant a v1 timeInfo text names, or undefined when it is no date-time this reader knows. */
export function parseV1TimeText(text: string): V1Time | undefined {
  let m = ISO.exec(text) ?? COMPACT.exec(text);
  let year: number;
  if (m) year = Number(m[1]);
  else {
    m = UTC_TEXT.exec(text);
    if (!m) return undefined;
    const yy = Number(m[1]);
    year = yy < 50 ? 2000 + yy : 1900 + yy;
    m = [m[0], String(year), m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, undefined, 'Z'] as unknown as RegExpExecArray;
  }
  const [mo, d, h, mi, s] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const zone = m[8];
  let offsetMin = 8 * 60;
  if (zone === 'Z') offsetMin = 0;
  else if (zone) {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    offsetMin = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
    if (Number(z[2]) > 23 || Number(z[3]) > 59) return undefined;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const dt = new Date(0);
  dt.setUTCFullYear(year, mo - 1, d);
  dt.setUTCHours(h, mi, s, ms);
  if (dt.getUTCDate() !== d) return undefined;
  return { date: new Date(dt.getTime() - offsetMin * 60_000), assumedZone: zone === undefined };
}
