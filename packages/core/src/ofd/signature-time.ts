// SignatureDateTime as vendors write it (reference §7.4): 20201010151120, 20201004072855.302Z, 20200620091849Z,
// 2020-06-20 17:18:49, 2020-01-25T07:31:56.377Z. Informational only: the signing time used for policy is the SES
// timeInfo or a timestamp. A time without a zone is taken as China Standard Time (UTC+8), where these are written.

export interface StatedTime {
  /** As written. */
  written: string;
  /** ISO-8601 UTC, when it could be read. */
  iso?: string;
  /** The text carried no zone and UTC+8 was assumed. */
  zoneAssumed?: boolean;
}

const RE = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ]?(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

export function parseSignatureDateTime(written: string): StatedTime {
  const s = written.trim();
  const out: StatedTime = { written: s };
  const m = RE.exec(s);
  if (!m) return out;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', zone] = m;
  const ms = Number((frac + '000').slice(0, 3));
  const parts = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(sec)];
  const [Y, M, D, H, Mi, S] = parts as [number, number, number, number, number, number];
  if (M < 1 || M > 12 || D < 1 || D > 31 || H > 23 || Mi > 59 || S > 60) return out;
  let offsetMin = 8 * 60;
  if (zone === undefined) out.zoneAssumed = true;
  else if (zone === 'Z') offsetMin = 0;
  else {
    const z = zone.replace(':', '');
    offsetMin = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
  }
  const t = Date.UTC(Y, M - 1, D, H, Mi, S, ms) - offsetMin * 60_000;
  const date = new Date(t);
  // Reject rolled-over dates (Feb 30 and the like).
  const check = new Date(t + offsetMin * 60_000);
  if (check.getUTCDate() !== D || check.getUTCMonth() !== M - 1) return out;
  if (!Number.isNaN(date.getTime())) out.iso = date.toISOString();
  return out;
}
