import assert from 'node:assert/strict'
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import {
  LISTENING,
  readLogUntil,
  startMain,
  startService,
  stopService,
} from './fixtures/process.js'
import { makeTempDir, TEST_MASTER_KEY_TEXT } from './fixtures/temp.js'

const ISSUER = 'http://127.0.0.1'

test('main serves and stops on SIGTERM', async (t) => {
  const dir = makeTempDir(t)
  const { child, exited, stderr, lines } = startMain({
    PORT: '0',
    JOT_ISSUER: ISSUER,
    JOT_DATABASE_URL: `sqlite:${join(dir, 'jot.db')}`,
    JOT_MASTER_KEY: TEST_MASTER_KEY_TEXT,
  })
  t.after(() => child.kill())

  const started = await readLogUntil(lines, (msg) => msg.startsWith(LISTENING))
  const url = started.at(-1)!.slice(LISTENING.length)
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
  assert.deepEqual(started, ['signing key created', `${LISTENING}${url}`])

  const health = await fetch(`${url}/health`)
  assert.deepEqual(await health.json(), { status: 'ok' })

  child.kill('SIGTERM')
  const stopping = await readLogUntil(lines, (msg) => msg === 'stopped')
  assert.deepEqual(stopping.slice(-2), ['stopping', 'stopped'])
  assert.deepEqual(await exited, [0, null])
  assert.equal(stderr(), '')
})

test('main reports configuration error', async () => {
  const { exited, stderr } = startMain({ JOT_DATABASE_URL: 'mysql://db.internal/jot' })

  assert.deepEqual(await exited, [1, null])
  assert.equal(
    stderr(),
    'jot server failed to start: CONFIG_INVALID: JOT_DATABASE_URL must have the form ' +
      'sqlite:PATH or postgres://USER@HOST/DATABASE, for example sqlite:./data/jot.db.\n',
  )
})

test('main reports wrong master key', async (t) => {
  const dir = makeTempDir(t)
  const variables = {
    PORT: '0',
    JOT_ISSUER: ISSUER,
    JOT_DATABASE_URL: `sqlite:${join(dir, 'jot.db')}`,
  }
  const first = startMain({ ...variables, JOT_MASTER_KEY: TEST_MASTER_KEY_TEXT })
  const started = await readLogUntil(first.lines, (msg) => msg.startsWith(LISTENING))
  assert.equal(started[0], 'signing key created')
  first.child.kill('SIGINT')
  assert.deepEqual(await first.exited, [0, null])

  const second = startMain({
    ...variables,
    JOT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64url'),
  })

  assert.deepEqual(await second.exited, [1, null])
  assert.deepEqual(await readLogUntil(second.lines, () => false), [])
  assert.match(
    second.stderr(),
    /^jot server failed to start: MASTER_KEY_MISMATCH: The signing key [\w-]{43} cannot be decrypted with the configured master key\. Set JOT_MASTER_KEY to the key it was stored with; the server never replaces a stored key\.\n$/,
  )
})

test('main refuses store without its master key', async (t) => {
  const dir = makeTempDir(t)
  const variables = { JOT_ISSUER: ISSUER, JOT_DATABASE_URL: `sqlite:${join(dir, 'jot.db')}` }
  const first = await startService(t, variables)
  assert.deepEqual(first.started.slice(0, 2), [
    'JOT_MASTER_KEY is not set; generated a master key and saved it to ' +
      join(dir, 'master.key') +
      '. Production must set JOT_MASTER_KEY.',
    'signing key created',
  ])
  await stopService(first)
  rmSync(join(dir, 'master.key'))

  const second = startMain({ PORT: '0', ...variables })

  assert.deepEqual(await second.exited, [1, null])
  assert.deepEqual(await readLogUntil(second.lines, () => false), [])
  const path = join(dir, 'master.key')
  assert.equal(
    second.stderr(),
    `jot server failed to start: MASTER_KEY_MISMATCH: JOT_MASTER_KEY is not set and ${path} ` +
      'does not exist, but the store contains signing keys encrypted under a master key. Restore ' +
      `${path} or set JOT_MASTER_KEY to that key; no master key was written.\n`,
  )
  assert.equal(existsSync(path), false)
})

test('main writes no key beside non-database', async (t) => {
  const dir = makeTempDir(t)
  const path = join(dir, 'notes.txt')
  writeFileSync(path, 'shopping list: milk, eggs, and a few more things\n'.repeat(100))

  const { exited, stderr, lines } = startMain({
    PORT: '0',
    JOT_ISSUER: ISSUER,
    JOT_DATABASE_URL: `sqlite:${path}`,
  })

  assert.deepEqual(await exited, [1, null])
  assert.deepEqual(await readLogUntil(lines, () => false), [])
  assert.equal(
    stderr(),
    `jot server failed to start: STORE_INVALID: The SQLite database ${path} cannot be opened.\n`,
  )
  assert.deepEqual(readdirSync(dir), ['notes.txt'])
})

test('main refuses PORT 0 without issuer', async (t) => {
  const dir = makeTempDir(t)

  const { exited, stderr } = startMain({
    PORT: '0',
    JOT_DATABASE_URL: `sqlite:${join(dir, 'jot.db')}`,
  })

  assert.deepEqual(await exited, [1, null])
  assert.equal(
    stderr(),
    'jot server failed to start: CONFIG_INVALID: JOT_ISSUER must be set when PORT is 0: the ' +
      'default issuer http://localhost:<PORT> needs the real port, which is chosen only when ' +
      'the service listens.\n',
  )
  assert.deepEqual(readdirSync(dir), [])
})
