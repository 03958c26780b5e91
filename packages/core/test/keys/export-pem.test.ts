import { test } from 'node:test'
import assert from 'node:assert/strict'
import { exportPem, importPem, importSecret } from '../../src/index.js'
import type { JotKey } from '../../src/index.js'
import { jotError, readKeyFixture } from './helpers.js'

test('exportPem public key as SPKI', async () => {
  const spki = readKeyFixture('rsa-2048-spki.pem')
  const fromPkcs1 = await importPem(readKeyFixture('rsa-2048-pkcs1-public.pem'), { alg: 'RS256' })
  assert.equal(await exportPem(fromPkcs1), spki)
})

test('exportPem private key as PKCS #8', async () => {
  const pkcs8 = readKeyFixture('rsa-2048-pkcs8.pem')
  const fromPkcs1 = await importPem(readKeyFixture('rsa-2048-pkcs1.pem'), { alg: 'RS256' })
  assert.equal(await exportPem(fromPkcs1), pkcs8)
})

test('exportPem EC key from SEC 1', async () => {
  const key = await importPem(readKeyFixture('ec-p256-sec1.pem'), { alg: 'ES256' })
  assert.equal(await exportPem(key), readKeyFixture('ec-p256-pkcs8.pem'))
})

test('exportPem rejects secret key', async () => {
  const secret = await importSecret(new Uint8Array(32).fill(3), { alg: 'HS256' })
  await assert.rejects(
    exportPem(secret),
    jotError('KEY_INVALID', 'exportPem cannot export a secret key; use exportJwk for an oct JWK.'),
  )
})

test('exportPem rejects non-extractable private key', async () => {
  const pem = readKeyFixture('ed25519-pkcs8.pem')
  const key = await importPem(pem, { alg: 'EdDSA', extractable: false })
  await assert.rejects(
    exportPem(key),
    jotError(
      'KEY_INVALID',
      'The private key is not extractable, so exportPem cannot reveal its material; exportPublicJwk returns its public part.',
    ),
  )
})

test('exportPem rejects non-key argument', async () => {
  await assert.rejects(
    exportPem(readKeyFixture('rsa-2048-spki.pem') as unknown as JotKey),
    jotError(
      'ARGUMENT_INVALID',
      'exportPem expects a JotKey, not a string; create one with importJwk, importPem, importSecret or a generate function.',
    ),
  )
})
