// Help texts. The synopsis lines are the stable CLI contract (docs/decisions.md, README.md).

export const HELP: Record<string, string> = {
  main: `heyan (核验) — verify and issue signatures, certificates and CMS for electronic licences and seals

Usage:
  heyan verify <input...> [--content F] [--signature F --cert F] [--trust P]... [--crl F]... [--at ISO-8601]
               [--json] [--verbose] [--id SM2ID] [--weak warn|fail]
  heyan sign raw|cms --key F [--cert F] [--password P] --content F --out F [--id ID] [--digest D]
               [--flavour pkcs7|gbt35275]
  heyan sign ofd --seal S.esl --key F [--cert F] [--password P] [--page N] [--at x,y] [--size w,h]
               [--protect-all] [--tsa-key F --tsa-cert F] IN.ofd --out OUT.ofd
  heyan keys generate --alg sm2|p256|p384|rsa2048|rsa3072|ed25519 --out F [--pub F] [--password P]
  heyan inspect <input> [--json]
  heyan seal create --maker-key K [--maker-cert C] --signer-cert S [--signer-cert S2 ...] --name NAME --esid ID
               --picture P.png --size WxH [--valid-from ISO --valid-to ISO] [--type N] [--version 4|5]
               [--cert-digests] [--password P] [--vid V] --out seal.esl
  heyan seal inspect <seal.esl | SignedValue.dat> [--json]
  heyan seal picture <seal.esl | SignedValue.dat> [--out P.png]
  heyan --version
  heyan help [command]

Exit status of verify: 0 every input PASSED, 1 any FAILED, 2 none failed but some INDETERMINATE,
3 usage error or an input that cannot be read.`,
  verify: `Usage: heyan verify <input...> [options]
       heyan verify --signature F --cert F --content F [options]

Verify certificates (PEM/DER, PKCS#7 bundles: the first certificate is validated, the others are
intermediates), CMS/PKCS#7 SignedData (.p7s/.p7m, GB/T 35275), or a raw signature made by "heyan sign raw".
Electronic seals (.esl) and seal signatures (SES_Signature; --content is the data whose hash it signs).

Options:
  --content F      the signed content of a detached CMS signature, of a raw signature, or of a seal signature
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
  --flavour F       cms only: pkcs7 (default) or gbt35275 (Chinese OIDs)

       heyan sign ofd --seal S.esl --key F [--cert F] [--password P] IN.ofd --out OUT.ofd [options]

  ofd   adds an electronic-seal signature (SES_Signature, GB/T 38540; Type="Seal") to an OFD, laid out as
        ofdrw does, with the stamp shown on a page. The signer certificate must be in the seal's certList.
  --seal F          the seal (.esl: DER SESeal v4 or v5)
  --page N          the page that shows the stamp, from 1 (default 1)
  --at x,y          top-left corner of the stamp in mm from the page's top-left (default near bottom-right)
  --size w,h        stamp size in mm (default: the seal picture's size)
  --protect-all     protect Signatures.xml too (WholeProtected): no further signature can be added
  --tsa-key F --tsa-cert F
                    timestamp the signature value with an in-process TSA (key + certificate with the
                    timeStamping extended key usage)`,
  keys: `Usage: heyan keys generate --alg sm2|p256|p384|rsa2048|rsa3072|ed25519 --out F [--pub F] [--password P]

Writes a PKCS#8 PEM private key to --out (encrypted with --password when given, file mode 0600)
and, with --pub, the SubjectPublicKeyInfo PEM public key.`,
  inspect: `Usage: heyan inspect <input> [--json]

Show what a file holds: certificates, CRLs, CMS SignedData (signers, attributes, certificates),
public and private keys (never the private values), PKCS#12 files.`,
  seal: `Usage: heyan seal create|inspect|picture ...

Electronic seals (电子印章, .esl: SESeal of GM/T 0031-2014, GB/T 38540-2020, GM/T 0031-2025) and seal
signatures (电子签章: SES_Signature, e.g. an OFD SignedValue.dat of Type="Seal").

  heyan seal create --maker-key K [--maker-cert C] --signer-cert S [--signer-cert S2 ...] --name NAME
                    --esid ID --picture P.png --size WxH --out seal.esl [options]
      Make a seal signed by the seal maker (制章者). DER, GeneralizedTime, SM2 with SM3 for SM2 keys.
      --maker-key K     the maker's private key: PKCS#8 PEM/DER (encrypted with --password) or PKCS#12
      --maker-cert C    the maker's certificate (optional with a PKCS#12 key that holds it)
      --signer-cert S   a signer (签章者) allowed to use the seal; repeat for several (the first certificate
                        of each file is taken)
      --name NAME       印章名称; --esid ID: the unique seal code (IA5 text); --type N: 印章类型 (default 1)
      --picture P       the stamp image: PNG, JPEG, GIF, BMP, SVG or an OFD (type taken from the bytes)
      --size WxH        printed size in millimetres, e.g. 40x40
      --valid-from ISO  start of validity (default now); --valid-to ISO: end (default: when the first
                        signer certificate expires)
      --version 4|5     4 = GB/T 38540-2020 (default), 5 = GM/T 0031-2025
      --cert-digests    list the signers as SM3 digests (certListType 2) instead of certificates
      --vid V           vendor id in the header (default heyan)
  heyan seal inspect FILE [--json]
      Every field of a seal or a seal signature (the embedded seal included), readable or as JSON;
      non-standard encodings that were accepted are listed.
  heyan seal picture FILE [--out P.png]
      Write the stamp image; the extension follows the image type (default: FILE with it).

Verify a seal or a seal signature with: heyan verify FILE [--content DATA] [--trust P] [--at ISO]`,
};
