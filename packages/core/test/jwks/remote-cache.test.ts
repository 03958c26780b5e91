import { test } from 'node:test'
import assert from 'node:assert/strict'
import { remoteKeySet, verifyJwt } from '../../src/index.js'
import type { FetchFunction, JotError, RemoteKeySetSnapshot } from '../../src/index.js'
import { NOW } from '../fixtures/tokens.js'
import { NOW_MS, issuerKey, jotError, startJwksServer, tokenFor } from './helpers.js'

const current = await issuerKey('ES256', 'current')
const token = await tokenFor(current)
const options = { now: NOW }
const URL_TEXT = 'https://auth.example.com/jwks.json'

/** A fetch that must not be called, counting the calls it gets. */
function unreachable(): { fetch: FetchFunction; readonly calls: number } {
  let calls = 0
  return {
    fetch: () => {
      calls++
      return Promise.reject(new Error('no network in this test'))
    },
    get calls() {
      return calls
    },
  }
}

function snapshot(overrides: Record<string, unknown> = {}): RemoteKeySetSnapshot {
  return {
    version: 1,
    url: URL_TEXT,
    fetchedAtMs: NOW_MS,
    maxAgeMs: 600_000,
    jwks: { keys: [current.jwk] },
    ...overrides,
  }
}

test('exportCache returns plain JSON snapshot', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.serve({ keys: [current.jwk], issuer: 'ignored' })
  const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS + 0.25 })

  assert.equal(keySet.exportCache(), undefined)
  await verifyJwt(token, keySet, options)
  const exported = keySet.exportCache()
  assert.deepEqual(exported, {
    version: 1,
    url: server.url,
    fetchedAtMs: NOW_MS,
    maxAgeMs: 600_000,
    jwks: { keys: [current.jwk] },
  })
  assert.deepEqual(JSON.parse(JSON.stringify(exported)), exported)
})

test('exportCache copies the keys', async () => {
  const keySet = remoteKeySet(URL_TEXT, { nowMs: () => NOW_MS, fetch: unreachable().fetch })
  await keySet.importCache(snapshot())

  const first = keySet.exportCache()!
  ;(first.jwks.keys as unknown[]).push({ kty: 'oct' })
  assert.deepEqual(keySet.exportCache(), snapshot())
})

test('importCache serves keys without fetching', async () => {
  const network = unreachable()
  const keySet = remoteKeySet(URL_TEXT, { nowMs: () => NOW_MS + 1000, fetch: network.fetch })

  await keySet.importCache(JSON.parse(JSON.stringify(snapshot())) as RemoteKeySetSnapshot)
  assert.equal((await verifyJwt(token, keySet, options)).header.kid, 'current')
  assert.equal(network.calls, 0)
  assert.deepEqual(keySet.exportCache(), snapshot())
})

test('importCache with stale snapshot refetches', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  const next = await issuerKey('ES256', 'next')
  server.serve({ keys: [next.jwk] })
  const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS })

  await keySet.importCache(snapshot({ url: server.url, fetchedAtMs: NOW_MS - 600_000 }))
  assert.equal((await verifyJwt(await tokenFor(next), keySet, options)).header.kid, 'next')
  assert.equal(server.requests, 1)
})

test('importCache stale snapshot outlives outage', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.handle((_request, response) => response.writeHead(503).end())
  const reported: JotError[] = []
  const keySet = remoteKeySet(server.url, {
    nowMs: () => NOW_MS,
    onError: (error) => reported.push(error),
  })

  await keySet.importCache(snapshot({ url: server.url, fetchedAtMs: NOW_MS - 3_600_000 }))
  assert.equal((await verifyJwt(token, keySet, options)).header.kid, 'current')
  assert.equal(server.requests, 1)
  assert.deepEqual(
    reported.map((error) => error.code),
    ['JWKS_FETCH_FAILED'],
  )
})

test('importCache copies the snapshot', async () => {
  const keySet = remoteKeySet(URL_TEXT, { nowMs: () => NOW_MS + 0.5, fetch: unreachable().fetch })
  const imported = snapshot({ jwks: { keys: [current.jwk] } })

  await keySet.importCache(imported)
  ;(imported.jwks.keys as unknown[]).push({ kty: 'oct' })
  assert.deepEqual(keySet.exportCache(), snapshot())
})

test('importCache clamps times to limits', async () => {
  const keySet = remoteKeySet(URL_TEXT, {
    nowMs: () => NOW_MS + 0.5,
    cacheMaxAgeMs: 60_000,
    fetch: unreachable().fetch,
  })

  await keySet.importCache(snapshot({ fetchedAtMs: NOW_MS + 86_400_000, maxAgeMs: 86_400_000 }))
  assert.deepEqual(keySet.exportCache(), snapshot({ maxAgeMs: 60_000 }))
})

test('importCache lists skipped keys', async () => {
  const keySet = remoteKeySet(URL_TEXT, { nowMs: () => NOW_MS, fetch: unreachable().fetch })

  await keySet.importCache(snapshot({ jwks: { keys: ['not a key', current.jwk] } }))
  assert.deepEqual(keySet.skipped, [
    {
      index: 0,
      kid: undefined,
      code: 'KEY_INVALID',
      message: 'The JWK Set entry is a string, not a JWK.',
    },
  ])
  assert.equal((await verifyJwt(token, keySet, options)).header.kid, 'current')
})

test('importCache rejects malformed snapshots', async () => {
  const keySet = remoteKeySet(URL_TEXT, { nowMs: () => NOW_MS, fetch: unreachable().fetch })
  const cases: [unknown, string][] = [
    [null, 'The key set snapshot must be an object, not null.'],
    ['{}', 'The key set snapshot must be an object, not a string.'],
    [snapshot({ version: 2 }), 'The key set snapshot has an unsupported "version"; expected 1.'],
    [snapshot({ version: '1' }), 'The key set snapshot has an unsupported "version"; expected 1.'],
    [
      snapshot({ url: 'https://other.example.com/jwks.json' }),
      'The key set snapshot was exported from a key set with another URL.',
    ],
    [
      snapshot({ fetchedAtMs: -1 }),
      'The key set snapshot needs "fetchedAtMs", a whole number of milliseconds since the epoch.',
    ],
    [
      snapshot({ fetchedAtMs: 1.5 }),
      'The key set snapshot needs "fetchedAtMs", a whole number of milliseconds since the epoch.',
    ],
    [
      snapshot({ fetchedAtMs: String(NOW_MS) }),
      'The key set snapshot needs "fetchedAtMs", a whole number of milliseconds since the epoch.',
    ],
    [
      snapshot({ maxAgeMs: 0 }),
      'The key set snapshot needs "maxAgeMs", a positive whole number of milliseconds.',
    ],
    [
      snapshot({ maxAgeMs: Number.POSITIVE_INFINITY }),
      'The key set snapshot needs "maxAgeMs", a positive whole number of milliseconds.',
    ],
    [
      snapshot({ jwks: undefined }),
      'The key set snapshot\'s "jwks" must be an object with a "keys" array, not undefined.',
    ],
    [snapshot({ jwks: {} }), 'The key set snapshot\'s "jwks" has no "keys" member.'],
    [snapshot({ jwks: { keys: [1n] } }), 'The key set snapshot is not plain JSON.'],
    [
      snapshot({ jwks: { keys: 'none' } }),
      'The "keys" member of the key set snapshot\'s "jwks" must be an array, not a string.',
    ],
  ]
  for (const [value, message] of cases) {
    await assert.rejects(
      keySet.importCache(value as RemoteKeySetSnapshot),
      jotError('JWKS_INVALID', message),
      message,
    )
  }
  assert.equal(keySet.exportCache(), undefined)
})
