// Area codes (GB/T 2260 administrative divisions, 6 digits; 9- and 12-digit township codes extend them). An issuer
// allowed for an area may issue for every division inside it: '33' or '330000' (Zhejiang) covers '330106'.

/** The prefix an allowed area code stands for: trailing '00' pairs of a 6-digit code are dropped ('330100' → '3301'). */
export function areaPrefix(allowed: string): string {
  if (allowed === '*' || allowed === '000000' || allowed === '100000') return '';
  let p = allowed;
  if (/^\d{6}$/.test(p)) while (p.length > 2 && p.endsWith('00')) p = p.slice(0, -2);
  return p;
}

/** The licence's area code lies inside the allowed area. */
export function areaCovers(allowed: string, areaCode: string): boolean {
  if (!/^\d{2,12}$/.test(areaCode)) return allowed === '*';
  return areaCode.startsWith(areaPrefix(allowed));
}
