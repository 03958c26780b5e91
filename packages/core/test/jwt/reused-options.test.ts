import { test } from 'node:test'
import assert from 'node:assert/strict'
import { decodeUnverified, importSecret, signJwt, verifyJwt } from '../../src/index.js'
import type { SignJwtOptions, VerifyJwtOptions } from '../../src/index.js'
import { NOW, SECRET } from '../fixtures/tokens.js'

// signJwt and verifyJwt reuse options they checked before. These tests change one options
// object between calls and check that every call sees the values it was given.

const hsKey = await importSecret(SECRET, { alg: 'HS256', kid: 'k1' })
const otherKey = await importSecret(
  SECRET.map((byte) => byte ^ 0xff),
  { alg: 'HS256' },
)

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

test('signJwt sees changed option values', async () => {
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

test('signJwt sees changed header and audience', async () => {
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
  // with the remembered value, sees a change, and reads it again for the check.
  const first = decodeUnverified(await signJwt({}, hsKey, options)).claims
  const second = decodeUnverified(await signJwt({}, hsKey, options)).claims
  assert.deepEqual(first, { iss: 'https://issuer-1.test' })
  assert.deepEqual(second, { iss: 'https://issuer-3.test' })
})

test('verifyJwt sees changed option values', async () => {
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

test('verifyJwt sees changed option arrays', async () => {
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
