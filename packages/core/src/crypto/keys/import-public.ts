// Public key import: PEM "PUBLIC KEY" / "RSA PUBLIC KEY", DER SPKI, or the key of an X.509 certificate.
import { createPublicKey } from 'node:crypto';
import { FormatError, HeyanError } from '../../errors.js';
import type { PublicKey } from '../types.js';
import { TAG_OID, TAG_SEQUENCE, children, decodePem, encoding, expectTag, looksLikePem, readRoot, readSequence } from '../../asn1/index.js';
import { publicKeyFromSpki } from './spki.js';
import { publicKeyFromKeyObject } from './node-key.js';

const PEM_OPTIONS = { headers: 'parse', maxBlocks: 64, maxChars: 1 << 22 } as const;

/** The SubjectPublicKeyInfo inside a DER certificate (tbsCertificate field 7, or 6 without [0] version). */
export function spkiFromCertificate(cert: Uint8Array): Uint8Array {
  const top = readSequence(readRoot(cert, 'certificate'), 'certificate');
  const tbs = readSequence(top[0], 'tbsCertificate');
  const i = tbs[0]?.tag === 0xa0 ? 6 : 5;
  return encoding(expectTag(tbs[i], TAG_SEQUENCE, 'subjectPublicKeyInfo'));
}

function fromDer(der: Uint8Array): PublicKey {
  const kids = readSequence(readRoot(der, 'public key'), 'public key');
  // A certificate's first element is a SEQUENCE (tbsCertificate) holding more SEQUENCEs;
  // an SPKI's first element is the AlgorithmIdentifier starting with an OID.
  const first = kids[0];
  if (first?.tag === TAG_SEQUENCE && kids.length === 3) {
    const inner = children(first, 'public key', 64);
    if (inner[0]?.tag !== TAG_OID) return publicKeyFromSpki(Uint8Array.from(spkiFromCertificate(der)));
  }
  return publicKeyFromSpki(der);
}

/** Import a public key from PEM or DER (SPKI, PKCS#1 RSA, or a certificate). */
export function importPublicKey(input: Uint8Array | string): PublicKey {
  try {
    if (looksLikePem(input)) {
      const block = decodePem(input, PEM_OPTIONS).find((b) => ['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE'].includes(b.label));
      if (!block) throw new FormatError('no public key PEM block found');
      if (block.label === 'RSA PUBLIC KEY') {
        const ko = createPublicKey({ key: Buffer.from(block.der), format: 'der', type: 'pkcs1' });
        return publicKeyFromKeyObject(ko);
      }
      return fromDer(block.der);
    }
    if (typeof input === 'string') throw new FormatError('public key text is not PEM');
    return fromDer(input);
  } catch (e) {
    if (e instanceof HeyanError) throw e;
    throw new FormatError(`invalid public key: ${(e as Error).message}`, { cause: e });
  }
}
