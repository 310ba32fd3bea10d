// Help texts. The synopsis lines are the stable CLI contract (docs/decisions.md, README.md).

export const HELP: Record<string, string> = {
  main: `heyan (核验) — verify and issue signatures, certificates and CMS for electronic licences and seals

Usage:
  heyan verify <input...> [--content F] [--signature F --cert F] [--trust P]... [--crl F]... [--at ISO-8601]
               [--json] [--verbose] [--id SM2ID] [--weak warn|fail]
  heyan sign raw|cms --key F [--cert F] [--password P] --content F --out F [--id ID] [--digest D]
               [--flavour pkcs7|gbt35275]
  heyan keys generate --alg sm2|p256|p384|rsa2048|rsa3072|ed25519 --out F [--pub F] [--password P]
  heyan inspect <input> [--json]
  heyan --version
  heyan help [command]

Exit status of verify: 0 every input PASSED, 1 any FAILED, 2 none failed but some INDETERMINATE,
3 usage error or an input that cannot be read.`,
  verify: `Usage: heyan verify <input...> [options]
       heyan verify --signature F --cert F --content F [options]

Verify certificates (PEM/DER, PKCS#7 bundles: the first certificate is validated, the others are
intermediates), CMS/PKCS#7 SignedData (.p7s/.p7m, GB/T 35275), or a raw signature made by "heyan sign raw".

Options:
  --content F      the signed content of a detached CMS signature or of a raw signature
                   (default for X.p7s / X.p7m / X.sig: the file X when it exists)
  --signature F    a raw signature value (DER SEQUENCE{r,s} for SM2/ECDSA, PKCS#1 v1.5 for RSA, Ed25519)
  --cert F         the signer's certificate, optionally followed by intermediates (PEM bundle or PKCS#7)
  --trust P        trust anchors: a file (PEM/DER/PKCS#7) or a folder of them, CRLs too; may repeat
  --crl F          a CRL (PEM or DER); may repeat
  --at TIME        validate at this ISO-8601 time instead of now
  --id SM2ID       SM2 user ID (default 1234567812345678)
  --weak warn|fail what to do with weak algorithms (SHA-1, MD5, RSA < 2048); default warn
  --json           print one JSON object {summary, reports} instead of text
  --verbose        list every check with its id (the detailed report)

Exit status: 0 every input PASSED, 1 any FAILED, 2 none failed but some INDETERMINATE,
3 usage error or an input that cannot be read.`,
  sign: `Usage: heyan sign raw|cms --key F [--cert F] [--password P] --content F --out F [options]

  raw   writes the bare signature value: DER SEQUENCE{r,s} for SM2 and ECDSA, PKCS#1 v1.5 for RSA,
        64 raw bytes for Ed25519. Digest: SM3 for SM2, SHA-256 for P-256 and RSA, SHA-384 for P-384.
  cms   writes a detached DER SignedData with the signer certificate and the intermediates from --cert.

Options:
  --key F           private key: PEM/DER PKCS#8 (encrypted with --password), SEC1, PKCS#1, or PKCS#12
                    (.p12/.pfx with --password; then --cert is optional)
  --cert F          signer certificate, optionally followed by intermediates (needed for cms)
  --password P      password of an encrypted key or PKCS#12
  --content F       the file to sign
  --out F           where to write the signature
  --id ID           SM2 user ID (default 1234567812345678)
  --digest D        sm3 | sha256 | sha384 | sha512 (overrides the default digest)
  --flavour F       cms only: pkcs7 (default) or gbt35275 (Chinese OIDs)`,
  keys: `Usage: heyan keys generate --alg sm2|p256|p384|rsa2048|rsa3072|ed25519 --out F [--pub F] [--password P]

Writes a PKCS#8 PEM private key to --out (encrypted with --password when given, file mode 0600)
and, with --pub, the SubjectPublicKeyInfo PEM public key.`,
  inspect: `Usage: heyan inspect <input> [--json]

Show what a file holds: certificates, CRLs, CMS SignedData (signers, attributes, certificates),
public and private keys (never the private values), PKCS#12 files.`,
};
