// The whole path a new user follows from the README: start the service on a fresh SQLite file,
// add a user with the CLI, log in over HTTP, call /me, and verify the token with
// `jot verify --jwks` against the running service.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { REPO_ROOT, runCli } from '../helpers/run-cli.js'

const SERVER_MAIN = fileURLToPath(new URL('../../../server/src/main.ts', import.meta.url))
const dataDir = mkdtempSync(join(tmpdir(), 'jot-e2e-'))
const env = {
  JOT_DATABASE_URL: `sqlite:${join(dataDir, 'jot.db')}`,
  JOT_MASTER_KEY: randomBytes(32).toString('base64url'),
  JOT_ISSUER: 'http://jot.test',
  JOT_AUDIENCE: 'https://api.jot.test',
  HOST: '127.0.0.1',
  PORT: '0',
}
let server: ChildProcess | undefined
let baseUrl = ''

/** Starts the service as `npm start` does and resolves with the address it logs. */
function startServer(): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--conditions=@jot/source', '--import', 'tsx', SERVER_MAIN],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  server = child
  let output = ''
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match !== null) resolve(match[1]!)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.on('exit', (code) => {
      reject(new Error(`server exited with ${code}: ${output}`))
    })
  })
}

async function login(username: string, password: string): Promise<Response> {
  return fetch(`${baseUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username, password, scope: 'orders:read' }),
  })
}

before(async () => {
  const added = await runCli(
    [
      'user',
      'add',
      'alice',
      '--role',
      'admin',
      '--scope',
      'orders:read',
      '--scope',
      'orders:write',
    ],
    { env, stdin: 'correct horse battery\n' },
  )
  assert.equal(added.code, 0, added.stderr)
  baseUrl = await startServer()
})

after(() => {
  server?.kill('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
})

test('login, /me and jot verify --jwks', async () => {
  const response = await login('alice', 'correct horse battery')
  assert.equal(response.status, 200)
  const body = (await response.json()) as Record<string, unknown>
  assert.deepEqual(Object.keys(body).sort(), [
    'access_token',
    'expires_in',
    'refresh_token',
    'scope',
    'token_type',
  ])
  assert.equal(body['token_type'], 'Bearer')
  assert.equal(body['scope'], 'orders:read')
  const token = body['access_token'] as string

  const me = await fetch(`${baseUrl}/me`, { headers: { authorization: `Bearer ${token}` } })
  assert.equal(me.status, 200)
  const { claims } = (await me.json()) as { claims: Record<string, unknown> }
  assert.equal(claims['iss'], 'http://jot.test')
  assert.equal(claims['aud'], 'https://api.jot.test')
  assert.deepEqual(claims['roles'], ['admin'])
  assert.equal(claims['scope'], 'orders:read')
  assert.equal(claims['username'], 'alice')

  const verified = await runCli([
    'verify',
    token,
    '--jwks',
    `${baseUrl}/.well-known/jwks.json`,
    '--iss',
    'http://jot.test',
    '--aud',
    'https://api.jot.test',
    '--typ',
    'at+jwt',
    '--json',
  ])
  assert.equal(verified.code, 0, verified.stderr)
  const output = JSON.parse(verified.stdout) as { valid: boolean; claims: Record<string, unknown> }
  assert.equal(output.valid, true)
  assert.deepEqual(output.claims, claims)
})

test('wrong password refused', async () => {
  const response = await login('alice', 'wrong password!')
  assert.equal(response.status, 400)
  assert.deepEqual(await response.json(), {
    error: 'invalid_grant',
    error_description: 'The username or password is incorrect.',
  })
})

test('tampered token refused by service and CLI', async () => {
  const body = (await (await login('alice', 'correct horse battery')).json()) as Record<
    string,
    string
  >
  const [header, payload, signature] = body['access_token']!.split('.')
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<
    string,
    unknown
  >
  const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['superuser'] })).toString(
    'base64url',
  )
  const tampered = `${header}.${forged}.${signature}`

  const me = await fetch(`${baseUrl}/me`, { headers: { authorization: `Bearer ${tampered}` } })
  assert.equal(me.status, 401)
  assert.match(
    me.headers.get('www-authenticate') ?? '',
    /^Bearer realm="jot", error="invalid_token"/,
  )

  const verified = await runCli(['verify', tampered, '--jwks', `${baseUrl}/.well-known/jwks.json`])
  assert.equal(verified.code, 1)
  assert.match(verified.stderr, /^jot: SIGNATURE_INVALID: /)
})
