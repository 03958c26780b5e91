import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import { cacheRevocationChecks } from '../src/revocation-cache.js'
import { openSqliteStore } from '../src/store/sqlite.js'
import type { Store } from '../src/store/store.js'
import { NOW } from './fixtures/server.js'
import { makeTempDir } from './fixtures/temp.js'
import { wrapStore } from './fixtures/wrap-store.js'

const PROPAGATION_MS = 1000

/** Two connections to one SQLite file, as two service processes on one machine have. */
async function openTwoStores(t: TestContext): Promise<[Store, Store]> {
  const path = join(makeTempDir(t), 'jot.db')
  const first = await openSqliteStore(path)
  t.after(() => first.close())
  const second = await openSqliteStore(path)
  t.after(() => second.close())
  return [first, second]
}

function cached(store: Store, clock: { ms: number }, maxEntries = 100) {
  return cacheRevocationChecks(store, {
    propagationMs: PROPAGATION_MS,
    maxEntries,
    clockMs: () => clock.ms,
  })
}

/** Wraps a store so that the test can count its lookups. */
function countLookups(store: Store) {
  const counter = { lookups: 0 }
  const counted = wrapStore(store, {
    isAccessTokenRevoked: (jti, now) => {
      counter.lookups += 1
      return store.isAccessTokenRevoked(jti, now)
    },
  })
  return { counted, counter }
}

test('revocation cache sees own revocation', async (t) => {
  const [store] = await openTwoStores(t)
  const list = cached(store, { ms: 0 })
  const before = await list.isAccessTokenRevoked('jti-a', NOW)

  await list.revokeAccessToken('jti-a', NOW + 900, NOW)

  assert.equal(before, false)
  assert.equal(await list.isAccessTokenRevoked('jti-a', NOW), true)
})

test('revocation cache sees other instance within delay', async (t) => {
  const [storeA, storeB] = await openTwoStores(t)
  const clockB = { ms: 0 }
  const instanceA = cached(storeA, { ms: 0 })
  const instanceB = cached(storeB, clockB)
  const before = await instanceB.isAccessTokenRevoked('jti-a', NOW)

  await instanceA.revokeAccessToken('jti-a', NOW + 900, NOW)
  // Until the delay has passed since B last read the version, B may still use its result.
  clockB.ms = PROPAGATION_MS - 1
  const withinDelay = await instanceB.isAccessTokenRevoked('jti-a', NOW)
  clockB.ms = PROPAGATION_MS

  assert.equal(before, false)
  assert.equal(withinDelay, false)
  assert.equal(await instanceB.isAccessTokenRevoked('jti-a', NOW), true)
})

test('revocation cache remembers unrevoked jti', async (t) => {
  const [store] = await openTwoStores(t)
  const { counted, counter } = countLookups(store)
  const list = cached(counted, { ms: 0 })

  const first = await list.isAccessTokenRevoked('jti-a', NOW)
  const second = await list.isAccessTokenRevoked('jti-a', NOW)

  assert.equal(first, false)
  assert.equal(second, false)
  assert.equal(counter.lookups, 1)
})

test('revocation cache knows unrevoked jti', async (t) => {
  const [store] = await openTwoStores(t)
  const clock = { ms: 0 }
  const list = cached(store, clock)
  const beforeLookup = list.isKnownNotRevoked?.('jti-a')
  await list.isAccessTokenRevoked('jti-a', NOW)
  const afterLookup = list.isKnownNotRevoked?.('jti-a')
  const otherJti = list.isKnownNotRevoked?.('jti-b')
  clock.ms = PROPAGATION_MS
  const afterDelay = list.isKnownNotRevoked?.('jti-a')

  assert.equal(beforeLookup, false)
  assert.equal(afterLookup, true)
  assert.equal(otherJti, false)
  assert.equal(afterDelay, false)
})

test('revocation cache forgets revoked jti at once', async (t) => {
  const [store] = await openTwoStores(t)
  const list = cached(store, { ms: 0 })
  await list.isAccessTokenRevoked('jti-a', NOW)

  await list.revokeAccessToken('jti-a', NOW + 900, NOW)

  assert.equal(list.isKnownNotRevoked?.('jti-a'), false)
})

test('revocation cache never remembers revoked jti', async (t) => {
  const [storeA, storeB] = await openTwoStores(t)
  await storeA.revokeAccessToken('jti-a', NOW + 900, NOW)
  const { counted, counter } = countLookups(storeB)
  const list = cached(counted, { ms: 0 })

  const first = await list.isAccessTokenRevoked('jti-a', NOW)
  const second = await list.isAccessTokenRevoked('jti-a', NOW)

  assert.equal(first, true)
  assert.equal(second, true)
  assert.equal(counter.lookups, 2)
})

test('revocation cache new version forgets all', async (t) => {
  const [storeA, storeB] = await openTwoStores(t)
  const clockB = { ms: 0 }
  const { counted, counter } = countLookups(storeB)
  const instanceB = cached(counted, clockB)
  await instanceB.isAccessTokenRevoked('jti-a', NOW)

  await storeA.revokeAccessToken('jti-other', NOW + 900, NOW)
  clockB.ms = PROPAGATION_MS

  assert.equal(await instanceB.isAccessTokenRevoked('jti-a', NOW), false)
  assert.equal(counter.lookups, 2)
})

test('revocation cache drops oldest jti', async (t) => {
  const [store] = await openTwoStores(t)
  const { counted, counter } = countLookups(store)
  const list = cached(counted, { ms: 0 }, 2)

  for (const jti of ['jti-a', 'jti-b', 'jti-c', 'jti-c', 'jti-b', 'jti-a']) {
    await list.isAccessTokenRevoked(jti, NOW)
  }

  // jti-c pushed out jti-a, the oldest, so jti-a was looked up twice.
  assert.equal(counter.lookups, 4)
})

test('revocation cache ignores lookup overtaken by revocation', async (t) => {
  const [store] = await openTwoStores(t)
  let signalRead = () => {}
  const lookupRead = new Promise<void>((resolve) => {
    signalRead = resolve
  })
  let releaseLookup = () => {}
  const lookupHeld = new Promise<void>((resolve) => {
    releaseLookup = resolve
  })
  const slow = wrapStore(store, {
    isAccessTokenRevoked: async (jti, now) => {
      const revoked = await store.isAccessTokenRevoked(jti, now)
      signalRead()
      await lookupHeld
      return revoked
    },
  })
  const list = cached(slow, { ms: 0 })

  // The lookup reads "not revoked", then the revocation completes before the lookup returns.
  const racing = list.isAccessTokenRevoked('jti-a', NOW)
  await lookupRead
  await list.revokeAccessToken('jti-a', NOW + 900, NOW)
  releaseLookup()

  assert.equal(await racing, false)
  assert.equal(await list.isAccessTokenRevoked('jti-a', NOW), true)
})

test('revocation cache retries failed version read', async (t) => {
  const [store] = await openTwoStores(t)
  const outage = new Error('The store is unreachable.')
  let failures = 1
  const flaky = wrapStore(store, {
    readRevocationVersion: () => {
      if (failures === 0) return store.readRevocationVersion()
      failures -= 1
      return Promise.reject(outage)
    },
  })
  const list = cached(flaky, { ms: 0 })

  await assert.rejects(list.isAccessTokenRevoked('jti-a', NOW), outage)
  assert.equal(await list.isAccessTokenRevoked('jti-a', NOW), false)
})
