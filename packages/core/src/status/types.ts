// Licence status values and the shape of a Bitstring Status List credential (W3C Bitstring Status List v1.0,
// statusPurpose "message", 2 bits per licence).

/** The status of one licence. */
export type LicenseStatus = 'valid' | 'suspended' | 'revoked';

/** 2-bit entry values; 3 is reserved (read as "unknown", never as valid or revoked). */
export const STATUS_VALUE: Readonly<Record<LicenseStatus, number>> = { valid: 0, suspended: 1, revoked: 2 };

/** Entry value → status; undefined for the reserved value 3. */
export function statusOfValue(v: number): LicenseStatus | undefined {
  return v === 0 ? 'valid' : v === 1 ? 'suspended' : v === 2 ? 'revoked' : undefined;
}

/** Bits per entry of every heyan status list. */
export const STATUS_SIZE = 2;

/** The statusMessage of every heyan status list, in the VC 2.0 form ('0x' + hex value). */
export const STATUS_MESSAGES: readonly { status: string; message: LicenseStatus }[] = [
  { status: '0x0', message: 'valid' },
  { status: '0x1', message: 'suspended' },
  { status: '0x2', message: 'revoked' },
];

/** The credentialSubject of a status list credential. */
export interface BitstringStatusList {
  id?: string;
  type: 'BitstringStatusList';
  statusPurpose: 'message';
  statusSize: 2;
  statusMessage: { status: string; message: string }[];
  /** Multibase ('u') base64url, no padding, of the GZIP-compressed bitstring. */
  encodedList: string;
}

/** The JWS payload of a status list (VC 2.0 shaped). */
export interface StatusListCredential {
  '@context': string[];
  id: string;
  type: string[];
  issuer: string | { id: string; name?: string };
  validFrom: string;
  validUntil: string;
  credentialSubject: BitstringStatusList;
}
