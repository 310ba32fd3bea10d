// PDF dates (ISO 32000 7.9.4): `D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year optional. Without a time zone
// the time is read as UTC (the standard leaves it unknown; UTC keeps results reproducible across machines).

const RE = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])(?:00'?(?:00'?)?)?|([+-])(\d{2})'?(?:(\d{2})'?)?)?$/;

/** Parse a PDF date string; undefined when it is not one or a field is out of range. */
export function pdfDate(s: string): Date | undefined {
  if (typeof s !== 'string') return undefined;
  const m = RE.exec(s.trim());
  if (!m) return undefined;
  const num = (x: string | undefined, d: number): number => (x === undefined ? d : Number(x));
  const year = Number(m[1]);
  const month = num(m[2], 1);
  const day = num(m[3], 1);
  const hour = num(m[4], 0);
  const minute = num(m[5], 0);
  const second = num(m[6], 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (m[8]) {
    const oh = Number(m[9]);
    const om = num(m[10], 0);
    if (oh > 23 || om > 59) return undefined;
    offset = (m[8] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const t = Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000;
  const d = new Date(t);
  // Reject 31 February and the like instead of rolling over.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return Number.isNaN(d.getTime()) ? undefined : d;
}
