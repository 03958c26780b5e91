import assert from 'node:assert/strict'
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { test } from 'node:test'
import { decodeUnverifiedHeader } from '../fixtures/jwe-header.js'
import { decryptPrivateJwk, encryptPrivateJwk } from '../../src/keys/encryption.js'
import { MasterKey } from '../../src/master-key.js'

const masterKey = new MasterKey(new Uint8Array(32).fill(1))
const otherKey = new MasterKey(new Uint8Array(32).fill(2))
const jwk = { kty: 'EC', crv: 'P-256', x: 'x-value', y: 'y-value', d: 'private-value', kid: 'k1' }
const MISMATCH =
  'The signing key k1 cannot be decrypted with the configured master key. Set JOT_MASTER_KEY ' +
  'to the key it was stored with; the server never replaces a stored key.'
const MALFORMED = 'The stored private key of signing key k1 is malformed.'

// The format of earlier versions, built here independently of the server code: AES-256-GCM
// under HKDF(master key, "jot signing-key encryption v1"), the kid as additional data.
function encryptV1(plaintext: object, key: Uint8Array, kid: string): string {
  const derived = Buffer.from(
    hkdfSync('sha256', key, new Uint8Array(0), 'jot signing-key encryption v1', 32),
  )
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', derived, iv, { authTagLength: 16 })
  cipher.setAAD(Buffer.from(kid, 'utf8'))
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(plaintext), 'utf8'),
    cipher.final(),
  ])
  return ['v1', iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.')
}

test('encryptPrivateJwk writes a dir JWE', async () => {
  const encrypted = await encryptPrivateJwk(jwk, masterKey, 'k1')

  assert.equal(encrypted.split('.').length, 5)
  assert.equal(encrypted.split('.')[1], '', 'dir has an empty encrypted key')
  assert.deepEqual(decodeUnverifiedHeader(encrypted), {
    alg: 'dir',
    enc: 'A256GCM',
    kid: 'k1',
    cty: 'jwk+json',
  })
  assert.equal(encrypted.includes('private-value'), false)
  assert.deepEqual(await decryptPrivateJwk(encrypted, masterKey, 'k1'), jwk)
})

test('encryptPrivateJwk uses fresh IV', async () => {
  assert.notEqual(
    await encryptPrivateJwk(jwk, masterKey, 'k1'),
    await encryptPrivateJwk(jwk, masterKey, 'k1'),
  )
})

test('decryptPrivateJwk rejects other master key', async () => {
  const encrypted = await encryptPrivateJwk(jwk, masterKey, 'k1')

  await assert.rejects(decryptPrivateJwk(encrypted, otherKey, 'k1'), {
    name: 'ServerError',
    code: 'MASTER_KEY_MISMATCH',
    message: MISMATCH,
  })
})

test('decryptPrivateJwk binds ciphertext to kid', async () => {
  const encrypted = await encryptPrivateJwk(jwk, masterKey, 'k2')

  await assert.rejects(decryptPrivateJwk(encrypted, masterKey, 'k1'), {
    name: 'ServerError',
    code: 'MASTER_KEY_MISMATCH',
    message: MISMATCH,
  })
})

test('decryptPrivateJwk rejects tampered ciphertext', async () => {
  const parts = (await encryptPrivateJwk(jwk, masterKey, 'k1')).split('.')
  const bytes = Buffer.from(parts[3]!, 'base64url')
  bytes[0] = bytes[0]! ^ 1
  parts[3] = bytes.toString('base64url')

  await assert.rejects(decryptPrivateJwk(parts.join('.'), masterKey, 'k1'), {
    name: 'ServerError',
    code: 'MASTER_KEY_MISMATCH',
    message: MISMATCH,
  })
})

test('decryptPrivateJwk reads the v1 format', async () => {
  const legacy = encryptV1(jwk, new Uint8Array(32).fill(1), 'k1')

  assert.deepEqual(await decryptPrivateJwk(legacy, masterKey, 'k1'), jwk)
  await assert.rejects(decryptPrivateJwk(legacy, otherKey, 'k1'), {
    code: 'MASTER_KEY_MISMATCH',
    message: MISMATCH,
  })
})

test('decryptPrivateJwk rejects malformed text', async () => {
  const valid = await encryptPrivateJwk(jwk, masterKey, 'k1')
  const legacy = encryptV1(jwk, new Uint8Array(32).fill(1), 'k1')
  const cases = [
    '',
    'v2' + legacy.slice(2),
    `${legacy}.extra`,
    'v1.AAAA.AAAA.AAAA',
    'v1..',
    `${valid}.x`,
    'a.b.c.d.e',
  ]
  for (const text of cases) {
    await assert.rejects(
      decryptPrivateJwk(text, masterKey, 'k1'),
      {
        name: 'ServerError',
        code: 'STORE_INVALID',
        message: MALFORMED,
      },
      text,
    )
  }
})
