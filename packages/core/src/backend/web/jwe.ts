/** The JWE operations of the Web Crypto backend: none yet, each fails with one clear error. */
import { JotError } from '../../errors.js'
import type { JweBackend } from '../../jwe/jwe-backend.js'
import { randomBytes } from './subtle.js'

// NOTE: JweBackend is synchronous, which Web Crypto cannot be, so JWE (encrypt and decrypt,
// JWT encryption and nested JWTs) is not available on this backend. Making the interface
// awaitable, as the key and signature interfaces are, is what it takes to add it.
function unavailable(): never {
  throw new JotError(
    'ALG_UNSUPPORTED',
    'JWE is not supported on the Web Crypto backend yet; encrypt and decrypt on Node.js.',
  )
}

export const webJweBackend: JweBackend = {
  randomBytes,
  secretBytes: unavailable,
  encryptContent: unavailable,
  decryptContent: unavailable,
  gcmEncrypt: unavailable,
  gcmDecrypt: unavailable,
  aesKeyWrap: unavailable,
  aesKeyUnwrap: unavailable,
  rsaOaepEncrypt: unavailable,
  rsaOaepDecrypt: unavailable,
  importAgreementPublicKey: unavailable,
  generateAgreementKeyPair: unavailable,
  agreementPublicMembers: unavailable,
  deriveSharedSecret: unavailable,
  digest: unavailable,
  pbkdf2: unavailable,
  deflate: unavailable,
  inflate: unavailable,
}
