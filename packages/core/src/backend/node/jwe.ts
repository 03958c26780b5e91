/** The JWE operations of the Node.js backend, synchronous throughout: no method returns a promise. */
import { createHash, randomBytes } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import type { JweBackend } from '../../jwe/jwe-backend.js'
import { deflate, inflate } from './compression.js'
import { cbcHmacDecrypt, cbcHmacEncrypt, gcmDecrypt, gcmEncrypt } from './content-cipher.js'
import type { SecretInput } from './content-cipher.js'
import {
  agreementPublicMembers,
  deriveSharedSecret,
  generateAgreementKeyPair,
  importAgreementPublicKey,
} from './key-agreement.js'
import { aesKeyUnwrap, aesKeyWrap, pbkdf2, rsaOaepDecrypt, rsaOaepEncrypt } from './key-wrap.js'

// Every handle the JWE code passes here came from this backend: a KeyObject, or raw bytes
// where the interface allows them.
function secret(input: unknown): SecretInput {
  return input as SecretInput
}

function keyObject(handle: unknown): KeyObject {
  return handle as KeyObject
}

export const nodeJweBackend: JweBackend = {
  randomBytes(length) {
    return randomBytes(length)
  },

  secretBytes(handle) {
    return keyObject(handle).export()
  },

  encryptContent(entry, cek, iv, plaintext, aad) {
    if (entry.family === 'gcm') return gcmEncrypt(secret(cek), iv, plaintext, aad)
    return cbcHmacEncrypt(entry.hash ?? 'sha256', secret(cek), iv, plaintext, aad)
  },

  decryptContent(entry, cek, iv, ciphertext, tag, aad) {
    if (entry.family === 'gcm') return gcmDecrypt(secret(cek), iv, ciphertext, tag, aad)
    return cbcHmacDecrypt(entry.hash ?? 'sha256', secret(cek), iv, ciphertext, tag, aad)
  },

  gcmEncrypt(key, iv, plaintext) {
    return gcmEncrypt(secret(key), iv, plaintext, EMPTY)
  },

  gcmDecrypt(key, iv, ciphertext, tag) {
    return gcmDecrypt(secret(key), iv, ciphertext, tag, EMPTY)
  },

  aesKeyWrap(kek, key) {
    return aesKeyWrap(secret(kek), key)
  },

  aesKeyUnwrap(kek, wrapped) {
    return aesKeyUnwrap(secret(kek), wrapped)
  },

  rsaOaepEncrypt(hash, handle, data) {
    return rsaOaepEncrypt(hash, keyObject(handle), data)
  },

  rsaOaepDecrypt(hash, handle, data) {
    return rsaOaepDecrypt(hash, keyObject(handle), data)
  },

  importAgreementPublicKey,

  generateAgreementKeyPair,

  agreementPublicMembers(handle) {
    return agreementPublicMembers(keyObject(handle))
  },

  deriveSharedSecret,

  digest(hash, ...chunks) {
    const hasher = createHash(hash)
    for (const chunk of chunks) hasher.update(chunk)
    return hasher.digest()
  },

  pbkdf2,

  deflate,

  inflate,
}

const EMPTY = new Uint8Array(0)
