import { test } from 'node:test'
import assert from 'node:assert/strict'
import { exportJwk, generateKeyPair, importJwk } from '../../src/index.js'

test('importJwk rejects RSA qi longer than p', async () => {
  const { privateKey } = await generateKeyPair('RS256')
  const jwk = await exportJwk(privateKey)
  // OpenSSL refuses to sign with such a key at all; the member checks catch it first.
  await assert.rejects(importJwk({ ...jwk, qi: jwk.n }), {
    name: 'JotError',
    code: 'KEY_INVALID',
    message: 'The RSA private JWK is inconsistent: d, dp, dq or qi does not match p, q and e.',
  })
})

test('importJwk rejects inconsistent RSA private members', async () => {
  const { privateKey } = await generateKeyPair('RS256')
  const jwk = await exportJwk(privateKey)
  const other = await exportJwk((await generateKeyPair('RS256')).privateKey)
  for (const name of ['d', 'dp', 'dq', 'qi'] as const) {
    await assert.rejects(
      importJwk({ ...jwk, [name]: other[name] }),
      {
        name: 'JotError',
        code: 'KEY_INVALID',
        message: 'The RSA private JWK is inconsistent: d, dp, dq or qi does not match p, q and e.',
      },
      name,
    )
  }
  const imported = await importJwk(jwk)
  assert.deepEqual(await exportJwk(imported), jwk)
})
