// Public key import: PEM "PUBLIC KEY" / "RSA PUBLIC KEY", DER SPKI, or the key of an X.509 certificate.
import { createPublicKey } from 'node:crypto';
import { FormatError, HeyanError } from '../../errors.js';
import type { PublicKey } from '../types.js';
import * as D from '../lib/der.js';
import { decodePem, isPem } from '../lib/pem.js';
import { publicKeyFromSpki } from './spki.js';
import { publicKeyFromKeyObject } from './node-key.js';

/** The SubjectPublicKeyInfo inside a DER certificate (tbsCertificate field 7, or 6 without [0] version). */
export function spkiFromCertificate(cert: Uint8Array): Uint8Array {
  const top = D.children(cert, D.readRoot(cert, D.TAG_SEQUENCE));
  const tbs = D.children(cert, D.expectTag(top[0], D.TAG_SEQUENCE, 'tbsCertificate'));
  const i = tbs[0]?.tag === 0xa0 ? 6 : 5;
  return D.encoding(cert, D.expectTag(tbs[i], D.TAG_SEQUENCE, 'subjectPublicKeyInfo'));
}

function fromDer(der: Uint8Array): PublicKey {
  const kids = D.children(der, D.readRoot(der, D.TAG_SEQUENCE));
  // A certificate's first element is a SEQUENCE (tbsCertificate) holding more SEQUENCEs;
  // an SPKI's first element is the AlgorithmIdentifier starting with an OID.
  const first = kids[0];
  if (first?.tag === D.TAG_SEQUENCE && kids.length === 3) {
    const inner = D.children(der, first);
    if (inner[0]?.tag !== D.TAG_OID) return publicKeyFromSpki(Uint8Array.from(spkiFromCertificate(der)));
  }
  return publicKeyFromSpki(der);
}

/** Import a public key from PEM or DER (SPKI, PKCS#1 RSA, or a certificate). */
export function importPublicKey(input: Uint8Array | string): PublicKey {
  try {
    if (isPem(input)) {
      const block = decodePem(input).find((b) => ['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE'].includes(b.label));
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
