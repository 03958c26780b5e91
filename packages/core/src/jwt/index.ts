/** JWT: signing, verification and decoding without verification. */
export { createSigner, signJwt } from './sign.js'
export { createVerifier, verifyJwt } from './verify.js'
export { decodeUnverified } from './decode.js'
export type { DecodeUnverifiedResult } from './decode.js'
export type {
  Clock,
  JwtClaims,
  SignJwtOptions,
  VerifyClaimsOptions,
  VerifyJwtOptions,
  VerifyJwtResult,
} from './types.js'
