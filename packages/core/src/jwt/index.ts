/** JWT: signing, verification, encryption, decryption and decoding without verification. */
export { createSigner, signJwt } from './sign.js'
export { createVerifier, verifyJwt } from './verify.js'
export { decodeUnverified } from './decode.js'
export { encryptJwt } from './encrypt.js'
export { decryptJwt } from './decrypt.js'
export { decryptAndVerifyJwt, signAndEncryptJwt } from './nested.js'
export type {
  DecryptAndVerifyJwtOptions,
  DecryptAndVerifyJwtResult,
  DecryptAndVerifyKeys,
  DecryptJwtOptions,
  DecryptJwtResult,
  EncryptJwtOptions,
  SignAndEncryptJwtOptions,
  SignAndEncryptKeys,
} from './encryption-types.js'
export type { DecodeUnverifiedResult } from './decode.js'
export type {
  Clock,
  CreateVerifierOptions,
  JwtClaims,
  SignJwtOptions,
  VerifyClaimsOptions,
  VerifyJwtOptions,
  VerifyJwtResult,
  VerifiedTokenCacheOptions,
} from './types.js'
