// Help texts. The synopsis lines are the stable CLI contract (docs/decisions.md, README.md).

export const HELP: Record<string, string> = {
  main: `heyan (核验) — verify and issue signatures, certificates and CMS for electronic licences and seals

Usage:
  heyan verify <input...> [--content F] [--signature F --cert F] [--trust P]... [--crl F]... [--at ISO-8601]
               [--json] [--verbose] [--id SM2ID] [--weak warn|fail]
  heyan sign raw|cms --key F [--cert F] [--password P] --content F --out F [--id ID] [--digest D]
               [--flavour pkcs7|gbt35275]
  heyan sign ofd --seal S.esl --key F [--cert F] [--password P] [--page N] [--at x,y] [--size w,h]
               [--protect-all] [--tsa URL | --tsa-key F --tsa-cert F] IN.ofd --out OUT.ofd
  heyan sign pdf --key F [--cert F] [--password P] [--seal S.esl | --image P.png] [--page N] [--rect x,y,w,h]
               [--reason R] [--tsa URL] [--certify 1|2|3] [--pades | --pkcs7] IN.pdf --out OUT.pdf
  heyan sign pdf-timestamp --tsa URL IN.pdf --out OUT.pdf
  heyan keys generate --alg sm2|p256|p384|rsa2048|rsa3072|ed25519 --out F [--pub F] [--password P]
  heyan inspect <input> [--json]
  heyan seal create --maker-key K [--maker-cert C] --signer-cert S [--signer-cert S2 ...] --name NAME --esid ID
               --picture P.png --size WxH [--valid-from ISO --valid-to ISO] [--type N] [--version 4|5]
               [--cert-digests] [--password P] [--vid V] --out seal.esl
  heyan seal inspect <seal.esl | SignedValue.dat> [--json]
  heyan seal picture <seal.esl | SignedValue.dat> [--out P.png]
  heyan code check VALUE... [--kind uscc|id|license] [--json]
  heyan license types [--json] [--types DIR]
  heyan license example --type T [--types DIR]
  heyan credential issue --record R.json --key K --cert chain.pem [--password P] [--alg A]
               [--registry DB | --status-index N [--status-list ID]] --out L.jws
  heyan qr encode L.jws --out qr.png|qr.svg | heyan qr payload L.jws | heyan qr decode scan.png
  heyan verify --qr TEXT | --qr-image scan.png [--trust P] [--at ISO-8601] [--json]
  heyan verify <input...> --bundle B --bundle-root F [--bundle-signer F] [--bundle-state F] [--bundle-grace D] ...
  heyan verify L.jws --registry DB ...   (licence status, reason and date from the issuer registry)
  heyan license register --registry DB --record R.json [--status-index N]
  heyan license revoke|suspend|reinstate --registry DB --id IDENTIFIER --reason TEXT [--actor NAME] [--at ISO]
  heyan license status --registry DB --id IDENTIFIER [--at ISO] [--history] [--json]
  heyan status-list publish --registry DB --issuer USCC --key K --cert C [--valid-for 7d] --out list.jws
  heyan status-list check LIST --index N [--trust P]... [--bundle B --bundle-root F] [--at ISO] [--json]
  heyan bundle create --config bundle.json --key K --cert C [--password P] --out B.hytb
  heyan bundle verify B --bundle-root ROOT [--bundle-signer F] [--bundle-state F] [--at ISO] [--grace D] [--json]
  heyan bundle inspect B [--json]
  heyan tsa serve --key K --cert C [--chain F] [--password P] [--port 3180] [--host 127.0.0.1] [--policy OID]
               [--digest D]
  heyan --version
  heyan help [command]

Exit status of verify: 0 every input PASSED, 1 any FAILED, 2 none failed but some INDETERMINATE,
3 usage error or an input that cannot be read.`,
  verify: `Usage: heyan verify <input...> [options]
       heyan verify --signature F --cert F --content F [options]

Verify certificates (PEM/DER, PKCS#7 bundles: the first certificate is validated, the others are
intermediates), CMS/PKCS#7 SignedData (.p7s/.p7m, GB/T 35275), or a raw signature made by "heyan sign raw".
Electronic seals (.esl) and seal signatures (SES_Signature; --content is the data whose hash it signs).
Licence credentials (compact JWS, e.g. L.jws from "heyan credential issue") and licence QR texts (HY1:...);
a licence is accepted only with a trust bundle that authorises its issuer, and with its status known.
Signed PDFs: every signature and document timestamp, with coverage, changes after signing and PAdES level.

Options:
  --content F      the signed content of a detached CMS signature, of a raw signature, or of a seal signature
                   (default for X.p7s / X.p7m / X.sig: the file X when it exists)
  --signature F    a raw signature value (DER SEQUENCE{r,s} for SM2/ECDSA, PKCS#1 v1.5 for RSA, Ed25519)
  --cert F         the signer's certificate, optionally followed by intermediates (PEM bundle or PKCS#7)
  --trust P        trust anchors: a file (PEM/DER/PKCS#7) or a folder of them, CRLs too; may repeat
  --crl F          a CRL (PEM or DER); may repeat
  --revocation require|if-available|off
                   certificate revocation checking (CRLs from --crl/--trust/the signature, OCSP responses
                   embedded in it; nothing is fetched). require: no usable, current CRL or OCSP response for a
                   certificate is INDETERMINATE; if-available (default): checked when such data is at hand;
                   off: not checked (the check is reported as skipped)
  --at TIME        validate at this ISO-8601 time instead of now
  --id SM2ID       SM2 user ID (default 1234567812345678)
  --weak warn|fail what to do with weak algorithms (SHA-1, MD5, RSA < 2048); default warn
  --qr TEXT        verify the text of a licence QR code (HY1:...) instead of input files
  --qr-image F     read the licence QR code from a PNG photo or scan and verify it
  --bundle B       a signed trust bundle (heyan bundle create): its roots, intermediates and CRLs are trusted
                   for every input, its issuers and status lists decide licences. A bundle that is refused
                   (bad signature, rollback: FAILED; past its next update: INDETERMINATE/TRY_LATER) turns
                   every input into that verdict with the advice to refresh it
  --bundle-root F  the root a trust bundle's signer must chain to (pinned); may repeat; required with
                   --bundle (--trust is not used for bundles)
  --bundle-signer F a pinned bundle signer certificate; may repeat. Without it the signer needs the
                   extended key usage id-kp-heyanTrustBundleSigning (1.3.6.1.4.1.32473.5.1)
  --registry DB    take licence status (with the reason and date of a revocation or suspension) from this
                   issuer registry, opened read-only, instead of status lists
  --bundle-state F the file keeping the highest bundle version seen, for rollback protection
                   (default ~/.heyan/bundle-state.json, or $HEYAN_BUNDLE_STATE)
  --bundle-grace D how long a bundle is still used after its next update, with a warning (e.g. 12h; default 0)
  --pdf-policy licence|general
                   PDF: what may change after a signature. licence (default): only DSS/timestamps and further
                   signatures; annotations and form filling fail unless a DocMDP certification allows them.
                   general: annotations and form filling are warnings (as pyHanko/EU DSS)
  --jobs N         verify N inputs at a time (default: CPU cores, at most 1 + inputs/64); output as --jobs 1
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
  --tsa URL         an RFC 3161 time-stamping authority over HTTP (e.g. heyan tsa serve): timestamp over
                    the signature value (SES_Signature timeStamp)
  --tsa-digest D    digest of the timestamp imprint (default sm3), e.g. sha256 for an authority that
                    accepts only SHA-2
  --tsa-key F --tsa-cert F
                    timestamp the signature value with an in-process TSA instead (key + certificate with
                    the timeStamping extended key usage)

       heyan sign pdf --key F [--cert F] [--password P] [--seal S.esl | --image P.png] IN.pdf --out OUT.pdf [options]

  pdf   appends a signature to a PDF as one incremental update (earlier signatures stay valid): PAdES B-B
        (ETSI.CAdES.detached) by default, B-T with --tsa; SM2 (SM3), ECDSA or RSA keys. Invisible unless
        --seal or --image is given.
  --seal F          show the seal's picture (PNG or JPEG pictures; the signer must be in its certList)
  --image F         show a PNG (transparency kept) or JPEG image
  --page N          the page that shows it, from 1 (default 1)
  --rect x,y,w,h    position and size in mm from the top-left corner of the page as displayed (its
                    CropBox/MediaBox after /Rotate; the picture is shown upright); sides of at least 1 mm
                    (default: the seal's size, or 40x40, 20 mm from the bottom-right)
  --reason R --location L --name N
                    /Reason, /Location, /Name of the signature dictionary (an empty text: no entry)
  --field F         signature field name (default Signature1, Signature2, ...)
  --tsa URL         an RFC 3161 time-stamping authority over HTTP (e.g. heyan tsa serve): signature timestamp
  --tsa-digest D    digest of the timestamp imprint (default: the signature's digest), e.g. sha256 for an
                    SM2/SM3 signature and an authority that accepts only SHA-2
  --certify 1|2|3   certification signature (DocMDP): 1 no changes, 2 form filling and signing, 3 also
                    annotations; only as the first signature
  --pades           ETSI.CAdES.detached (default)     --pkcs7   adbe.pkcs7.detached (with signing-time)
  --sm2-flavour F   SM2 CMS OIDs: pkcs7 (default, RFC 5652 types + SM2-with-SM3) or gbt35275
  --id ID --digest D  as for sign cms

       heyan sign pdf-timestamp --tsa URL IN.pdf --out OUT.pdf [--digest D] [--field F]

  pdf-timestamp  appends a document timestamp (ETSI.RFC3161) over the whole PDF (default SHA-256)`,
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
  code: `Usage: heyan code check VALUE... [--kind uscc|id|license] [--json]

Check the check characters of codes: unified social credit codes (统一社会信用代码, GB 32100: positions 17
and 18), resident identity numbers (公民身份号码, GB 11643: birth date and MOD 11-2 check; old 15-digit
numbers are recognised and have none), e-licence identifiers (电子证照标识, GB/T 36904: ISO/IEC 7064
MOD 37,36). The kind is detected unless --kind is given. Surrounding spaces are ignored; lower-case letters
are checked as upper case, with a warning.

  --kind K   uscc, id or license: check every value as this kind
  --json     print {"results": [{"value", "kind", "valid", "reason", "expected", ...}]} in input order;
             "expected" is the first wrong check character's right value (for a USCC: position 17 when it
             is wrong, else position 18); USCC results also give "expected17" / "expected18" for each wrong one

Exit status: 0 every value valid, 1 any value not valid, 3 usage error.`,
  license: `Usage: heyan license types [--json] [--types DIR]
       heyan license example --type T [--types DIR]
       heyan license issue --record R.json --key K --cert C --seal S.esl [--password P] [--tsa URL]
                           [--registry DB | --status-list ID --status-index N] --out OUT.pdf|OUT.ofd

Licence types are data: JSON definitions (code, names, holder code type, surface fields, an example record).
  types      list the licence types (shipped: 营业执照, 注册建造师注册证书, 建筑业企业资质证书)
  example    print the example record of a type as JSON; T is its code, its Chinese name or an alias
             such as business-licence, registered-constructor, construction-qualification
  issue      issue a licence document: the record's signed credential (JWS) and signed QR, the page laid
             out per licence type with the embedded CJK font, signed with the issuer's key (PDF: PAdES with the
             seal picture as visible appearance, B-T with --tsa; OFD: sealed with the SES seal, its signature
             value timestamped with --tsa); the format follows the extension of --out; --registry registers
             the licence and uses its status entry (registered before with the same data: a fresh copy with
             the same entry; revoked or suspended: no document)
  --tsa URL    an RFC 3161 time-stamping authority over HTTP (e.g. heyan tsa serve), for PDF and OFD
  --types DIR  add the *.json definitions of a folder to the shipped ones

The issuer registry: heyan license register|revoke|suspend|reinstate|status (see heyan help license-registry).`,
  credential: `Usage: heyan credential issue --record R.json --key K --cert C [options] --out L.jws

Sign a licence record (see "heyan license example") as a credential: a compact JWS (W3C VC 2.0 shaped, typ
vc+jwt, the certificate chain in x5c) that also carries the text of its QR code (heyan qr encode).
SM2 keys sign with SM2SM3 (heyan's documented private JWS algorithm), P-256 ES256, P-384 ES384,
Ed25519 EdDSA, RSA RS256 (or --alg PS256).

Options:
  --record R.json      the licence record (JSON)
  --key K              the issuer's private key (PEM/DER, PKCS#8, encrypted with --password, or PKCS#12)
  --cert C             the issuer's certificate followed by its intermediates, e.g. chain.pem (put into x5c,
                       so verifiers need only the root); a lone leaf certificate works only where the
                       verifier already has the intermediates
  --password P         password of an encrypted key or PKCS#12 file
  --alg A              SM2SM3, ES256, ES384, EdDSA, RS256, PS256 (default: from the key)
  --registry DB        take the status list and entry from the licence's registration (heyan license
                       register); refused when the licence is not registered there or when --status-index
                       differs from the registered entry. Recommended: the credential then points at the list
                       heyan status-list publish signs
  --status-index N     the licence's entry in its issuer's status list (without --registry)
  --status-list ID     the status list id (default urn:heyan:status:<issuer code>:0, the list publish signs)
  --valid-from ISO     override the validity start (default: the record's, 00:00 China time)
  --valid-until ISO    override the validity end (default: the end of the record's last day)
  --id ID              credential id (default urn:heyan:license:<identifier>)
  --lenient            issue even when code check characters are wrong (they are reported when verified)
  --out L.jws          where to write the credential

Exit status: 0 issued, 1 the record or key was refused, 3 usage error.`,
  qr: `Usage: heyan qr encode L.jws --out qr.png|qr.svg [--ecc L|M|Q|H] [--scale N]
       heyan qr payload L.jws
       heyan qr decode scan.png

The licence QR text (HY1: + Base45 of a compressed COSE_Sign1 over the key licence fields) is made and signed
when the credential is issued; these commands need no key.
  encode    draw the QR code of a credential (or of a QR text file) as PNG or SVG (default ECC Q, 8 px/module)
  payload   print the QR text of a credential
  decode    print the text of the QR code found in a PNG photo or scan

Verify a QR code with "heyan verify --qr TEXT" or "heyan verify --qr-image scan.png".`,
  'license-registry': `Usage: heyan license register --registry DB --record R.json [options]
       heyan license revoke|suspend|reinstate --registry DB --id IDENTIFIER --reason TEXT [--actor NAME] [--at ISO]
       heyan license status --registry DB --id IDENTIFIER [--at ISO] [--history] [--json]

The issuer registry (an SQLite file): issued licences, their status-list entries and every status change.
  register    add a licence record (JSON, checked like "heyan code check" and the licence type); creates DB
              --status-index N   the status list entry (default: a random free one, for herd privacy)
              --status-list L    which of the issuer's lists (with --status-index; default 0)
              --credential-id ID the id of the signed credential, if any
              --at ISO           when it became valid (default: its issue date, 00:00 China time)
  suspend     暂扣: a valid licence becomes suspended
  reinstate   恢复: a suspended licence becomes valid again (revocation is final)
  revoke      吊销/撤销: the licence becomes revoked for good
              --reason TEXT (required), --actor NAME (default $HEYAN_ACTOR or $USER),
              --at ISO: when the change takes effect (default now; may be earlier: a retroactive change)
  status      the status at --at (default now), from the history; --history lists every change
Holder codes (ID numbers) are stored only as a keyed digest. Events are append-only.
Exit status of status: 0 valid, 1 suspended or revoked, 2 not yet in effect, 3 usage error or unknown licence.`,
  'status-list': `Usage: heyan status-list publish --registry DB --issuer USCC --key K --cert C [options] --out list.jws
       heyan status-list check LIST --index N [--trust P]... [--bundle B --bundle-root F [--bundle-signer F]] [--at ISO] [--json]

  publish   sign the issuer's current statuses as a W3C Bitstring Status List credential (compact JWS, 2 bits
            per licence: valid / suspended / revoked; 131 072 entries), id urn:heyan:status:<USCC>:<list>
            --list N          which of the issuer's lists (default 0)
            --valid-from ISO  start of the list's validity and the time the statuses are taken at (default now)
            --valid-for D     how long verifiers may use it (default 7d); after that a verifier reports the
                              licence status as INDETERMINATE/TRY_LATER, never as valid or revoked
            --password P      password of an encrypted key or PKCS#12
  check     read one entry of a list after checking its signature, signer and freshness
            --issuer C        the credential issuer's certificate: the list must be signed by it (or, with
                              --bundle, by another certificate of the same authority)
Exit status of check: 0 valid, 1 suspended, revoked or refused, 2 cannot tell (stale, untrusted), 3 usage error.`,
  bundle: `Usage: heyan bundle create --config bundle.json --key K --cert C [--password P] --out B.hytb
       heyan bundle verify B --bundle-root ROOT [--bundle-signer F]... [--bundle-state F] [--at ISO] [--grace D] [--json] [--verbose]
       heyan bundle inspect B [--json]

An offline trust bundle: roots, intermediates, CRLs, the issuing authorities (code, name, signing certificates,
licence types and areas they may issue) and current status lists, with a version, issuedAt and nextUpdate,
signed as a CMS SignedData (SM2: GB/T 35275). Windows install it by USB or intranet and verify offline.
  create    the config is JSON; file names are relative to it:
              {"version": 12, "issuedAt": "2025-06-01T00:00:00Z", "nextUpdate": "2025-06-08T00:00:00Z" | "validFor": "7d",
               "roots": ["root.pem"], "intermediates": ["ca.pem"], "crls": ["ca.crl"],
               "issuers": [{"code": "<USCC>", "name": "…", "certificates": ["issuer.pem"],
                            "licenseTypes": ["<type code>" | "*"], "areaCodes": ["330100", "33"]}],
               "statusLists": ["list.jws"]}
            the version must grow with every bundle: verifiers refuse a lower one than they have seen.
            --key/--cert: the bundle signer's key and certificate (+ intermediates). Verifiers accept only a
            signer with the extended key usage id-kp-heyanTrustBundleSigning (1.3.6.1.4.1.32473.5.1) or one
            pinned with --bundle-signer; a document signer or seal maker of the same root is refused
  verify    check the signature against the pinned roots (--bundle-root), the signer's authorisation (EKU, or
            --bundle-signer F), the version against the highest seen (one counter per pinned root, whatever
            the signer, in --bundle-state, default ~/.heyan/bundle-state.json), and the freshness
            (nextUpdate + --grace); prints what the bundle holds. Exit 0 PASSED, 1 FAILED, 2 INDETERMINATE
  inspect   show what a bundle holds without verifying it`,
  tsa: `Usage: heyan tsa serve --key K --cert C [--chain F] [--password P] [--port 3180] [--host 127.0.0.1]
                       [--policy OID] [--digest D]

An RFC 3161 time-stamping authority over HTTP: POST a TimeStampReq (application/timestamp-query) to / or
/tsa, get a TimeStampResp (application/timestamp-reply); GET / names the TSA and its policy. Prints
"listening on http://host:port/" on stdout, one line per request on stderr (time, method, path, HTTP status,
PKI status, serial); stops on SIGINT/SIGTERM.
  --key K        TSA private key (as for sign cms: PKCS#8, SEC1, PKCS#1, or PKCS#12 with --password)
  --cert C       TSA certificate (extended key usage timeStamping), optionally followed by intermediates
  --chain F      more intermediates to put in tokens (roots are left out)
  --password P   password of an encrypted key or PKCS#12
  --port N       default 3180; 0 picks a free port
  --host H       default 127.0.0.1 (only this machine); 0.0.0.0 to serve the network
  --policy OID   TSA policy (default 1.3.6.1.4.1.32473.3161.1, a TEST policy: set your own in production)
  --digest D     sm3 | sha256 | sha384 | sha512: digest of the token signature (default SM3 for SM2 keys,
                 else SHA-256)`,
};
