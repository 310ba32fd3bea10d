// Key order of the JSON view of a Report, per object type (shared by toJsonValue and toJsonText). Keys unknown
// to a shape follow its known ones in sorted order; `children` names the shape of a known key's value.
export type ShapeName = 'report' | 'input' | 'signature' | 'check' | 'message' | 'certificate' | 'timestamp' | 'batch' | 'summary';
export type Shape = { keys: readonly string[]; children?: Readonly<Record<string, ShapeName>> };

export const SHAPES: Record<ShapeName, Shape> = {
  report: {
    keys: ['input', 'format', 'indication', 'subIndication', 'validationTime', 'signatures', 'license', 'checks', 'advice'],
    children: { input: 'input', signatures: 'signature', checks: 'check', advice: 'message' },
  },
  input: { keys: ['name', 'sha256', 'size'] },
  signature: {
    keys: [
      'index', 'kind', 'indication', 'subIndication', 'signer', 'chain', 'signingTime', 'timestamp', 'algorithm',
      'coverage', 'modifications', 'checks',
    ],
    children: { signer: 'certificate', chain: 'certificate', timestamp: 'timestamp', checks: 'check' },
  },
  check: { keys: ['id', 'status', 'subIndication', 'message', 'details'], children: { message: 'message' } },
  message: { keys: ['zh', 'en'] },
  certificate: {
    keys: ['subject', 'issuer', 'serialNumber', 'notBefore', 'notAfter', 'publicKeyAlgorithm', 'fingerprintSha256'],
  },
  timestamp: { keys: ['time', 'tsa', 'indication', 'subIndication'], children: { tsa: 'certificate' } },
  batch: { keys: ['summary', 'reports'], children: { summary: 'summary', reports: 'report' } },
  summary: { keys: ['total', 'passed', 'failed', 'indeterminate'] },
};

/** Nesting beyond which an object or array is written as null. */
export const MAX_DEPTH = 64;
