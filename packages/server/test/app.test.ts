import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import { createApp } from '../src/app.js'
import { openStore } from '../src/store/index.js'
import { makeTempDir, TEST_PASSWORD_COST } from './fixtures/temp.js'
import {
  ALICE,
  logIn,
  NOW,
  seedUsers,
  sqlitePath,
  startServer,
  testConfig,
} from './fixtures/server.js'

async function jwksKids(url: string): Promise<string[]> {
  const body = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as {
    keys: { kid: string }[]
  }
  return body.keys.map((key) => key.kid)
}

test('restart keeps signing key and users', async (t) => {
  const dir = makeTempDir(t)
  const config = testConfig(dir)
  const [alice] = await seedUsers(config, [ALICE])
  const first = await startServer(t, config)
  const firstKids = await jwksKids(first.url)
  const oldToken = await logIn(first.url, ALICE)
  await first.app.close()

  const second = await startServer(t, config)

  assert.deepEqual(await jwksKids(second.url), firstKids)
  const response = await fetch(`${second.url}/me`, {
    headers: { authorization: `Bearer ${oldToken}` },
  })
  assert.equal(response.status, 200)
  const body = (await response.json()) as { claims: Record<string, unknown> }
  assert.equal(body.claims['sub'], alice!.id)
  assert.equal(typeof (await logIn(second.url, ALICE)), 'string')
})

test('restart with wrong master key fails', async (t) => {
  const dir = makeTempDir(t)
  const first = await startServer(t, testConfig(dir))
  const [kid] = await jwksKids(first.url)
  await first.app.close()
  const wrongConfig = testConfig(dir, Buffer.alloc(32, 2).toString('base64url'))

  await assert.rejects(
    createApp(wrongConfig, { logger: false, now: () => NOW, passwordCost: TEST_PASSWORD_COST }),
    {
      name: 'ServerError',
      code: 'MASTER_KEY_MISMATCH',
      message:
        `The signing key ${kid} cannot be decrypted with the configured master key. Set ` +
        'JOT_MASTER_KEY to the key it was stored with; the server never replaces a stored key.',
    },
  )

  const db = new Database(sqlitePath(wrongConfig), { readonly: true })
  t.after(() => db.close())
  assert.deepEqual(db.prepare('SELECT kid FROM signing_keys').all(), [{ kid }])
})

test('createApp leaves a passed store open', async (t) => {
  const config = testConfig(makeTempDir(t))
  const store = await openStore(config)
  t.after(() => store.close())
  const app = await createApp(config, { store, logger: false, passwordCost: TEST_PASSWORD_COST })

  await app.close()

  assert.equal((await store.listSigningKeys()).length, 1)
})

test('createApp closes the store it opened', async (t) => {
  const config = testConfig(makeTempDir(t))
  const app = await createApp(config, { logger: false, passwordCost: TEST_PASSWORD_COST })
  // SQLite deletes the write-ahead log when the last connection to a WAL database closes.
  assert.equal(existsSync(`${sqlitePath(config)}-wal`), true)

  await app.close()

  assert.equal(existsSync(`${sqlitePath(config)}-wal`), false)
})
