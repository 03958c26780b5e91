import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import { MasterKey } from '../../src/master-key.js'
import {
  listSigningKeys,
  loadOrCreateSigningKeys,
  rotateIfDue,
  rotateSigningKey,
} from '../../src/keys/rotation.js'
import { KEY_RETENTION_SEC } from '../../src/keys/schedule.js'
import { openPostgresStore } from '../../src/store/postgres.js'
import { openSqliteStore } from '../../src/store/sqlite.js'
import type { Store } from '../../src/store/store.js'
import { createTestDatabase } from '../fixtures/postgres.js'
import { makeTempDir } from '../fixtures/temp.js'

const NOW = 1_700_000_000
const DAY = 86_400
const masterKey = new MasterKey(new Uint8Array(32).fill(1))
const schedule = { masterKey, intervalSec: 30 * DAY, prepublishSec: 3600 }

async function openTempStore(t: TestContext): Promise<Store> {
  const store = await openSqliteStore(join(makeTempDir(t), 'jot.db'))
  t.after(() => store.close())
  return store
}

test('rotateSigningKey pre-publishes next key', async (t) => {
  const store = await openTempStore(t)
  const { keys } = await loadOrCreateSigningKeys(store, masterKey, NOW)
  const first = keys.signerAt(NOW).kid

  const result = await rotateSigningKey(store, { masterKey, now: NOW + 100, prepublishSec: 600 })

  assert.equal(result.rotated, true)
  assert.deepEqual(result.key, {
    kid: result.key.kid,
    alg: 'ES256',
    generation: 2,
    state: 'pending',
    createdAt: NOW + 100,
    activatesAt: NOW + 700,
    retiresAt: null,
    expiresAt: null,
  })
  assert.deepEqual(await listSigningKeys(store, { now: NOW + 100 }), [
    {
      kid: first,
      alg: 'ES256',
      generation: 1,
      state: 'active',
      createdAt: NOW,
      activatesAt: NOW,
      retiresAt: NOW + 700,
      expiresAt: NOW + 700 + KEY_RETENTION_SEC,
    },
    result.key,
  ])
})

test('listSigningKeys states over time', async (t) => {
  const store = await openTempStore(t)
  await loadOrCreateSigningKeys(store, masterKey, NOW)
  await rotateSigningKey(store, { masterKey, now: NOW, prepublishSec: 600 })
  const states = async (now: number) =>
    (await listSigningKeys(store, { now })).map((key) => key.state)

  assert.deepEqual(await states(NOW + 599), ['active', 'pending'])
  assert.deepEqual(await states(NOW + 600), ['retired', 'active'])
  assert.deepEqual(await states(NOW + 600 + KEY_RETENTION_SEC - 1), ['retired', 'active'])
  assert.deepEqual(await states(NOW + 600 + KEY_RETENTION_SEC), ['expired', 'active'])
})

test('rotateSigningKey keeps pending key', async (t) => {
  const store = await openTempStore(t)
  await loadOrCreateSigningKeys(store, masterKey, NOW)
  const first = await rotateSigningKey(store, { masterKey, now: NOW })

  const second = await rotateSigningKey(store, { masterKey, now: NOW + 60 })

  assert.equal(second.rotated, false)
  assert.deepEqual(second.key, { ...first.key, state: 'pending' })
  assert.equal((await store.listSigningKeys()).length, 2)
})

test('rotateSigningKey creates first key', async (t) => {
  const store = await openTempStore(t)

  const result = await rotateSigningKey(store, { masterKey, now: NOW })

  assert.equal(result.rotated, true)
  assert.equal(result.key.state, 'active')
  assert.equal(result.key.activatesAt, NOW)
})

test('rotateSigningKey rejects wrong master key', async (t) => {
  const store = await openTempStore(t)
  const { keys } = await loadOrCreateSigningKeys(store, masterKey, NOW)
  const wrongKey = new MasterKey(new Uint8Array(32).fill(9))

  await assert.rejects(rotateSigningKey(store, { masterKey: wrongKey, now: NOW }), {
    name: 'ServerError',
    code: 'MASTER_KEY_MISMATCH',
    message:
      `The signing key ${keys.signerAt(NOW).kid} cannot be decrypted with the configured master ` +
      'key. Set JOT_MASTER_KEY to the key it was stored with; the server never replaces a stored key.',
  })
  assert.equal((await store.listSigningKeys()).length, 1)
})

for (const prepublishSec of [299, 0, -1, 1.5, Number.NaN]) {
  test(`rotateSigningKey rejects prepublish ${prepublishSec}`, async (t) => {
    const store = await openTempStore(t)

    await assert.rejects(rotateSigningKey(store, { masterKey, now: NOW, prepublishSec }), {
      name: 'ServerError',
      code: 'OPTION_INVALID',
      message: 'prepublishSec must be a whole number of at least 300, the JWKS cache lifetime.',
    })
  })
}

test('rotateIfDue waits for interval', async (t) => {
  const store = await openTempStore(t)
  await loadOrCreateSigningKeys(store, masterKey, NOW)
  const dueAt = NOW + 30 * DAY - 3600

  const early = await rotateIfDue(store, { ...schedule, now: dueAt - 1 })
  const due = await rotateIfDue(store, { ...schedule, now: dueAt })
  const again = await rotateIfDue(store, { ...schedule, now: dueAt + 60 })

  assert.equal(early, undefined)
  assert.equal(due?.generation, 2)
  assert.equal(due.activatesAt, NOW + 30 * DAY)
  assert.equal(again, undefined)
})

test('rotateIfDue after downtime pre-publishes', async (t) => {
  const store = await openTempStore(t)
  await loadOrCreateSigningKeys(store, masterKey, NOW)
  const late = NOW + 90 * DAY

  const rotated = await rotateIfDue(store, { ...schedule, now: late })

  assert.equal(rotated?.activatesAt, late + 3600)
})

test('rotateIfDue once across instances', async (t) => {
  const url = await createTestDatabase(t)
  const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(url)))
  t.after(() => Promise.all(stores.map((store) => store.close())))
  await loadOrCreateSigningKeys(stores[0]!, masterKey, NOW)
  const now = NOW + 30 * DAY

  const results = await Promise.all(
    stores.flatMap((store) => [
      rotateIfDue(store, { ...schedule, now }),
      rotateIfDue(store, { ...schedule, now }),
    ]),
  )

  assert.equal(results.filter((result) => result !== undefined).length, 1)
  assert.deepEqual(
    (await stores[1]!.listSigningKeys()).map((key) => key.generation),
    [1, 2],
  )
})
