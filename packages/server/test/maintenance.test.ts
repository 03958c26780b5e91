import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import Fastify from 'fastify'
import { loadOrCreateSigningKeys } from '../src/keys/rotation.js'
import { createMaintenance } from '../src/maintenance.js'
import { MasterKey } from '../src/master-key.js'
import { createMemoryCounter } from '../src/store/memory-counter.js'
import { openSqliteStore } from '../src/store/sqlite.js'
import { makeTempDir } from './fixtures/temp.js'
import { wrapStore } from './fixtures/wrap-store.js'

const NOW = 1_700_000_000
const masterKey = new MasterKey(new Uint8Array(32).fill(1))
const SETTINGS = { keyRotationIntervalSec: 0, keyPrepublishSec: 3600, maintenanceIntervalSec: 60 }

async function createCountingMaintenance(t: TestContext) {
  const store = await openSqliteStore(join(makeTempDir(t), 'jot.db'))
  t.after(() => store.close())
  const { keys } = await loadOrCreateSigningKeys(store, masterKey, NOW)
  const runs = { count: 0 }
  const counting = wrapStore(store, {
    purgeExpired: (now, retention) => {
      runs.count += 1
      return store.purgeExpired(now, retention)
    },
  })
  const maintenance = createMaintenance({
    store: counting,
    keys,
    masterKey,
    memoryCounter: createMemoryCounter(),
    settings: SETTINGS,
    now: () => NOW,
    log: Fastify({ logger: false }).log,
  })
  return { maintenance, runs }
}

test('maintenance runs on its interval', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] })
  const { maintenance, runs } = await createCountingMaintenance(t)
  maintenance.start()

  t.mock.timers.tick(59_999)
  const beforeInterval = runs.count
  t.mock.timers.tick(1)
  await maintenance.stop()

  assert.equal(beforeInterval, 0)
  assert.equal(runs.count, 1)
})

test('maintenance timer stops on stop', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] })
  const { maintenance, runs } = await createCountingMaintenance(t)
  maintenance.start()

  await maintenance.stop()
  t.mock.timers.tick(600_000)

  assert.equal(runs.count, 0)
})

test('maintenance joins a run in progress', async (t) => {
  const { maintenance, runs } = await createCountingMaintenance(t)

  const [first, second] = await Promise.all([maintenance.run(), maintenance.run()])

  assert.equal(runs.count, 1)
  assert.equal(first, second)
})
