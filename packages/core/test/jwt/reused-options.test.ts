import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  decodeUnverified,
  decryptCompact,
  decryptJwt,
  encryptJwt,
  importSecret,
  signJwt,
  verifyJwt,
} from '../../src/index.js'
import type {
  DecryptJwtOptions,
  EncryptJwtOptions,
  JweContentEncryptionAlgorithm,
  SignJwtOptions,
  VerifyJwtOptions,
} from '../../src/index.js'
import { NOW, SECRET } from '../fixtures/tokens.js'

// signJwt, verifyJwt, encryptJwt and decryptJwt reuse options they checked before. These tests change one options
// object between calls and check that every call uses the values it was given.

const hsKey = await importSecret(SECRET, { alg: 'HS256', kid: 'k1' })
const otherKey = await importSecret(
  SECRET.map((byte) => byte ^ 0xff),
  { alg: 'HS256' },
)

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

test('signJwt uses changed option values', async () => {
  const options: Mutable<SignJwtOptions> = { now: NOW, issuer: 'https://a.test', typ: 'JWT' }
  const first = decodeUnverified(await signJwt({}, hsKey, options))
  options.issuer = 'https://b.test'
  options.typ = 'at+jwt'
  options.now = NOW + 5
  const second = decodeUnverified(await signJwt({}, hsKey, options))
  assert.deepEqual(first, {
    header: { alg: 'HS256', kid: 'k1', typ: 'JWT' },
    claims: { iss: 'https://a.test', iat: NOW },
  })
  assert.deepEqual(second, {
    header: { alg: 'HS256', kid: 'k1', typ: 'at+jwt' },
    claims: { iss: 'https://b.test', iat: NOW + 5 },
  })
})

test('signJwt uses changed header and audience', async () => {
  const audience = ['api']
  const header: Record<string, unknown> = { cty: 'a' }
  const options = { now: NOW, issuedAt: false, audience, header }
  const first = decodeUnverified(await signJwt({}, hsKey, options))
  audience.push('web')
  header['cty'] = 'b'
  const second = decodeUnverified(await signJwt({}, hsKey, options))
  assert.deepEqual(first, {
    header: { alg: 'HS256', kid: 'k1', cty: 'a', typ: 'JWT' },
    claims: { aud: ['api'] },
  })
  assert.deepEqual(second, {
    header: { alg: 'HS256', kid: 'k1', cty: 'b', typ: 'JWT' },
    claims: { aud: ['api', 'web'] },
  })
})

test('signJwt checks options per key', async () => {
  const options = { now: NOW, issuedAt: false }
  const first = decodeUnverified(await signJwt({}, hsKey, options))
  const second = decodeUnverified(await signJwt({}, otherKey, options))
  assert.deepEqual(first.header, { alg: 'HS256', kid: 'k1', typ: 'JWT' })
  assert.deepEqual(second.header, { alg: 'HS256', typ: 'JWT' })
})

test('signJwt rejects options made invalid', async () => {
  const options: Record<string, unknown> = { now: NOW, expiresInSec: 60 }
  await signJwt({}, hsKey, options)
  options['expiresInSec'] = 0
  await assert.rejects(signJwt({}, hsKey, options), {
    code: 'OPTION_INVALID',
    message: 'The "expiresInSec" option must be a number of seconds from 1 to 315360000.',
  })
  options['expiresInSec'] = 60
  options['expiresIn'] = 60
  await assert.rejects(signJwt({}, hsKey, options), {
    code: 'OPTION_INVALID',
    message: 'signJwt has no option "expiresIn". Use expiresInSec (seconds).',
  })
  delete options['expiresIn']
  options['now'] = 'yesterday'
  await assert.rejects(signJwt({}, hsKey, options), {
    code: 'OPTION_INVALID',
    message: 'The "now" option must be seconds since the epoch or a function returning them.',
  })
})

test('signJwt follows a changing getter', async () => {
  let reads = 0
  const options = {
    now: NOW,
    issuedAt: false,
    get issuer() {
      reads++
      return `https://issuer-${reads}.test`
    },
  }
  // The getter returns a new value on each read. The second call reads it once to compare
  // with the remembered value, finds a change, and reads it again for the check.
  const first = decodeUnverified(await signJwt({}, hsKey, options)).claims
  const second = decodeUnverified(await signJwt({}, hsKey, options)).claims
  assert.deepEqual(first, { iss: 'https://issuer-1.test' })
  assert.deepEqual(second, { iss: 'https://issuer-3.test' })
})

test('verifyJwt uses changed option values', async () => {
  const token = await signJwt({ iss: 'https://a.test', aud: 'api' }, hsKey, {
    now: NOW,
    expiresInSec: 60,
  })
  const options: Mutable<VerifyJwtOptions> = { now: NOW, issuer: 'https://a.test' }
  assert.equal((await verifyJwt(token, hsKey, options)).claims.iss, 'https://a.test')
  options.issuer = 'https://b.test'
  await assert.rejects(verifyJwt(token, hsKey, options), {
    code: 'CLAIM_INVALID',
    message: 'The issuer "https://a.test" is not accepted.',
  })
  options.issuer = 'https://a.test'
  options.now = NOW + 60
  await assert.rejects(verifyJwt(token, hsKey, options), {
    code: 'TOKEN_EXPIRED',
    message: 'The token has expired.',
  })
})

test('verifyJwt uses changed option arrays', async () => {
  const token = await signJwt({ aud: 'api' }, hsKey, { now: NOW })
  const audience = ['api']
  const algorithms: ('HS256' | 'HS384')[] = ['HS256']
  const options = { now: NOW, audience, algorithms }
  assert.equal((await verifyJwt(token, hsKey, options)).claims.aud, 'api')
  audience[0] = 'web'
  await assert.rejects(verifyJwt(token, hsKey, options), {
    code: 'CLAIM_INVALID',
    message: 'The token is not intended for this audience.',
  })
  audience[0] = 'api'
  algorithms[0] = 'HS384'
  await assert.rejects(verifyJwt(token, hsKey, options), {
    code: 'ALG_NOT_ALLOWED',
    message: 'The algorithm "HS256" is not in the allowed list.',
  })
})

test('verifyJwt rejects options made invalid', async () => {
  const token = await signJwt({}, hsKey, { now: NOW })
  const options: Record<string, unknown> = { now: NOW, maxTokenLength: 4096 }
  await verifyJwt(token, hsKey, options)
  options['maxTokenLength'] = -1
  await assert.rejects(verifyJwt(token, hsKey, options), {
    code: 'OPTION_INVALID',
    message: 'The "maxTokenLength" option must be a positive whole number.',
  })
  options['maxTokenLength'] = 4096
  options['now'] = () => 'soon'
  await assert.rejects(verifyJwt(token, hsKey, options), {
    code: 'OPTION_INVALID',
    message: 'The "now" function must return a finite number of seconds.',
  })
})

const dirKey = await importSecret(SECRET, { alg: 'dir', kid: 'd1' })
const otherDirKey = await importSecret(
  SECRET.map((byte) => byte ^ 0x0f),
  { alg: 'dir', kid: 'd2' },
)
const kwKey = await importSecret(SECRET.subarray(0, 16), { alg: 'A128KW', kid: 'w1' })

async function openJwe(token: string, key = dirKey) {
  const { protectedHeader, plaintext } = await decryptCompact(token, key)
  const claims: unknown = JSON.parse(Buffer.from(plaintext).toString())
  return { header: protectedHeader, claims }
}

test('encryptJwt uses changed option values', async () => {
  const header: Record<string, unknown> = { cty: 'a' }
  const options: Mutable<EncryptJwtOptions> = {
    enc: 'A256GCM',
    now: NOW,
    issuer: 'https://a.test',
    header,
  }
  const first = await openJwe(await encryptJwt({}, dirKey, options))
  options.issuer = 'https://b.test'
  options.enc = 'A128CBC-HS256'
  options.now = NOW + 5
  header['cty'] = 'b'
  const second = await openJwe(await encryptJwt({}, kwKey, options), kwKey)
  assert.deepEqual(first, {
    header: { alg: 'dir', kid: 'd1', enc: 'A256GCM', cty: 'a', typ: 'JWT' },
    claims: { iss: 'https://a.test', iat: NOW },
  })
  assert.deepEqual(second, {
    header: { alg: 'A128KW', kid: 'w1', enc: 'A128CBC-HS256', cty: 'b', typ: 'JWT' },
    claims: { iss: 'https://b.test', iat: NOW + 5 },
  })
})

test('encryptJwt header follows the key', async () => {
  const options = { enc: 'A256GCM', now: NOW, issuedAt: false } as const
  const headers = []
  for (const key of [dirKey, otherDirKey, dirKey, kwKey, dirKey]) {
    headers.push((await openJwe(await encryptJwt({}, key, options), key)).header)
  }
  assert.deepEqual(headers, [
    { alg: 'dir', kid: 'd1', enc: 'A256GCM', typ: 'JWT' },
    { alg: 'dir', kid: 'd2', enc: 'A256GCM', typ: 'JWT' },
    { alg: 'dir', kid: 'd1', enc: 'A256GCM', typ: 'JWT' },
    { alg: 'A128KW', kid: 'w1', enc: 'A256GCM', typ: 'JWT' },
    { alg: 'dir', kid: 'd1', enc: 'A256GCM', typ: 'JWT' },
  ])
})

test('encryptJwt checks the key every call', async () => {
  const options = { enc: 'A128GCM', now: NOW } as const
  await assert.rejects(encryptJwt({}, dirKey, options), {
    code: 'KEY_INVALID',
    message: 'The dir key is 32 bytes long, but A128GCM needs a 16-byte key.',
  })
  await encryptJwt({}, kwKey, options)
  await assert.rejects(encryptJwt({}, hsKey, options), {
    code: 'KEY_INVALID',
    message:
      'The key is bound to the JWS algorithm HS256 and cannot encrypt; import it for a JWE key management algorithm.',
  })
})

test('encryptJwt rejects options made invalid', async () => {
  const options: { enc: JweContentEncryptionAlgorithm } & Record<string, unknown> = {
    enc: 'A256GCM',
    now: NOW,
  }
  await encryptJwt({}, dirKey, options)
  options.enc = 'A1GCM' as JweContentEncryptionAlgorithm
  await assert.rejects(encryptJwt({}, dirKey, options), {
    code: 'OPTION_INVALID',
    message: 'The enc option "A1GCM" is not a supported content encryption algorithm.',
  })
  options.enc = 'A256GCM'
  options['header'] = { zip: 'DEF' }
  await assert.rejects(encryptJwt({}, dirKey, options), {
    code: 'OPTION_INVALID',
    message:
      'Compression is set with the zip option; the header parameter "zip" alone would announce content that is not compressed.',
  })
})

test('decryptJwt uses changed option values', async () => {
  const token = await encryptJwt({ iss: 'https://a.test' }, dirKey, {
    enc: 'A256GCM',
    now: NOW,
    expiresInSec: 60,
  })
  const contentEncryptionAlgorithms: JweContentEncryptionAlgorithm[] = ['A256GCM']
  const options: Mutable<DecryptJwtOptions> = {
    now: NOW,
    issuer: 'https://a.test',
    contentEncryptionAlgorithms,
  }
  assert.equal((await decryptJwt(token, dirKey, options)).claims.iss, 'https://a.test')
  options.issuer = 'https://b.test'
  await assert.rejects(decryptJwt(token, dirKey, options), {
    code: 'CLAIM_INVALID',
    message: 'The issuer "https://a.test" is not accepted.',
  })
  options.issuer = 'https://a.test'
  contentEncryptionAlgorithms[0] = 'A128GCM'
  await assert.rejects(decryptJwt(token, dirKey, options), {
    code: 'ALG_NOT_ALLOWED',
    message: 'The content encryption algorithm "A256GCM" is not in the allowed list.',
  })
  contentEncryptionAlgorithms[0] = 'A256GCM'
  options.now = NOW + 60
  await assert.rejects(decryptJwt(token, dirKey, options), {
    code: 'TOKEN_EXPIRED',
    message: 'The token has expired.',
  })
})

test('decryptJwt rejects options made invalid', async () => {
  const token = await encryptJwt({}, dirKey, { enc: 'A256GCM', now: NOW })
  const options: Record<string, unknown> = { now: NOW, maxTokenLength: 4096 }
  await decryptJwt(token, dirKey, options)
  options['maxTokenLength'] = 0
  await assert.rejects(decryptJwt(token, dirKey, options), {
    code: 'OPTION_INVALID',
    message: 'The "maxTokenLength" option must be a positive whole number.',
  })
  options['maxTokenLength'] = 4096
  options['algorithms'] = ['dir']
  await assert.rejects(decryptJwt(token, dirKey, options), {
    code: 'OPTION_INVALID',
    message: 'decryptJwt has no option "algorithms".',
  })
})
