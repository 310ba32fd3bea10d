// Type="Seal" (also when Type is absent): SignedValue.dat is an SES_Signature (v1/v4/v5) whose dataHash covers the
// stored bytes of Signature.xml; the seal, the signer and the time policy are the seal module's checks. This file
// adds the OFD side: propertyInfo should name this Signature.xml, and the separate Seal.esl (when named) is handed
// to the seal verifier, which requires it to equal the embedded seal.
import { sm2Z } from '../crypto/sm2/index.js';
import { Certificate } from '../pki/index.js';
import { check } from '../report/check.js';
import type { Check } from '../report/types.js';
import { decodeSesSignature, verifySesSignature, type SesDetails, type SesSignatureInfo } from '../seal/index.js';
import { OFD_CHECKS as C } from './checks.js';
import { displayPath } from './loc.js';
import type { SignatureContext } from './verify-context.js';
import type { TypeOutcome } from './verify-sign.js';

function decode(signedValue: Uint8Array): SesSignatureInfo | undefined {
  try {
    return decodeSesSignature(signedValue);
  } catch {
    return undefined;
  }
}

/** Z (default ID) of the SES signer's SM2 key, for dms360's SM3(Z ‖ file) reference digests. */
export function sesSignerZ(signedValue: Uint8Array): Uint8Array | undefined {
  try {
    const info = decode(signedValue);
    if (!info) return undefined;
    const point = Certificate.fromDer(info.signerCertificate).tryPublicKey()?.point;
    return point ? sm2Z(point) : undefined;
  } catch {
    return undefined;
  }
}

export function verifySeal(ctx: SignatureContext, signaturePath: string, signatureXml: Uint8Array, signedValue: Uint8Array, sealFile: Uint8Array | undefined): TypeOutcome {
  const { opts } = ctx;
  const checks: Check[] = [];
  const info = decode(signedValue);
  const report = verifySesSignature({
    signature: info ?? signedValue,
    data: signatureXml,
    time: ctx.time,
    ...(opts.trust ? { trust: opts.trust } : {}),
    ...(opts.crls ? { crls: opts.crls } : {}),
    // SES signatures carry no intermediates: certificates the caller supplies (--cert) complete the paths.
    ...(opts.certificates ? { intermediates: opts.certificates } : {}),
    ...(opts.revocation !== undefined ? { revocation: opts.revocation } : {}),
    ...(opts.policy ? { policy: opts.policy } : {}),
    ...(sealFile ? { sealFile } : {}),
  });
  checks.push(...report.checks);
  const own: Check[] = [];
  const expected = displayPath(signaturePath);
  if (!info) own.push(check(C.propertyInfo, 'skipped'));
  else {
    const written = info.toSign.propertyInfo;
    const ok = written === expected || written === signaturePath;
    own.push(
      ok
        ? check(C.propertyInfo, 'passed', { details: { propertyInfo: written } })
        : check(C.propertyInfo, 'warning', {
            message: { zh: `${C.propertyInfo.warning!.zh}：${written}（应为 ${expected}）`, en: `${C.propertyInfo.warning!.en}: ${JSON.stringify(written)} (expected ${expected})` },
            details: { propertyInfo: written, expected },
          }),
    );
  }
  checks.push(...own);
  return {
    checks,
    verdict: report.subIndication ? { indication: report.indication, subIndication: report.subIndication } : { indication: report.indication },
    fill: (r) => {
      if (report.ses) (r as { ses?: SesDetails }).ses = report.ses;
      if (report.signer) r.signer = report.signer;
      if (report.chain) r.chain = report.chain;
      if (report.signingTime) r.signingTime = report.signingTime;
      if (report.timestamp) r.timestamp = report.timestamp;
      if (report.algorithm) r.algorithm = report.algorithm;
    },
  };
}
