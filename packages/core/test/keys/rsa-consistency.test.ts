import { test } from 'node:test'
import assert from 'node:assert/strict'
import { exportJwk, generateKeyPair, importJwk } from '../../src/index.js'

test('importJwk rejects RSA qi longer than p', async () => {
  const { privateKey } = await generateKeyPair('RS256')
  const jwk = await exportJwk(privateKey)
  // OpenSSL refuses to sign with such a key at all; the import must still end in a JotError.
  await assert.rejects(importJwk({ ...jwk, qi: jwk.n }), {
    name: 'JotError',
    code: 'KEY_INVALID',
    message: 'The private JWK\'s public members do not match its private key "d".',
  })
})
