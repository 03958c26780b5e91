/** Sizes of the elliptic curves that JWKs name. */
import type { Curve, KeyType } from '../jwa/jws-algorithms.js'

/** Facts about one curve that the key functions use. */
export interface CurveInfo {
  readonly kty: 'EC' | 'OKP'
  /** Length in bytes of `x`, `y` and `d` in a JWK (RFC 7518 section 6.2, RFC 8037 section 2). */
  readonly bytes: number
  /** Size of the curve's field in bits, reported as JotKey.bits. */
  readonly bits: number
}

export const CURVES: Readonly<Record<Curve, CurveInfo>> = {
  'P-256': { kty: 'EC', bytes: 32, bits: 256 },
  'P-384': { kty: 'EC', bytes: 48, bits: 384 },
  'P-521': { kty: 'EC', bytes: 66, bits: 521 },
  secp256k1: { kty: 'EC', bytes: 32, bits: 256 },
  Ed25519: { kty: 'OKP', bytes: 32, bits: 255 },
  Ed448: { kty: 'OKP', bytes: 57, bits: 448 },
  X25519: { kty: 'OKP', bytes: 32, bits: 255 },
  X448: { kty: 'OKP', bytes: 56, bits: 448 },
}

/** Tells whether a value names a curve of the given key type. */
export function isCurveOf(kty: KeyType, value: string): value is Curve {
  return Object.hasOwn(CURVES, value) && CURVES[value as Curve].kty === kty
}
