// PDF recognition: viewers accept the `%PDF-` header anywhere in the first 1024 bytes (junk before it is common).
const MARK = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

export function looksLikePdf(b: Uint8Array): boolean {
  const n = Math.min(b.length, 1024) - MARK.length;
  outer: for (let i = 0; i <= n; i++) {
    for (let k = 0; k < MARK.length; k++) if (b[i + k] !== MARK[k]) continue outer;
    return true;
  }
  return false;
}
