/** Raw points of the NIST prime curves, and the check that one lies on its curve. */

/** A NIST prime curve: OpenSSL's name, the coordinate length, and the field prime p and b. */
export interface PrimeCurve {
  readonly name: 'prime256v1' | 'secp384r1' | 'secp521r1'
  readonly bytes: number
  readonly p: bigint
  readonly b: bigint
}

// The curves of FIPS 186-4: y^2 = x^3 - 3x + b over GF(p).
const P256: PrimeCurve = {
  name: 'prime256v1',
  bytes: 32,
  p: 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
  b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
}
const P384: PrimeCurve = {
  name: 'secp384r1',
  bytes: 48,
  p: 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n,
  b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
}
const P521: PrimeCurve = {
  name: 'secp521r1',
  bytes: 66,
  p: 2n ** 521n - 1n,
  b: 0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
}

const BY_JWK_NAME: Readonly<Record<string, PrimeCurve>> = {
  'P-256': P256,
  'P-384': P384,
  'P-521': P521,
}

const BY_OPENSSL_NAME: Readonly<Record<string, PrimeCurve>> = {
  prime256v1: P256,
  secp384r1: P384,
  secp521r1: P521,
}

/** Returns the prime curve a JWK `crv` names, or undefined for any other curve. */
export function primeCurveOf(crv: string): PrimeCurve | undefined {
  return Object.hasOwn(BY_JWK_NAME, crv) ? BY_JWK_NAME[crv] : undefined
}

/** Returns the prime curve of an OpenSSL curve name, or undefined for any other curve. */
export function primeCurveNamed(name: string | undefined): PrimeCurve | undefined {
  return name !== undefined && Object.hasOwn(BY_OPENSSL_NAME, name)
    ? BY_OPENSSL_NAME[name]
    : undefined
}

/** A public point on a prime curve in SEC 1 uncompressed form (0x04, x, y), checked. */
export class EcPublicPoint {
  constructor(
    readonly curve: PrimeCurve,
    readonly point: Buffer,
  ) {}
}

function toBigInt(bytes: Uint8Array): bigint {
  return BigInt(
    `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`,
  )
}

/**
 * Tells whether (x, y), given as big-endian coordinates of the curve's length, is a point on
 * the curve: both below p, and y^2 = x^3 - 3x + b mod p. Because the cofactor of these curves
 * is 1, every such point generates the whole group, so no subgroup check is needed. The inputs are
 * public, so the variable-time BigInt arithmetic leaks nothing.
 */
export function isOnCurve(curve: PrimeCurve, x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== curve.bytes || y.length !== curve.bytes) return false
  const { p, b } = curve
  const xValue = toBigInt(x)
  const yValue = toBigInt(y)
  if (xValue >= p || yValue >= p) return false
  const left = (yValue * yValue) % p
  const right = (((((xValue * xValue) % p) * xValue - 3n * xValue + b) % p) + p) % p
  return left === right
}

/** Builds the uncompressed encoding 0x04 || x || y. */
export function uncompressedPoint(x: Uint8Array, y: Uint8Array): Buffer {
  const point = Buffer.allocUnsafe(1 + x.length + y.length)
  point[0] = 4
  point.set(x, 1)
  point.set(y, 1 + x.length)
  return point
}
