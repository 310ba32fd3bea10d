// A certificate given to verify (PEM, DER, or a PEM/PKCS#7 bundle): the first certificate is validated at the
// validation time, the others serve as intermediates. One SignatureReport of kind 'certificate'.
import { signatureAlgorithmName } from '../crypto/index.js';
import type { Certificate } from '../pki/index.js';
import { check } from '../report/check.js';
import type { SignatureReport } from '../report/types.js';
import { VERIFY_CHECKS as C } from './checks.js';
import { validateSigner, type SignerPathOptions } from './signer-path.js';

export function verifyCertificateInput(certificates: readonly Certificate[], opts: SignerPathOptions = {}): SignatureReport {
  const [leaf, ...intermediates] = certificates;
  if (!leaf) {
    const c = check(C.bundle, 'failed');
    return { index: 0, kind: 'certificate', indication: 'FAILED', subIndication: 'FORMAT_FAILURE', checks: [c] };
  }
  const report: SignatureReport = { index: 0, kind: 'certificate', indication: 'INDETERMINATE', signer: leaf.summary(), checks: [] };
  const alg = signatureAlgorithmName(leaf.signatureAlgorithm);
  report.algorithm = alg ?? leaf.signatureAlgorithm.oid;
  if (intermediates.length > 0) report.checks.push(check(C.bundle, 'passed', { details: { intermediates: intermediates.length } }));
  const path = validateSigner(leaf, intermediates, opts, 'failed', 'any');
  report.checks.push(...path.checks);
  if (path.chain) report.chain = path.chain;
  report.indication = path.verdict.indication;
  if (path.verdict.subIndication) report.subIndication = path.verdict.subIndication;
  return report;
}
