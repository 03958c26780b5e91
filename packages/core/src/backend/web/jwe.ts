/** The JWE operations of the Web Crypto backend; every cryptographic step returns a promise. */
import type { JweBackend } from '../../jwe/jwe-backend.js'
import { deflate, inflate } from './compression.js'
import { cbcHmacDecrypt, cbcHmacEncrypt, gcmDecrypt, gcmEncrypt } from './content-cipher.js'
import {
  agreementPublicMembers,
  deriveSharedSecret,
  generateAgreementKeyPair,
  importAgreementPublicKey,
} from './key-agreement.js'
import { aesKeyUnwrap, aesKeyWrap, pbkdf2, rsaOaepDecrypt, rsaOaepEncrypt } from './key-wrap.js'
import { secretBytes } from './secret-key.js'
import type { HashName } from '../../jwa/jws-algorithms.js'
import { randomBytes, subtle, webHashName } from './subtle.js'

const EMPTY = new Uint8Array(0)

// Names the AES-GCM key wrap algorithm by its KEK, for the error when the runtime lacks the size.
function gcmKeyWrapName(kek: unknown): string {
  return `A${secretBytes(kek).length * 8}GCMKW`
}

async function digest(hash: HashName, chunks: readonly Uint8Array[]): Promise<Uint8Array> {
  const data = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0))
  let offset = 0
  for (const chunk of chunks) {
    data.set(chunk, offset)
    offset += chunk.length
  }
  return new Uint8Array(await subtle().digest(webHashName(hash), data))
}

export const webJweBackend: JweBackend = {
  randomBytes,

  secretBytes,

  encryptContent(entry, cek, iv, plaintext, aad) {
    if (entry.family === 'gcm') return gcmEncrypt(cek, iv, plaintext, aad, entry.enc)
    return cbcHmacEncrypt(entry.hash ?? 'sha256', cek, iv, plaintext, aad, entry.enc)
  },

  decryptContent(entry, cek, iv, ciphertext, tag, aad) {
    if (entry.family === 'gcm') return gcmDecrypt(cek, iv, ciphertext, tag, aad, entry.enc)
    return cbcHmacDecrypt(entry.hash ?? 'sha256', cek, iv, ciphertext, tag, aad, entry.enc)
  },

  gcmEncrypt(key, iv, plaintext) {
    return gcmEncrypt(key, iv, plaintext, EMPTY, gcmKeyWrapName(key))
  },

  gcmDecrypt(key, iv, ciphertext, tag) {
    return gcmDecrypt(key, iv, ciphertext, tag, EMPTY, gcmKeyWrapName(key))
  },

  aesKeyWrap,

  aesKeyUnwrap,

  rsaOaepEncrypt,

  rsaOaepDecrypt,

  importAgreementPublicKey,

  generateAgreementKeyPair,

  agreementPublicMembers,

  deriveSharedSecret,

  digest(hash, ...chunks) {
    return digest(hash, chunks)
  },

  pbkdf2,

  deflate,

  inflate,
}
