import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { importJwk, importSecret, thumbprint, thumbprintUri } from '../../src/index.js'
import type { Jwk, ThumbprintHash } from '../../src/index.js'
import { expectedJwks, jotError, jwsVectors, publicPart } from './helpers.js'

// RFC 7638 section 3.1, which takes the key of RFC 7517 appendix A.1.
const rfc7638Key = {
  kty: 'RSA',
  n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
  e: 'AQAB',
  alg: 'RS256',
  kid: '2011-04-29',
}
const rfc7638Input = `{"e":"AQAB","kty":"RSA","n":"${rfc7638Key.n}"}`
const rfc7638Thumbprint = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs'

function digest(hash: ThumbprintHash, text: string): string {
  return createHash(hash).update(text).digest('base64url')
}

test('thumbprint RFC 7638 example', async () => {
  assert.equal(await thumbprint(rfc7638Key), rfc7638Thumbprint)
  assert.equal(await thumbprint(await importJwk(rfc7638Key)), rfc7638Thumbprint)
})

test('thumbprintUri RFC 9278 example', async () => {
  assert.equal(
    await thumbprintUri(rfc7638Key),
    'urn:ietf:params:oauth:jwk-thumbprint:sha-256:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs',
  )
})

test('thumbprint input matches RFC 7638', () => {
  assert.equal(digest('sha256', rfc7638Input), rfc7638Thumbprint)
})

for (const [hash, name] of [
  ['sha384', 'sha-384'],
  ['sha512', 'sha-512'],
] as const) {
  test(`thumbprint with ${hash}`, async () => {
    const expected = digest(hash, rfc7638Input)
    assert.equal(await thumbprint(rfc7638Key, hash), expected)
    assert.equal(
      await thumbprintUri(rfc7638Key, hash),
      `urn:ietf:params:oauth:jwk-thumbprint:${name}:${expected}`,
    )
  })
}

test('thumbprint RFC 8037 Ed25519 example', async () => {
  // RFC 8037 appendix A.3 gives the thumbprint of the appendix A.1 key used by A.4.
  const vector = jwsVectors.find((v) => v.source === 'RFC8037 appendix A.4')!
  const expected = 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k'
  assert.equal(await thumbprint(vector.key), expected)
  assert.equal(await thumbprint(await importJwk(vector.key, { alg: 'EdDSA' })), expected)
})

test('thumbprint of private RSA key', async () => {
  const jwk = expectedJwks['rsa-2048']
  const { n, e } = jwk
  const expected = digest('sha256', `{"e":"${e!}","kty":"RSA","n":"${n!}"}`)
  assert.equal(await thumbprint(jwk), expected)
  assert.equal(await thumbprint(await importJwk(jwk, { alg: 'RS256' })), expected)
  assert.equal(await thumbprint(publicPart(jwk)), expected)
})

test('thumbprint of EC key', async () => {
  const jwk = expectedJwks['ec-p256']
  const expected = digest(
    'sha256',
    `{"crv":"P-256","kty":"EC","x":"${jwk['x']!}","y":"${jwk['y']!}"}`,
  )
  assert.equal(await thumbprint({ ...jwk, kid: 'ignored', use: 'sig' }), expected)
  assert.equal(await thumbprint(await importJwk(jwk, { alg: 'ES256' })), expected)
})

test('thumbprint of secret key', async () => {
  const secret = new Uint8Array(32).fill(7)
  const k = Buffer.from(secret).toString('base64url')
  const expected = digest('sha256', `{"k":"${k}","kty":"oct"}`)
  assert.equal(await thumbprint({ kty: 'oct', k }), expected)
  assert.equal(await thumbprint(await importSecret(secret, { alg: 'HS256' })), expected)
  const hidden = await importSecret(secret, { alg: 'HS256', extractable: false })
  await assert.rejects(
    thumbprint(hidden),
    jotError(
      'KEY_INVALID',
      'The secret key is not extractable, so thumbprint cannot reveal its material.',
    ),
  )
})

test('thumbprint of X25519 JWK', async () => {
  const x = expectedJwks['ed25519']['x']!
  const expected = digest('sha256', `{"crv":"X25519","kty":"OKP","x":"${x}"}`)
  assert.equal(await thumbprint({ kty: 'OKP', crv: 'X25519', x }), expected)
})

const rejections: [string, unknown, unknown, string, string][] = [
  [
    'unknown hash',
    rfc7638Key,
    'md5',
    'ARGUMENT_INVALID',
    'The hash of thumbprint must be sha256, sha384 or sha512, not "md5".',
  ],
  [
    'hyphenated hash',
    rfc7638Key,
    'sha-256',
    'ARGUMENT_INVALID',
    'The hash of thumbprint must be sha256, sha384 or sha512, not "sha-256".',
  ],
  [
    'numeric hash',
    rfc7638Key,
    256,
    'ARGUMENT_INVALID',
    'The hash of thumbprint must be sha256, sha384 or sha512, not a number.',
  ],
  [
    'string key',
    JSON.stringify(rfc7638Key),
    'sha256',
    'ARGUMENT_INVALID',
    'thumbprint expects a JWK object, not a string.',
  ],
  [
    'missing kty',
    { n: rfc7638Key.n, e: 'AQAB' },
    'sha256',
    'KEY_INVALID',
    'The JWK has no "kty" member.',
  ],
  [
    'missing n',
    { kty: 'RSA', e: 'AQAB' },
    'sha256',
    'KEY_INVALID',
    'The RSA JWK has no "n" member.',
  ],
  [
    'padded n',
    { ...rfc7638Key, n: `${rfc7638Key.n}=` },
    'sha256',
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
]

for (const [name, jwk, hash, code, message] of rejections) {
  test(`thumbprint rejects ${name}`, async () => {
    await assert.rejects(
      thumbprint(jwk as Jwk, hash as ThumbprintHash),
      jotError(code as 'KEY_INVALID', message),
    )
  })
}

test('thumbprintUri rejects unknown hash', async () => {
  await assert.rejects(
    thumbprintUri(rfc7638Key, 'sha1' as ThumbprintHash),
    jotError(
      'ARGUMENT_INVALID',
      'The hash of thumbprintUri must be sha256, sha384 or sha512, not "sha1".',
    ),
  )
})
