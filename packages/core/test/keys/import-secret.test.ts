import { test } from 'node:test'
import assert from 'node:assert/strict'
import { exportJwk, importSecret } from '../../src/index.js'
import type { ImportSecretOptions, JwsAlgorithm } from '../../src/index.js'
import { describeKey, jotError } from './helpers.js'

function bytes(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 7 + 1) & 0xff)
}

test('importSecret HS256 secret', async () => {
  const secret = bytes(32)
  const key = await importSecret(secret, { alg: 'HS256', kid: 'h1' })
  assert.deepEqual(describeKey(key), {
    kind: 'secret',
    kty: 'oct',
    crv: undefined,
    bits: 256,
    alg: 'HS256',
    kid: 'h1',
    use: undefined,
    keyOps: undefined,
    extractable: true,
  })
  assert.deepEqual(await exportJwk(key), {
    kty: 'oct',
    k: Buffer.from(secret).toString('base64url'),
    alg: 'HS256',
    kid: 'h1',
  })
})

test('importSecret copies the bytes', async () => {
  const secret = bytes(48)
  const key = await importSecret(secret, { alg: 'HS384' })
  const expected = Buffer.from(secret).toString('base64url')
  secret.fill(0)
  assert.deepEqual(await exportJwk(key), { kty: 'oct', k: expected, alg: 'HS384' })
})

test('importSecret accepts Buffer and longer secrets', async () => {
  const key = await importSecret(Buffer.from(bytes(100)), { alg: 'HS512' })
  assert.equal(key.bits, 800)
})

const rejections: [string, unknown, ImportSecretOptions, string, string][] = [
  [
    'string secret',
    'correct horse battery staple and more',
    { alg: 'HS256' },
    'ARGUMENT_INVALID',
    'importSecret takes the secret as a Uint8Array, not a string; encode it explicitly, for example with TextEncoder, so no PEM or password is taken for a secret by accident.',
  ],
  [
    'ArrayBuffer',
    new ArrayBuffer(32),
    { alg: 'HS256' },
    'ARGUMENT_INVALID',
    'importSecret takes the secret as a Uint8Array, not an instance of ArrayBuffer.',
  ],
  [
    'array of numbers',
    Array.from(bytes(32)),
    { alg: 'HS256' },
    'ARGUMENT_INVALID',
    'importSecret takes the secret as a Uint8Array, not an array.',
  ],
  ['empty secret', bytes(0), { alg: 'HS256' }, 'KEY_INVALID', 'The HMAC secret is empty.'],
  [
    '31-byte HS256 secret',
    bytes(31),
    { alg: 'HS256' },
    'KEY_INVALID',
    'The HMAC secret is 31 bytes long; HS256 needs at least 32 bytes, the size of its hash output.',
  ],
  [
    '47-byte HS384 secret',
    bytes(47),
    { alg: 'HS384' },
    'KEY_INVALID',
    'The HMAC secret is 47 bytes long; HS384 needs at least 48 bytes, the size of its hash output.',
  ],
  [
    '63-byte HS512 secret',
    bytes(63),
    { alg: 'HS512' },
    'KEY_INVALID',
    'The HMAC secret is 63 bytes long; HS512 needs at least 64 bytes, the size of its hash output.',
  ],
  [
    'RSA algorithm',
    bytes(64),
    { alg: 'RS256' },
    'KEY_INVALID',
    'The algorithm RS256 needs an RSA key, not an oct key.',
  ],
  [
    'none',
    bytes(64),
    { alg: 'none' as JwsAlgorithm },
    'ALG_NOT_ALLOWED',
    'The algorithm "none" is not allowed.',
  ],
  [
    'missing alg',
    bytes(64),
    { kid: 'x' } as unknown as ImportSecretOptions,
    'OPTION_INVALID',
    `importSecret needs the alg option to bind the key to, for example { alg: 'RS256' }.`,
  ],
  [
    'extractable not boolean',
    bytes(64),
    { alg: 'HS256', extractable: 1 as unknown as boolean },
    'OPTION_INVALID',
    'The extractable option of importSecret must be a boolean, not a number.',
  ],
]

for (const [name, secret, options, code, message] of rejections) {
  test(`importSecret rejects ${name}`, async () => {
    await assert.rejects(
      importSecret(secret as Uint8Array, options),
      jotError(code as 'KEY_INVALID', message),
    )
  })
}
