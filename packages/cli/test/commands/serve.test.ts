import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { after, test } from 'node:test'
import { decodeUnverified } from '@jot/core'
import { addUser, openStore, parseDatabaseUrl } from '@jot/server'
import { REPO_ROOT, runCli, runCliJson, runInProcess } from '../helpers/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'jot-cli-serve-'))
after(() => {
  rmSync(dir, { recursive: true, force: true })
})

const ENV = {
  PORT: '0',
  HOST: '127.0.0.1',
  JOT_DATABASE_URL: `sqlite:${join(dir, 'jot.db')}`,
  JOT_MASTER_KEY: randomBytes(32).toString('base64url'),
  JOT_ISSUER: 'http://127.0.0.1',
  JOT_AUDIENCE: 'api',
}
const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url))

test('serve issues tokens verify accepts', async () => {
  // Added in-process with a cheap hash; test/commands/user-add.test.ts covers `jot user add`.
  const store = await openStore({ database: parseDatabaseUrl(ENV.JOT_DATABASE_URL) })
  try {
    const input = { username: 'dana', password: 'dana password', scopes: ['read'] }
    await addUser(store, input, { passwordCost: { log2N: 10, r: 8, p: 1 } })
  } finally {
    await store.close()
  }

  const server = spawn(
    process.execPath,
    ['--conditions=@jot/source', '--import', 'tsx', MAIN, 'serve', '--json'],
    { cwd: REPO_ROOT, env: { ...process.env, ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let log = ''
  server.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk))
  try {
    const [firstLine] = (await once(server.stdout.setEncoding('utf8'), 'data')) as [string]
    const { url } = JSON.parse(firstLine) as { url: string }
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)

    const response = await fetch(`${url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        username: 'dana',
        password: 'dana password',
      }),
    })
    assert.equal(response.status, 200)
    const { access_token: token } = (await response.json()) as { access_token: string }
    const { iat } = decodeUnverified(token).claims as { iat: number }

    const verified = await runCliJson([
      'verify',
      token,
      '--jwks',
      `${url}/.well-known/jwks.json`,
      '--iss',
      ENV.JOT_ISSUER,
      '--aud',
      'api',
      '--typ',
      'at+jwt',
      '--now',
      String(iat),
      '--json',
    ])
    assert.equal(verified.stderr, '')
    assert.equal(verified.code, 0)
    assert.deepEqual(verified.json, { valid: true, ...decodeUnverified(token) })
    assert.equal(decodeUnverified(token).claims['scope'], 'read')
  } finally {
    server.kill('SIGTERM')
  }
  const [code] = (await once(server, 'exit')) as [number | null]

  assert.equal(code, 0)
  assert.match(log, /"msg":"stopping"/)
  assert.match(log, /"msg":"stopped"/)
})

test('serve refuses wrong master key', async (t) => {
  const storeDir = mkdtempSync(join(tmpdir(), 'jot-cli-serve-key-'))
  t.after(() => {
    rmSync(storeDir, { recursive: true, force: true })
  })
  const env = { ...ENV, JOT_DATABASE_URL: `sqlite:${join(storeDir, 'jot.db')}` }
  const rotated = await runInProcess(['keys', 'rotate', '--json'], { env })
  const { kid } = (JSON.parse(rotated.stdout) as { key: { kid: string } }).key

  const result = await runCli(['serve'], {
    env: { ...env, JOT_MASTER_KEY: randomBytes(32).toString('base64url') },
  })

  assert.equal(
    result.stderr,
    `jot: MASTER_KEY_MISMATCH: The signing key ${kid} cannot be decrypted with the configured ` +
      'master key. Set JOT_MASTER_KEY to the key it was stored with; the server never replaces ' +
      'a stored key.\n',
  )
  assert.equal(result.code, 3)
  assert.equal(result.stdout, '')
})

test('serve writes no master key after loss', async (t) => {
  const storeDir = mkdtempSync(join(tmpdir(), 'jot-cli-serve-lost-'))
  t.after(() => {
    rmSync(storeDir, { recursive: true, force: true })
  })
  const env = {
    PORT: '0',
    JOT_ISSUER: ENV.JOT_ISSUER,
    JOT_DATABASE_URL: `sqlite:${join(storeDir, 'jot.db')}`,
  }
  const path = join(storeDir, 'master.key')
  const rotated = await runInProcess(['keys', 'rotate'], { env })
  assert.equal(rotated.code, 0, rotated.stderr)
  rmSync(path)

  const result = await runCli(['serve'], { env })

  assert.equal(
    result.stderr,
    `jot: MASTER_KEY_MISMATCH: JOT_MASTER_KEY is not set and ${path} does not exist, but the ` +
      `store contains signing keys encrypted under a master key. Restore ${path} or set ` +
      'JOT_MASTER_KEY to that key; no master key was written.\n',
  )
  assert.equal(result.code, 3)
  assert.equal(result.stdout, '')
  assert.equal(existsSync(path), false)
})

test('serve start-up failures write nothing', async (t) => {
  const other = mkdtempSync(join(tmpdir(), 'jot-cli-serve-other-'))
  t.after(() => {
    rmSync(other, { recursive: true, force: true })
  })
  const notes = join(other, 'notes.txt')
  writeFileSync(notes, 'not a database, just some notes\n'.repeat(100))

  const notDatabase = await runInProcess(['serve'], {
    env: { PORT: '0', JOT_ISSUER: ENV.JOT_ISSUER, JOT_DATABASE_URL: `sqlite:${notes}` },
  })
  const noIssuer = await runInProcess(['serve'], {
    env: { PORT: '0', JOT_DATABASE_URL: `sqlite:${join(other, 'jot.db')}` },
  })

  assert.equal(
    notDatabase.stderr,
    `jot: STORE_INVALID: The SQLite database ${notes} cannot be opened.\n`,
  )
  assert.equal(notDatabase.code, 3)
  assert.equal(
    noIssuer.stderr,
    'jot: CONFIG_INVALID: JOT_ISSUER must be set when PORT is 0: the default issuer ' +
      'http://localhost:<PORT> needs the real port, which is chosen only when the service ' +
      'listens.\n',
  )
  assert.equal(noIssuer.code, 2)
  assert.deepEqual(readdirSync(other), ['notes.txt'])
})
