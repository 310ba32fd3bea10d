// Domain parameters of the SM2 recommended curve sm2p256v1 (GB/T 32918.5-2017, OID 1.2.156.10197.1.301).

export interface Sm2CurveParams {
  p: bigint;
  a: bigint;
  b: bigint;
  n: bigint;
  Gx: bigint;
  Gy: bigint;
}

export const SM2P256V1: Readonly<Sm2CurveParams> = Object.freeze({
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
});

/** GM/T 0009 default user ID. */
export const SM2_DEFAULT_ID = '1234567812345678';
/** ENTL is a 16-bit count of bits, so an ID has at most 8191 bytes. */
export const SM2_MAX_ID_BYTES = 8191;
