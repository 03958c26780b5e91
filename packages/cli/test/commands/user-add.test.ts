import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { openStore, parseDatabaseUrl, verifyPassword } from '@jot/server'
import { runCli, runCliJson, runInProcess } from '../helpers/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'jot-cli-user-'))
after(() => {
  rmSync(dir, { recursive: true, force: true })
})

const DATABASE_URL = `sqlite:${join(dir, 'jot.db')}`
const ENV = {
  JOT_DATABASE_URL: DATABASE_URL,
  JOT_MASTER_KEY: randomBytes(32).toString('base64url'),
}

test('user add stores hashed password', async () => {
  const result = await runCliJson(
    ['user', 'add', 'alice', '--role', 'admin', '--scope', 'read', '--scope', 'write', '--json'],
    { env: ENV, stdin: 'correct horse battery\n' },
  )

  assert.equal(result.stderr, '')
  assert.equal(result.code, 0)
  const user = result.json as { id: string; createdAt: number }
  assert.match(user.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  assert.equal(typeof user.createdAt, 'number')
  assert.deepEqual(result.json, {
    id: user.id,
    username: 'alice',
    roles: ['admin'],
    scopes: ['read', 'write'],
    createdAt: user.createdAt,
  })

  const store = await openStore({ database: parseDatabaseUrl(DATABASE_URL) })
  try {
    const stored = await store.findUserByUsername('alice')
    assert.equal(stored?.id, user.id)
    assert.equal(await verifyPassword('correct horse battery', stored.passwordHash), true)
  } finally {
    await store.close()
  }

  const again = await runCli(['user', 'add', 'ALICE'], { env: ENV, stdin: 'another password' })

  assert.equal(again.code, 2)
  assert.equal(again.stdout, '')
  assert.equal(again.stderr, 'jot: USERNAME_TAKEN: The username "ALICE" is taken.\n')
})

test('user add rejects bad input', async () => {
  const short = await runInProcess(['user', 'add', 'bob'], { env: ENV, stdin: 'short\n' })
  const missing = await runInProcess(['user', 'add'], { env: ENV, stdin: 'long enough password' })
  const text = await runInProcess(['user', 'add', 'carol', '--scope', 'a b'], {
    env: ENV,
    stdin: 'long enough password',
  })

  assert.equal(short.code, 2)
  assert.equal(short.stderr, 'jot: PASSWORD_INVALID: A password must have at least 8 characters.\n')
  assert.equal(missing.code, 2)
  assert.equal(
    missing.stderr,
    'jot: ARGUMENT_INVALID: NAME is missing: give the username to add.\n',
  )
  assert.equal(text.code, 2)
  assert.equal(
    text.stderr,
    'jot: SCOPES_INVALID: The scopes entry "a b" is invalid; use 1 to 128 printable ASCII ' +
      'characters without spaces, quotes or backslashes.\n',
  )
})

test('user add checks master key', async () => {
  const rotated = await runInProcess(['keys', 'rotate', '--json'], { env: ENV })
  assert.equal(rotated.stderr, '')
  const { kid } = (JSON.parse(rotated.stdout) as { key: { kid: string } }).key
  const wrongKey = { ...ENV, JOT_MASTER_KEY: randomBytes(32).toString('base64url') }

  const result = await runCli(['user', 'add', 'mallory'], {
    env: wrongKey,
    stdin: 'long enough password',
  })

  assert.equal(
    result.stderr,
    `jot: MASTER_KEY_MISMATCH: The signing key ${kid} cannot be decrypted with the configured ` +
      'master key. Set JOT_MASTER_KEY to the key it was stored with; the server never replaces ' +
      'a stored key.\n',
  )
  assert.equal(result.code, 3)
  assert.equal(result.stdout, '')
  const store = await openStore({ database: parseDatabaseUrl(DATABASE_URL) })
  try {
    assert.equal(await store.findUserByUsername('mallory'), undefined)
  } finally {
    await store.close()
  }
})

test('user add leaves no master key file', async (t) => {
  const fresh = mkdtempSync(join(tmpdir(), 'jot-cli-user-fresh-'))
  t.after(() => {
    rmSync(fresh, { recursive: true, force: true })
  })

  const result = await runInProcess(['user', 'add', 'carol', '--json'], {
    env: { JOT_DATABASE_URL: `sqlite:${join(fresh, 'jot.db')}` },
    stdin: 'long enough password',
  })

  assert.equal(result.stderr, '')
  assert.equal(result.code, 0)
  assert.equal(existsSync(join(fresh, 'master.key')), false)
})
