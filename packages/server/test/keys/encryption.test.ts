import assert from 'node:assert/strict'
import { test } from 'node:test'
import { decryptPrivateJwk, encryptPrivateJwk } from '../../src/keys/encryption.js'
import { MasterKey } from '../../src/master-key.js'

const masterKey = new MasterKey(new Uint8Array(32).fill(1))
const otherKey = new MasterKey(new Uint8Array(32).fill(2))
const jwk = { kty: 'EC', crv: 'P-256', x: 'x-value', y: 'y-value', d: 'private-value', kid: 'k1' }
const MISMATCH =
  'The signing key k1 cannot be decrypted with the configured master key. Set JOT_MASTER_KEY ' +
  'to the key it was stored with; the server never replaces a stored key.'

test('encryptPrivateJwk round-trips', () => {
  const encrypted = encryptPrivateJwk(jwk, masterKey, 'k1')

  assert.match(encrypted, /^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/)
  assert.equal(encrypted.includes('private-value'), false)
  assert.deepEqual(decryptPrivateJwk(encrypted, masterKey, 'k1'), jwk)
})

test('encryptPrivateJwk uses fresh IV', () => {
  assert.notEqual(encryptPrivateJwk(jwk, masterKey, 'k1'), encryptPrivateJwk(jwk, masterKey, 'k1'))
})

test('decryptPrivateJwk rejects other master key', () => {
  const encrypted = encryptPrivateJwk(jwk, masterKey, 'k1')

  assert.throws(() => decryptPrivateJwk(encrypted, otherKey, 'k1'), {
    name: 'ServerError',
    code: 'MASTER_KEY_MISMATCH',
    message: MISMATCH,
  })
})

test('decryptPrivateJwk binds ciphertext to kid', () => {
  const encrypted = encryptPrivateJwk(jwk, masterKey, 'k2')

  assert.throws(() => decryptPrivateJwk(encrypted, masterKey, 'k1'), {
    name: 'ServerError',
    code: 'MASTER_KEY_MISMATCH',
    message: MISMATCH,
  })
})

test('decryptPrivateJwk rejects tampered ciphertext', () => {
  const [format, iv, ciphertext, tag] = encryptPrivateJwk(jwk, masterKey, 'k1').split('.')
  const bytes = Buffer.from(ciphertext!, 'base64url')
  bytes[0] = bytes[0]! ^ 1
  const tampered = [format, iv, bytes.toString('base64url'), tag].join('.')

  assert.throws(() => decryptPrivateJwk(tampered, masterKey, 'k1'), {
    name: 'ServerError',
    code: 'MASTER_KEY_MISMATCH',
    message: MISMATCH,
  })
})

test('decryptPrivateJwk rejects malformed text', () => {
  const valid = encryptPrivateJwk(jwk, masterKey, 'k1')
  for (const text of ['', 'v2' + valid.slice(2), `${valid}.extra`, 'v1.AAAA.AAAA.AAAA', 'v1..']) {
    assert.throws(() => decryptPrivateJwk(text, masterKey, 'k1'), {
      name: 'ServerError',
      code: 'STORE_INVALID',
      message: 'The stored private key of signing key k1 is malformed.',
    })
  }
})
