import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  createSigner,
  decodeUnverified,
  generateKeyPair,
  importJwk,
  importSecret,
  signJwt,
  verifyJwt,
} from '../../src/index.js'
import { isSynchronousBackend } from '../fixtures/backend.js'
import { NOW, SECRET } from '../fixtures/tokens.js'

const hsKey = await importSecret(SECRET, { alg: 'HS256', kid: 'k1' })

test('signJwt sets header and time claims', async () => {
  const token = await signJwt({ sub: 'user-1', roles: ['admin'] }, hsKey, {
    now: NOW,
    expiresInSec: 900,
    notBeforeSec: 0,
    issuer: 'https://issuer.test',
    audience: ['api', 'web'],
    jwtId: 'id-1',
    typ: 'at+jwt',
  })
  assert.deepEqual(decodeUnverified(token), {
    header: { alg: 'HS256', kid: 'k1', typ: 'at+jwt' },
    claims: {
      sub: 'user-1',
      roles: ['admin'],
      iss: 'https://issuer.test',
      jti: 'id-1',
      aud: ['api', 'web'],
      iat: NOW,
      exp: NOW + 900,
      nbf: NOW,
    },
  })
})

test('signJwt output verifies', async () => {
  const pair = await generateKeyPair('PS256')
  const token = await signJwt({ sub: 'user-1' }, pair.privateKey, { now: NOW, issuedAt: false })
  assert.deepEqual(await verifyJwt(token, pair.publicKey, { now: NOW }), {
    header: { alg: 'PS256', typ: 'JWT' },
    claims: { sub: 'user-1' },
  })
})

test('signJwt overrides kid and adds header parameters', async () => {
  const token = await signJwt({}, hsKey, { now: NOW, kid: 'k2', header: { cty: 'x' } })
  assert.deepEqual(decodeUnverified(token).header, {
    alg: 'HS256',
    kid: 'k2',
    cty: 'x',
    typ: 'JWT',
  })
})

test('signJwt rejects a claim set twice', async () => {
  await assert.rejects(signJwt({ exp: NOW }, hsKey, { now: NOW, expiresInSec: 60 }), {
    code: 'ARGUMENT_INVALID',
    message: 'The "exp" claim is set both in the claims and through an option; set it once.',
  })
  await assert.rejects(signJwt({ iss: 'a' }, hsKey, { issuer: 'b' }), {
    code: 'ARGUMENT_INVALID',
    message: 'The "iss" claim is set both in the claims and through an option; set it once.',
  })
})

test('signJwt keeps a caller iat', async () => {
  const token = await signJwt({ iat: NOW - 10 }, hsKey, { now: NOW })
  assert.deepEqual(decodeUnverified(token).claims, { iat: NOW - 10 })
})

test('signJwt rejects invalid input', async () => {
  const cases: [unknown, unknown, unknown, string, string][] = [
    [[], hsKey, {}, 'ARGUMENT_INVALID', 'The claims must be a plain object.'],
    [null, hsKey, {}, 'ARGUMENT_INVALID', 'The claims must be a plain object.'],
    [
      {},
      'secret',
      {},
      'ARGUMENT_INVALID',
      'The signing key must be a JotKey; import raw material with importJwk, importPem or importSecret first.',
    ],
    [
      {},
      hsKey,
      { header: { alg: 'none' } },
      'OPTION_INVALID',
      'The header parameter "alg" cannot be set here; the key determines alg, and crit and b64 need the JSON serialization.',
    ],
    [
      {},
      hsKey,
      { header: { kid: 5 } },
      'OPTION_INVALID',
      'The header parameter "kid" must be a string.',
    ],
    [
      {},
      hsKey,
      { header: { typ: ['JWT'] } },
      'OPTION_INVALID',
      'The header parameter "typ" must be a string.',
    ],
    [
      {},
      hsKey,
      { expiresInSec: 0 },
      'OPTION_INVALID',
      'The "expiresInSec" option must be a number of seconds from 1 to 315360000.',
    ],
    [
      {},
      hsKey,
      { expiresInSec: '1h' },
      'OPTION_INVALID',
      'The "expiresInSec" option must be a number of seconds from 1 to 315360000.',
    ],
    [
      {},
      hsKey,
      { audience: [] },
      'OPTION_INVALID',
      'The "audience" option must be a non-empty string or array of strings.',
    ],
    [{}, hsKey, { issuer: 5 }, 'OPTION_INVALID', 'The "issuer" option must be a non-empty string.'],
  ]
  for (const [claims, key, options, code, message] of cases) {
    await assert.rejects(signJwt(claims as never, key as never, options as never), {
      code,
      message,
    })
  }
})

test('createSigner reads the clock per call', async () => {
  let now = NOW
  const options = { now: () => now, expiresInSec: 60 }
  // The Web Crypto backend has no synchronous signer, so the async one is used there instead.
  const sign = isSynchronousBackend()
    ? createSigner(hsKey, options)
    : (claims: { sub: string }) => signJwt(claims, hsKey, options)
  const first = decodeUnverified(await sign({ sub: 'a' })).claims
  now = NOW + 30
  const second = decodeUnverified(await sign({ sub: 'a' })).claims
  assert.deepEqual(first, { sub: 'a', iat: NOW, exp: NOW + 60 })
  assert.deepEqual(second, { sub: 'a', iat: NOW + 30, exp: NOW + 90 })
})

test('createSigner refuses a key bound elsewhere', async () => {
  const k = Buffer.from(SECRET).toString('base64url')
  const encKey = await importJwk({ kty: 'oct', k, use: 'enc' }, { alg: 'HS256' })
  assert.equal(encKey.use, 'enc')
  assert.throws(() => createSigner(encKey), {
    code: 'KEY_INVALID',
    message: 'The key is marked use "enc" and cannot sign.',
  })
})

test('signJwt rejects unknown options', async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ expiresIn: 60 }, 'signJwt has no option "expiresIn". Use expiresInSec (seconds).'],
    [
      { algorithm: 'HS512' },
      'signJwt has no option "algorithm". Use nothing: the key determines the algorithm.',
    ],
    [{ colour: 'blue' }, 'signJwt has no option "colour".'],
  ]
  for (const [options, message] of cases) {
    await assert.rejects(signJwt({}, hsKey, options), { code: 'OPTION_INVALID', message })
  }
  assert.throws(() => createSigner(hsKey, { notBefore: 1 } as never), {
    code: 'OPTION_INVALID',
    message: 'createSigner has no option "notBefore". Use notBeforeSec (seconds).',
  })
})

test('signJwt rejects typ set twice', async () => {
  await assert.rejects(signJwt({}, hsKey, { typ: 'a', header: { typ: 'b' } }), {
    code: 'OPTION_INVALID',
    message: 'The header parameter "typ" is set both as an option and in "header"; set it once.',
  })
})

test('signJwt rejects registered claims of wrong type', async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ exp: '123' }, 'The "exp" claim must be a number of seconds since the epoch.'],
    [{ nbf: Number.NaN }, 'The "nbf" claim must be a number of seconds since the epoch.'],
    [{ iat: null }, 'The "iat" claim must be a number of seconds since the epoch.'],
    [{ sub: 42 }, 'The "sub" claim must be a string.'],
    [{ aud: ['a', 1] }, 'The "aud" claim must be a string or an array of strings.'],
  ]
  for (const [claims, message] of cases) {
    await assert.rejects(signJwt(claims, hsKey), { code: 'ARGUMENT_INVALID', message })
  }
})
