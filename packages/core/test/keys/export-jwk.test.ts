import { test } from 'node:test'
import assert from 'node:assert/strict'
import { exportJwk, exportPublicJwk, importJwk, importSecret } from '../../src/index.js'
import type { JotKey } from '../../src/index.js'
import { expectedJwks, jotError, publicPart } from './helpers.js'

const rsaJwk = expectedJwks['rsa-2048']
const edJwk = expectedJwks['ed25519']

test('exportJwk private key', async () => {
  const key = await importJwk(
    { ...edJwk, kid: 'e1', use: 'sig', key_ops: ['sign'] },
    { alg: 'EdDSA' },
  )
  assert.deepEqual(await exportJwk(key), {
    ...edJwk,
    use: 'sig',
    key_ops: ['sign'],
    alg: 'EdDSA',
    kid: 'e1',
  })
})

test('exportJwk orders members', async () => {
  const key = await importJwk({
    kid: 'r',
    alg: 'RS256',
    e: rsaJwk['e'],
    n: rsaJwk['n'],
    kty: 'RSA',
  })
  const jwk = await exportJwk(key)
  assert.deepEqual(Object.keys(jwk), ['kty', 'n', 'e', 'alg', 'kid'])
})

test('exportPublicJwk of private key', async () => {
  const key = await importJwk({ ...rsaJwk, key_ops: ['sign'], kid: 'r' }, { alg: 'PS256' })
  assert.deepEqual(await exportPublicJwk(key), {
    ...publicPart(rsaJwk),
    key_ops: ['verify'],
    alg: 'PS256',
    kid: 'r',
  })
})

test('exportPublicJwk of public key', async () => {
  const key = await importJwk(publicPart(edJwk), { alg: 'Ed25519' })
  assert.deepEqual(await exportPublicJwk(key), { ...publicPart(edJwk), alg: 'Ed25519' })
})

test('exportJwk of non-extractable keys', async () => {
  const privateKey = await importJwk(edJwk, { alg: 'EdDSA', extractable: false })
  await assert.rejects(
    exportJwk(privateKey),
    jotError(
      'KEY_INVALID',
      'The private key is not extractable, so exportJwk cannot reveal its material; exportPublicJwk returns its public part.',
    ),
  )
  assert.deepEqual(await exportPublicJwk(privateKey), { ...publicPart(edJwk), alg: 'EdDSA' })

  const secret = await importSecret(new Uint8Array(32).fill(9), {
    alg: 'HS256',
    extractable: false,
  })
  await assert.rejects(
    exportJwk(secret),
    jotError(
      'KEY_INVALID',
      'The secret key is not extractable, so exportJwk cannot reveal its material.',
    ),
  )

  const publicKey = await importJwk(publicPart(edJwk), { alg: 'EdDSA', extractable: false })
  assert.deepEqual(await exportJwk(publicKey), { ...publicPart(edJwk), alg: 'EdDSA' })
})

test('exportPublicJwk rejects secret key', async () => {
  const secret = await importSecret(new Uint8Array(32).fill(9), { alg: 'HS256' })
  await assert.rejects(
    exportPublicJwk(secret),
    jotError(
      'KEY_INVALID',
      'exportPublicJwk needs a public or private key; a secret key has no public part.',
    ),
  )
})

for (const [name, value, description] of [
  ['JWK object', publicPart(edJwk), 'an object'],
  ['undefined', undefined, 'undefined'],
  ['string', 'key', 'a string'],
] as const) {
  test(`exportJwk rejects ${name}`, async () => {
    const message = `expects a JotKey, not ${description}; create one with importJwk, importPem, importSecret or a generate function.`
    await assert.rejects(
      exportJwk(value as unknown as JotKey),
      jotError('ARGUMENT_INVALID', `exportJwk ${message}`),
    )
    await assert.rejects(
      exportPublicJwk(value as unknown as JotKey),
      jotError('ARGUMENT_INVALID', `exportPublicJwk ${message}`),
    )
  })
}
