import { test } from 'node:test'
import assert from 'node:assert/strict'
import { exportJwk, importJwk, importSecret, toPublicKey } from '../../src/index.js'
import { describeKey, expectedJwks, jotError, publicPart } from './helpers.js'

const ecJwk = expectedJwks['ec-p256']

test('toPublicKey keeps alg kid and use', async () => {
  const privateKey = await importJwk(
    { ...ecJwk, kid: 'p1', use: 'sig', key_ops: ['sign', 'verify'] },
    { alg: 'ES256', extractable: false },
  )
  const publicKey = await toPublicKey(privateKey)
  assert.deepEqual(describeKey(publicKey), {
    kind: 'public',
    kty: 'EC',
    crv: 'P-256',
    bits: 256,
    alg: 'ES256',
    kid: 'p1',
    use: 'sig',
    keyOps: ['verify'],
    extractable: true,
  })
  assert.deepEqual(await exportJwk(publicKey), {
    ...publicPart(ecJwk),
    use: 'sig',
    key_ops: ['verify'],
    alg: 'ES256',
    kid: 'p1',
  })
})

test('toPublicKey maps private key_ops', async () => {
  const privateKey = await importJwk(
    { ...ecJwk, use: 'enc', key_ops: ['deriveKey', 'decrypt', 'unwrapKey'] },
    { alg: 'ES256' },
  )
  const publicKey = await toPublicKey(privateKey)
  assert.deepEqual(publicKey.keyOps, ['deriveKey', 'encrypt', 'wrapKey'])
})

test('toPublicKey returns public key itself', async () => {
  const publicKey = await importJwk(publicPart(ecJwk), { alg: 'ES256' })
  assert.equal(await toPublicKey(publicKey), publicKey)
})

test('toPublicKey rejects secret key', async () => {
  const secret = await importSecret(new Uint8Array(32).fill(5), { alg: 'HS256' })
  await assert.rejects(
    toPublicKey(secret),
    jotError('KEY_INVALID', 'toPublicKey needs a private key; a secret key has no public half.'),
  )
})
