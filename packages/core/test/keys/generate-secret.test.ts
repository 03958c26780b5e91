import { test } from 'node:test'
import assert from 'node:assert/strict'
import { exportJwk, generateSecret, importJwk } from '../../src/index.js'
import type { GenerateSecretOptions, JwsAlgorithm } from '../../src/index.js'
import { describeKey, jotError } from './helpers.js'

for (const [alg, bytes] of [
  ['HS256', 32],
  ['HS384', 48],
  ['HS512', 64],
] as const) {
  test(`generateSecret ${alg} round trips`, async () => {
    const key = await generateSecret(alg, { kid: 's1' })
    assert.deepEqual(describeKey(key), {
      kind: 'secret',
      kty: 'oct',
      crv: undefined,
      bits: bytes * 8,
      alg,
      kid: 's1',
      use: undefined,
      keyOps: undefined,
      extractable: true,
    })
    const jwk = await exportJwk(key)
    assert.equal(Buffer.from(jwk.k!, 'base64url').length, bytes)
    assert.deepEqual(await exportJwk(await importJwk(jwk)), jwk)
  })
}

test('generateSecret gives fresh secrets', async () => {
  const first = await exportJwk(await generateSecret('HS256'))
  const second = await exportJwk(await generateSecret('HS256'))
  assert.notEqual(first.k, second.k)
})

test('generateSecret non-extractable', async () => {
  const key = await generateSecret('HS512', { extractable: false })
  await assert.rejects(
    exportJwk(key),
    jotError(
      'KEY_INVALID',
      'The secret key is not extractable, so exportJwk cannot reveal its material.',
    ),
  )
})

const rejections: [string, JwsAlgorithm, GenerateSecretOptions | undefined, string, string][] = [
  [
    'RSA algorithm',
    'RS256',
    undefined,
    'ARGUMENT_INVALID',
    'generateSecret makes secret keys; use generateKeyPair for RS256.',
  ],
  [
    'none',
    'none' as JwsAlgorithm,
    undefined,
    'ALG_NOT_ALLOWED',
    'The algorithm "none" is not allowed.',
  ],
  [
    'unknown option',
    'HS256',
    { length: 16 } as GenerateSecretOptions,
    'OPTION_INVALID',
    'generateSecret has no option "length".',
  ],
  [
    'kid not string',
    'HS256',
    { kid: 5 as unknown as string },
    'OPTION_INVALID',
    'The kid option of generateSecret must be a string, not a number.',
  ],
]

for (const [name, alg, options, code, message] of rejections) {
  test(`generateSecret rejects ${name}`, async () => {
    await assert.rejects(generateSecret(alg, options), jotError(code as 'OPTION_INVALID', message))
  })
}
