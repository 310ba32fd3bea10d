// Labels of the certificate summary fields (Certificate.summary() and the certificate description), shared by
// `heyan inspect` and `heyan seal inspect` so a certificate reads the same in both.
export const CERTIFICATE_LABELS: Readonly<Record<string, string>> = {
  subject: '主体 Subject',
  issuer: '颁发者 Issuer',
  serialNumber: '序列号 Serial',
  notBefore: '生效 Not before',
  notAfter: '失效 Not after',
  publicKeyAlgorithm: '公钥 Public key',
  signatureAlgorithm: '签名算法 Signature algorithm',
  fingerprintSha256: 'SHA-256 指纹 Fingerprint',
};
