// Extensions ::= SEQUENCE OF Extension, as they appear in TSTInfo ([1] IMPLICIT) and TimeStampReq ([0] IMPLICIT).
import { FormatError } from '../errors.js';
import { TAG_BOOLEAN, children, readBoolean, readOctetString, readOid, readSequence, type El } from '../asn1/index.js';
import { MAX_EXTENSIONS } from './limits.js';
import type { TsExtension } from './types.js';

/** The extensions inside an implicitly tagged Extensions element. */
export function readExtensions(e: El, what: string): TsExtension[] {
  const list = children(e, what, MAX_EXTENSIONS);
  if (list.length === 0) throw new FormatError(`${what}: empty Extensions`);
  const out = list.map((x) => {
    const f = readSequence(x, `${what} Extension`, 3);
    const oid = readOid(f[0], `${what} extnID`);
    let i = 1;
    let critical = false;
    if (f[i]?.tag === TAG_BOOLEAN) critical = readBoolean(f[i++], `${what} critical`);
    const value = readOctetString(f[i++], `${what} extnValue`).slice();
    if (i !== f.length) throw new FormatError(`${what}: bad Extension`);
    return { oid, critical, value };
  });
  const seen = new Set<string>();
  for (const x of out) {
    if (seen.has(x.oid)) throw new FormatError(`${what}: extension ${x.oid} repeated`);
    seen.add(x.oid);
  }
  return out;
}
