// Whether an input is a CMS SignedData without encapsulated content (a detached signature that needs its content
// supplied). Lets the CLI pick `X` for `X.p7s` only when that is what the signature needs. Never throws.
import { sniff } from './sniff.js';
import { walk } from './asn1-shape.js';

export function isDetachedSignedData(input: Uint8Array): boolean {
  try {
    const item = sniff(input).items[0];
    if (item?.kind !== 'signed-data') return false;
    const { root } = walk(item.der);
    // ContentInfo → [0] → SignedData → encapContentInfo (3rd element) holds only eContentType when detached.
    const encap = root.children?.[1]?.children?.[0]?.children?.[2];
    return encap?.id === 0x30 && (encap.children?.length ?? 0) === 1;
  } catch {
    return false;
  }
}
