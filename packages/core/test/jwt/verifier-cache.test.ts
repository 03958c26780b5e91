import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createVerifier, importSecret, signJwt, verifyJwt } from '../../src/index.js'
import { isSynchronousBackend } from '../fixtures/backend.js'
import { NOW, SECRET } from '../fixtures/tokens.js'

const hsKey = await importSecret(SECRET, { alg: 'HS256', kid: 'k1' })
const otherKey = await importSecret(
  SECRET.map((byte) => byte ^ 0xff),
  { alg: 'HS256', kid: 'k1' },
)
const sync = isSynchronousBackend()

/** Creates a clock the test moves by hand. */
function manualClock(start: number): { now: () => number; set: (seconds: number) => void } {
  let current = start
  return {
    now: () => current,
    set: (seconds) => {
      current = seconds
    },
  }
}

function tokenFor(sub: string, options: { expiresInSec?: number; notBeforeSec?: number } = {}) {
  return signJwt({ sub }, hsKey, { now: NOW, ...options })
}

test('cached verifier returns same frozen result', { skip: !sync }, async () => {
  const token = await tokenFor('user-1', { expiresInSec: 60 })
  const verify = createVerifier(hsKey, { now: NOW, cache: { maxEntries: 10 } })
  const first = verify(token)
  const second = verify(token)
  assert.equal(second, first)
  assert.deepEqual(first, {
    header: { alg: 'HS256', kid: 'k1', typ: 'JWT' },
    claims: { sub: 'user-1', iat: NOW, exp: NOW + 60 },
  })
  assert.equal(Object.isFrozen(first), true)
  assert.equal(Object.isFrozen(first.claims), true)
  assert.equal(Object.isFrozen(first.header), true)
})

test('uncached verifier returns fresh results', { skip: !sync }, async () => {
  const token = await tokenFor('user-1')
  const verify = createVerifier(hsKey, { now: NOW })
  assert.notEqual(verify(token), verify(token))
})

test('cached verifier honours exp', { skip: !sync }, async () => {
  const token = await tokenFor('user-1', { expiresInSec: 60 })
  const clock = manualClock(NOW)
  const verify = createVerifier(hsKey, { now: clock.now, cache: { maxEntries: 10 } })
  const first = verify(token)
  clock.set(NOW + 59)
  assert.equal(verify(token), first)
  clock.set(NOW + 60)
  assert.throws(() => verify(token), { code: 'TOKEN_EXPIRED', message: 'The token has expired.' })
  // The expired entry is gone: going back in time verifies the token again, as a new result.
  clock.set(NOW)
  const again = verify(token)
  assert.notEqual(again, first)
  assert.deepEqual(again, first)
})

test('cached verifier honours clock tolerance', { skip: !sync }, async () => {
  const token = await tokenFor('user-1', { expiresInSec: 60 })
  const clock = manualClock(NOW)
  const verify = createVerifier(hsKey, {
    now: clock.now,
    clockToleranceSec: 30,
    cache: { maxEntries: 10 },
  })
  const first = verify(token)
  clock.set(NOW + 89)
  assert.equal(verify(token), first)
  clock.set(NOW + 90)
  assert.throws(() => verify(token), { code: 'TOKEN_EXPIRED', message: 'The token has expired.' })
})

test('cached verifier rechecks nbf', { skip: !sync }, async () => {
  const token = await tokenFor('user-1', { notBeforeSec: 0, expiresInSec: 60 })
  const clock = manualClock(NOW)
  const verify = createVerifier(hsKey, { now: clock.now, cache: { maxEntries: 10 } })
  verify(token)
  // A clock set back, as an injected clock may be, finds the token not yet valid.
  clock.set(NOW - 1)
  assert.throws(() => verify(token), {
    code: 'TOKEN_NOT_YET_VALID',
    message: 'The token is not valid yet.',
  })
})

test('cached verifier honours maxAgeSec', { skip: !sync }, async () => {
  const token = await tokenFor('user-1', { expiresInSec: 3600 })
  const clock = manualClock(NOW)
  const verify = createVerifier(hsKey, {
    now: clock.now,
    maxAgeSec: 300,
    cache: { maxEntries: 10 },
  })
  const first = verify(token)
  clock.set(NOW + 300)
  assert.equal(verify(token), first)
  clock.set(NOW + 301)
  assert.throws(() => verify(token), {
    code: 'TOKEN_TOO_OLD',
    message: 'The token is older than 300 seconds.',
  })
})

test('cached verifier never caches failures', { skip: !sync }, async () => {
  const token = await tokenFor('user-1', { notBeforeSec: 10, expiresInSec: 60 })
  const clock = manualClock(NOW)
  const verify = createVerifier(hsKey, { now: clock.now, cache: { maxEntries: 10 } })
  assert.throws(() => verify(token), {
    code: 'TOKEN_NOT_YET_VALID',
    message: 'The token is not valid yet.',
  })
  clock.set(NOW + 10)
  assert.deepEqual(verify(token).claims, {
    sub: 'user-1',
    iat: NOW,
    exp: NOW + 60,
    nbf: NOW + 10,
  })
})

test('cached verifier rejects tampered token', { skip: !sync }, async () => {
  const token = await tokenFor('user-1')
  const verify = createVerifier(hsKey, { now: NOW, cache: { maxEntries: 10 } })
  verify(token)
  const last = token.at(-2) === 'A' ? 'B' : 'A'
  const tampered = `${token.slice(0, -2)}${last}${token.slice(-1)}`
  assert.throws(() => verify(tampered), {
    code: 'SIGNATURE_INVALID',
    message: 'The signature is invalid.',
  })
  // The good token still hits after the failure.
  assert.equal(verify(token), verify(token))
})

test('cached verifier evicts least recently used', { skip: !sync }, async () => {
  const tokens = await Promise.all(['a', 'b', 'c'].map((sub) => tokenFor(sub)))
  const [a, b, c] = tokens as [string, string, string]
  const verify = createVerifier(hsKey, { now: NOW, cache: { maxEntries: 2 } })
  const resultA = verify(a)
  const resultB = verify(b)
  // Using a makes b the least recently used, so c evicts b.
  assert.equal(verify(a), resultA)
  verify(c)
  assert.equal(verify(a), resultA)
  assert.notEqual(verify(b), resultB)
})

test('cached verifier keeps hit token', { skip: !sync }, async () => {
  const tokens = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((sub) => tokenFor(sub)))
  const [a, b, c, d, e, f] = tokens as [string, string, string, string, string, string]
  const verify = createVerifier(hsKey, { now: NOW, cache: { maxEntries: 4 } })
  const results = [a, b, c, d].map((token) => verify(token))
  // A hit is kept for at least maxEntries / 2 further additions, here e and f.
  assert.equal(verify(d), results[3])
  verify(e)
  verify(f)
  assert.equal(verify(d), results[3])
  assert.notEqual(verify(a), results[0])
})

test('cached verifiers share no entries', { skip: !sync }, async () => {
  const token = await tokenFor('user-1')
  const verify = createVerifier(hsKey, { now: NOW, cache: { maxEntries: 10 } })
  const other = createVerifier(otherKey, { now: NOW, cache: { maxEntries: 10 } })
  const strict = createVerifier(hsKey, {
    now: NOW,
    issuer: 'https://issuer.test',
    cache: { maxEntries: 10 },
  })
  verify(token)
  assert.throws(() => other(token), {
    code: 'SIGNATURE_INVALID',
    message: 'The signature is invalid.',
  })
  assert.throws(() => strict(token), {
    code: 'CLAIM_INVALID',
    message: 'The "iss" claim is missing.',
  })
})

test('createVerifier rejects invalid cache options', () => {
  const cases: [unknown, string][] = [
    [true, 'The "cache" option must be an object such as { maxEntries: 1000 }.'],
    [null, 'The "cache" option must be an object such as { maxEntries: 1000 }.'],
    [[], 'The "cache" option must be an object such as { maxEntries: 1000 }.'],
    [{}, 'The "cache.maxEntries" option must be a positive whole number.'],
    [{ maxEntries: 0 }, 'The "cache.maxEntries" option must be a positive whole number.'],
    [{ maxEntries: 1.5 }, 'The "cache.maxEntries" option must be a positive whole number.'],
    [{ maxEntries: NaN }, 'The "cache.maxEntries" option must be a positive whole number.'],
    [{ maxEntries: '10' }, 'The "cache.maxEntries" option must be a positive whole number.'],
    [{ maxEntries: 10, ttl: 5 }, 'The "cache" option has no member "ttl".'],
  ]
  for (const [cache, message] of cases) {
    assert.throws(() => createVerifier(hsKey, { cache: cache as never }), {
      code: 'OPTION_INVALID',
      message,
    })
  }
})

test('verifyJwt has no cache option', async () => {
  const token = await tokenFor('user-1')
  await assert.rejects(verifyJwt(token, hsKey, { now: NOW, cache: { maxEntries: 10 } } as never), {
    code: 'OPTION_INVALID',
    message: 'verifyJwt has no option "cache".',
  })
})
