import { test } from 'node:test'
import assert from 'node:assert/strict'
import { exportJwk, exportPem, generateKeyPair, importSecret } from '../../src/index.js'

const encoder = new TextEncoder()

test('importSecret rejects PEM bytes', async () => {
  const { publicKey } = await generateKeyPair('RS256')
  const pem = await exportPem(publicKey)
  const expected = {
    code: 'KEY_INVALID',
    message:
      'The secret contains a PEM block; import PEM keys with importPem, which never makes an HMAC secret of them.',
  }
  await assert.rejects(importSecret(encoder.encode(pem), { alg: 'HS256' }), expected)
  await assert.rejects(importSecret(encoder.encode(`\n\n${pem}\n`), { alg: 'HS512' }), expected)
})

test('importSecret rejects JWK bytes', async () => {
  const { privateKey } = await generateKeyPair('ES256')
  const jwkText = JSON.stringify(await exportJwk(privateKey), null, 2)
  await assert.rejects(importSecret(encoder.encode(`${jwkText}\n`), { alg: 'HS256' }), {
    code: 'KEY_INVALID',
    message:
      'The secret is a JSON Web Key; import it with importJwk instead of using its text as a secret.',
  })
})

test('importSecret accepts binary and text secrets', async () => {
  const binary = Uint8Array.from({ length: 32 }, (_, i) => 0xf0 ^ i)
  assert.equal((await importSecret(binary, { alg: 'HS256' })).alg, 'HS256')
  const text = encoder.encode('{ a long shared secret with braces, 42 bytes }')
  assert.equal((await importSecret(text, { alg: 'HS256' })).kind, 'secret')
})
