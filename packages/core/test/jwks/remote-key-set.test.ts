import { test } from 'node:test'
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { createVerifier, importSecret, remoteKeySet, signJwt, verifyJwt } from '../../src/index.js'
import type { JotError } from '../../src/index.js'
import { NOW, SECRET } from '../fixtures/tokens.js'
import {
  CLAIMS,
  NOW_MS,
  errorFields,
  issuerKey,
  jotError,
  startJwksServer,
  tokenFor,
  without,
} from './helpers.js'

const current = await issuerKey('ES256', 'current')
const next = await issuerKey('ES256', 'next')
const options = { now: NOW }

function noMatchingKey(kid: string, alg = 'ES256') {
  return jotError(
    'NO_MATCHING_KEY',
    `No verification key matches the token's alg "${alg}" and kid "${kid}".`,
  )
}

function unavailable(url: string, status: number) {
  return {
    ...jotError('JWKS_FETCH_FAILED', `The JWKS at ${url} returned HTTP ${status}; expected 200.`),
    details: { reason: 'status', status },
  }
}

test('remoteKeySet verifies with fetched key', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.serve({ keys: [current.jwk] })
  const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS })

  assert.equal(server.requests, 0)
  assert.deepEqual(await verifyJwt(await tokenFor(current), keySet, options), {
    header: { alg: 'ES256', kid: 'current', typ: 'JWT' },
    claims: CLAIMS,
  })
  assert.equal(server.requests, 1)
  assert.deepEqual(
    keySet.keys.map((key) => [key.kid, key.alg, key.kind]),
    [['current', 'ES256', 'public']],
  )
})

test('remoteKeySet picks up rotated key', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.serve({ keys: [current.jwk] })
  let clock = NOW_MS
  const keySet = remoteKeySet(server.url, { nowMs: () => clock })
  const oldToken = await tokenFor(current)
  const newToken = await tokenFor(next)

  await verifyJwt(oldToken, keySet, options)
  server.serve({ keys: [next.jwk] })
  clock += 1000
  await assert.rejects(verifyJwt(newToken, keySet, options), noMatchingKey('next'))
  assert.equal(server.requests, 1)

  clock += 29_000
  assert.equal((await verifyJwt(newToken, keySet, options)).header.kid, 'next')
  assert.equal(server.requests, 2)
  await assert.rejects(verifyJwt(oldToken, keySet, options), noMatchingKey('current'))
  assert.equal(server.requests, 2)
})

test('remoteKeySet honours cooldown under flood', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.serve({ keys: [current.jwk] })
  let clock = NOW_MS
  const keySet = remoteKeySet(server.url, { nowMs: () => clock, cooldownMs: 10_000 })
  const forged = await Promise.all(
    Array.from({ length: 50 }, (_, i) => tokenFor(current, `made-up-${i}`)),
  )

  for (const token of forged) {
    await assert.rejects(verifyJwt(token, keySet, options), { code: 'NO_MATCHING_KEY' })
  }
  assert.equal(server.requests, 1)

  clock += 10_000
  const results = await Promise.allSettled(forged.map((token) => verifyJwt(token, keySet, options)))
  assert.deepEqual(new Set(results.map((result) => result.status)), new Set(['rejected']))
  assert.equal(server.requests, 2)

  clock += 9_999
  await assert.rejects(verifyJwt(forged[0]!, keySet, options), { code: 'NO_MATCHING_KEY' })
  assert.equal(server.requests, 2)
  clock += 1
  await assert.rejects(verifyJwt(forged[0]!, keySet, options), { code: 'NO_MATCHING_KEY' })
  assert.equal(server.requests, 3)
})

test('remoteKeySet fetches once for 100 cold verifications', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.serve({ keys: [current.jwk] })
  const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS })
  const token = await tokenFor(current)

  const results = await Promise.all(
    Array.from({ length: 100 }, () => verifyJwt(token, keySet, options)),
  )
  assert.equal(server.requests, 1)
  assert.equal(results.length, 100)
  for (const result of results) assert.deepEqual(result.claims, CLAIMS)
})

test('remoteKeySet serves stale keys during outage', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.serve({ keys: [current.jwk] })
  let clock = NOW_MS
  const reported: JotError[] = []
  const keySet = remoteKeySet(server.url, {
    nowMs: () => clock,
    onError: (error) => reported.push(error),
  })
  const token = await tokenFor(current)

  await verifyJwt(token, keySet, options)
  server.handle((_request, response) => response.writeHead(503).end())
  clock += 10 * 60 * 1000
  assert.equal((await verifyJwt(token, keySet, options)).header.kid, 'current')
  assert.equal(server.requests, 2)
  assert.equal(reported.length, 1)
  assert.deepEqual(errorFields(reported[0]), unavailable(server.url, 503))

  await verifyJwt(token, keySet, options)
  assert.equal(server.requests, 2)
  clock += 30_000
  await verifyJwt(token, keySet, options)
  assert.equal(server.requests, 3)
  assert.equal(reported.length, 2)

  server.serve({ keys: [current.jwk] })
  clock += 30_000
  await verifyJwt(token, keySet, options)
  clock += 30_000
  await verifyJwt(token, keySet, options)
  assert.equal(server.requests, 4)
  assert.equal(reported.length, 2)
})

test('remoteKeySet reports failed refetch for unknown kid', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.serve({ keys: [current.jwk] })
  let clock = NOW_MS
  const reported: JotError[] = []
  const keySet = remoteKeySet(server.url, {
    nowMs: () => clock,
    onError: (error) => reported.push(error),
  })

  await verifyJwt(await tokenFor(current), keySet, options)
  server.handle((_request, response) => response.writeHead(500).end())
  clock += 30_000
  await assert.rejects(verifyJwt(await tokenFor(next), keySet, options), noMatchingKey('next'))
  assert.equal(server.requests, 2)
  assert.equal(reported.length, 1)
  assert.equal(reported[0]?.code, 'JWKS_FETCH_FAILED')
})

test('remoteKeySet ignores failing onError hook', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.serve({ keys: [current.jwk] })
  let clock = NOW_MS
  // The second hook breaks the declared void return type, as an async logger would.
  const rejecting = (() => Promise.reject(new Error('hook failed later'))) as () => void
  const hooks = [
    () => {
      throw new Error('hook failed')
    },
    rejecting,
  ]
  for (const onError of hooks) {
    const keySet = remoteKeySet(server.url, { nowMs: () => clock, onError })
    const token = await tokenFor(current)
    await verifyJwt(token, keySet, options)
    server.handle((_request, response) => response.writeHead(503).end())
    clock += 10 * 60 * 1000
    assert.equal((await verifyJwt(token, keySet, options)).header.kid, 'current')
    server.serve({ keys: [current.jwk] })
  }
})

test('remoteKeySet rethrows cold failure until cooldown', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.handle((_request, response) => response.writeHead(503).end())
  let clock = NOW_MS
  const reported: JotError[] = []
  const keySet = remoteKeySet(server.url, {
    nowMs: () => clock,
    onError: (error) => reported.push(error),
  })
  const token = await tokenFor(current)

  await assert.rejects(verifyJwt(token, keySet, options), unavailable(server.url, 503))
  server.serve({ keys: [current.jwk] })
  await assert.rejects(verifyJwt(token, keySet, options), unavailable(server.url, 503))
  assert.equal(server.requests, 1)
  assert.deepEqual(reported, [])

  clock += 30_000
  assert.equal((await verifyJwt(token, keySet, options)).header.kid, 'current')
  assert.equal(server.requests, 2)
})

test('remoteKeySet reload ignores cooldown', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.serve({ keys: [current.jwk] })
  const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS })

  await keySet.reload()
  server.serve({ keys: [next.jwk] })
  await keySet.reload()
  assert.equal(server.requests, 2)
  assert.equal((await verifyJwt(await tokenFor(next), keySet, options)).header.kid, 'next')

  server.handle((_request, response) => response.writeHead(502).end())
  await assert.rejects(keySet.reload(), unavailable(server.url, 502))
  assert.deepEqual(
    keySet.keys.map((key) => key.kid),
    ['next'],
  )
  await Promise.all(
    [keySet.reload(), keySet.reload()].map((reload) => reload.catch(() => undefined)),
  )
  assert.equal(server.requests, 4)
})

test('remoteKeySet shortens cache by Cache-Control', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  const cases: [string, number][] = [
    ['max-age=60', 60_000],
    ['public, max-age="120"', 120_000],
    ['max-age=100000', 600_000],
    ['max-age=5', 30_000],
    ['no-store', 30_000],
    ['max-age=60, no-cache', 30_000],
    ['max-age=abc', 30_000],
    ['max-age=90, max-age=10', 90_000],
    ['private', 600_000],
  ]
  for (const [cacheControl, maxAgeMs] of cases) {
    server.serve({ keys: [current.jwk] }, { 'cache-control': cacheControl })
    const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS })
    await keySet.reload()
    assert.equal(keySet.exportCache()?.maxAgeMs, maxAgeMs, cacheControl)
  }
})

test('remoteKeySet refetches after max-age', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.serve({ keys: [current.jwk] }, { 'cache-control': 'max-age=60' })
  let clock = NOW_MS
  const keySet = remoteKeySet(server.url, { nowMs: () => clock })
  const token = await tokenFor(current)

  await verifyJwt(token, keySet, options)
  clock += 59_999
  await verifyJwt(token, keySet, options)
  assert.equal(server.requests, 1)
  clock += 1
  await verifyJwt(token, keySet, options)
  assert.equal(server.requests, 2)
})

test('remoteKeySet lists skipped keys', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
    format: 'jwk',
  })
  server.serve({ keys: [{ ...weak, alg: 'RS256', kid: 'weak' }, current.jwk] })
  const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS })

  assert.deepEqual(keySet.skipped, [])
  assert.equal((await verifyJwt(await tokenFor(current), keySet, options)).header.kid, 'current')
  assert.deepEqual(keySet.skipped, [
    {
      index: 0,
      kid: 'weak',
      code: 'KEY_INVALID',
      message: 'The RSA key has a 1024-bit modulus; RS256 needs at least 2048 bits.',
    },
  ])
})

test('remoteKeySet never imports secret keys', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  const secret = {
    kty: 'oct',
    kid: 'shared',
    alg: 'HS256',
    k: Buffer.from(SECRET).toString('base64url'),
  }
  server.serve({ keys: [secret, current.jwk] })
  const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS, algorithms: ['HS256', 'ES256'] })
  const forged = await signJwt(CLAIMS, await importSecret(SECRET, { alg: 'HS256', kid: 'shared' }))

  await assert.rejects(verifyJwt(forged, keySet, options), noMatchingKey('shared', 'HS256'))
  assert.deepEqual(keySet.skipped, [
    {
      index: 0,
      kid: 'shared',
      code: 'KEY_INVALID',
      message:
        'It is a secret (oct) key, which is never accepted from a remote JWK Set: anyone who can fetch the set could sign with it.',
    },
  ])
  assert.deepEqual(
    keySet.keys.map((key) => key.kid),
    ['current'],
  )
})

test('remoteKeySet binds alg-less keys by option', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.serve({ keys: [without(current.jwk, 'alg')] })
  const keySet = remoteKeySet(server.url, {
    nowMs: () => NOW_MS,
    algorithms: ['ES256', 'RS256', 'HS256'],
  })

  assert.equal((await verifyJwt(await tokenFor(current), keySet, options)).header.kid, 'current')
  assert.deepEqual(
    keySet.keys.map((key) => key.alg),
    ['ES256'],
  )
})

test('createVerifier rejects remote key set', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.handle((_request, response) => response.writeHead(503).end())
  const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS })
  // @ts-expect-error A remote key set resolves asynchronously, which createVerifier cannot wait for.
  const verify = createVerifier(keySet, options)
  const token = await tokenFor(current)

  assert.throws(
    () => verify(token),
    jotError(
      'ARGUMENT_INVALID',
      'The key resolver returned a promise; synchronous verifiers need a synchronous resolver, or use verifyJwt.',
    ),
  )
  // The dropped request finishes, and fails, without an unhandled rejection.
  await assert.rejects(keySet.reload(), unavailable(server.url, 503))
  assert.equal(server.requests, 1)
})
