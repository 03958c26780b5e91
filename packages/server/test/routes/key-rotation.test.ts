import assert from 'node:assert/strict'
import { test } from 'node:test'
import { decodeUnverified } from '@jot/core'
import { runMaintenance } from '../../src/app.js'
import { rotateSigningKey } from '../../src/keys/rotation.js'
import { KEY_RETENTION_SEC } from '../../src/keys/schedule.js'
import { openStore } from '../../src/store/index.js'
import { makeTempDir } from '../fixtures/temp.js'
import { ALICE, logIn, NOW, startSeededServer } from '../fixtures/server.js'

const DAY = 86_400
const SCHEDULE = {
  JOT_KEY_ROTATION_INTERVAL_SEC: String(7 * DAY),
  JOT_KEY_PREPUBLISH_SEC: '3600',
}

async function jwksKids(url: string): Promise<string[]> {
  const body = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as {
    keys: { kid: string }[]
  }
  return body.keys.map((key) => key.kid)
}

function kidOf(token: string): unknown {
  return decodeUnverified(token).header['kid']
}

function getMe(url: string, token: string): Promise<Response> {
  return fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } })
}

test('scheduled rotation publishes before signing', async (t) => {
  const clock = { now: NOW }
  const { url, app } = await startSeededServer(t, makeTempDir(t), { clock, env: SCHEDULE })
  const [first] = await jwksKids(url)
  const activation = NOW + 7 * DAY

  clock.now = activation - 3600
  const report = await runMaintenance(app)
  const next = report.rotated?.kid
  const kidsBefore = await jwksKids(url)
  clock.now = activation - 1
  const beforeActivation = await logIn(url, ALICE)
  clock.now = activation
  const afterActivation = await logIn(url, ALICE)
  // A token of the retired key stays valid until it expires on its own.
  clock.now = activation + 898
  const retiredKeyToken = await getMe(url, beforeActivation)

  assert.equal(typeof next, 'string')
  assert.deepEqual(kidsBefore, [first, next])
  assert.equal(kidOf(beforeActivation), first)
  assert.equal(kidOf(afterActivation), next)
  assert.equal(retiredKeyToken.status, 200)
  assert.equal((await getMe(url, afterActivation)).status, 200)
})

test('retired key leaves after its tokens expire', async (t) => {
  const clock = { now: NOW }
  const { url, app, config } = await startSeededServer(t, makeTempDir(t), { clock, env: SCHEDULE })
  const [first] = await jwksKids(url)
  clock.now = NOW + 7 * DAY - 3600
  const next = (await runMaintenance(app)).rotated?.kid
  const activation = NOW + 7 * DAY

  clock.now = activation + KEY_RETENTION_SEC - 1
  const kidsWhileRetired = await jwksKids(url)
  const keptReport = await runMaintenance(app)
  clock.now = activation + KEY_RETENTION_SEC
  const kidsAfter = await jwksKids(url)
  const purgeReport = await runMaintenance(app)

  assert.deepEqual(kidsWhileRetired, [first, next])
  assert.equal(keptReport.purged.signingKeys, 0)
  assert.deepEqual(kidsAfter, [next])
  assert.equal(purgeReport.purged.signingKeys, 1)
  const store = await openStore(config)
  t.after(() => store.close())
  assert.deepEqual(
    (await store.listSigningKeys()).map((key) => key.kid),
    [next],
  )
})

test('rotation interval zero never rotates', async (t) => {
  const clock = { now: NOW }
  const { app } = await startSeededServer(t, makeTempDir(t), {
    clock,
    env: { JOT_KEY_ROTATION_INTERVAL_SEC: '0' },
  })
  clock.now = NOW + 365 * DAY

  const report = await runMaintenance(app)

  assert.equal(report.rotated, undefined)
})

test('maintenance loads key of other instance', async (t) => {
  const clock = { now: NOW }
  const { url, app, config } = await startSeededServer(t, makeTempDir(t), { clock })
  const store = await openStore(config)
  t.after(() => store.close())
  const { key } = await rotateSigningKey(store, { masterKey: config.masterKey, now: NOW + 10 })
  const kidsBefore = await jwksKids(url)

  const report = await runMaintenance(app)

  assert.equal(kidsBefore.length, 1)
  assert.deepEqual(report.loaded, [key.kid])
  assert.deepEqual((await jwksKids(url)).at(-1), key.kid)
})
