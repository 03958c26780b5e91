import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { decodeUnverified } from '@jot/core'
import { createApp, loadConfig } from '@jot/server'
import { NOW } from '../fixtures/tokens.js'
import { runCli, runCliJson, runInProcess } from '../helpers/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'jot-cli-client-'))
after(() => {
  rmSync(dir, { recursive: true, force: true })
})

const ISSUER = 'https://auth.jot.test'
const ENV = {
  JOT_DATABASE_URL: `sqlite:${join(dir, 'jot.db')}`,
  JOT_MASTER_KEY: randomBytes(32).toString('base64url'),
  JOT_ISSUER: ISSUER,
  JOT_AUDIENCE: 'https://api.jot.test',
}

interface AddedClient {
  clientId: string
  clientSecret: string
  scopes: string[]
  grantTypes: string[]
  createdAt: number
}

test('client add secret logs in', async (t) => {
  const added = await runCliJson(
    ['client', 'add', 'reports', '--scope', 'orders:read', '--scope', 'orders:write', '--json'],
    { env: ENV },
  )

  assert.equal(added.stderr, '')
  assert.equal(added.code, 0)
  const client = added.json as AddedClient
  assert.match(client.clientSecret, /^[\w-]{43}$/)
  assert.equal(typeof client.createdAt, 'number')
  assert.deepEqual(added.json, {
    clientId: 'reports',
    clientSecret: client.clientSecret,
    scopes: ['orders:read', 'orders:write'],
    grantTypes: ['client_credentials'],
    createdAt: client.createdAt,
  })

  // The real service, on this machine only, reads the store the command wrote to.
  const app = await createApp(loadConfig({ ...ENV, PORT: '0' }), {
    logger: false,
    now: () => NOW,
  })
  t.after(() => app.close())
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const login = (secret: string) =>
    fetch(`${url}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`reports:${secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'orders:read' }),
    })

  const response = await login(client.clientSecret)
  assert.equal(response.status, 200)
  const body = (await response.json()) as Record<string, unknown>
  const token = String(body['access_token'])
  assert.deepEqual(body, {
    access_token: token,
    token_type: 'Bearer',
    expires_in: 900,
    scope: 'orders:read',
  })
  const { claims } = decodeUnverified(token)
  assert.equal(claims['sub'], 'reports')
  assert.equal(claims['client_id'], 'reports')
  assert.equal(claims['iss'], ISSUER)

  const wrong = await login(client.clientSecret.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')))
  assert.equal(wrong.status, 401)
  assert.equal(((await wrong.json()) as { error: string }).error, 'invalid_client')
})

test('client add prints secret once', async () => {
  const result = await runInProcess(
    ['client', 'add', 'ops-console', '--grant', 'password,refresh_token', '--scope', 'admin'],
    { env: ENV },
  )

  assert.equal(result.stderr, '')
  assert.equal(result.code, 0)
  const secret = /^client_secret: ([\w-]{43})$/m.exec(result.stdout)?.[1] ?? ''
  assert.equal(
    result.stdout,
    [
      'Added client ops-console.',
      'client_id:     ops-console',
      `client_secret: ${secret}`,
      'Scopes: admin. Grants: password refresh_token.',
      'Store the secret now: it will not be shown again, and only its hash is kept.',
      '',
    ].join('\n'),
  )
})

test('client add rejects bad input', async () => {
  const wrongKey = { ...ENV, JOT_MASTER_KEY: randomBytes(32).toString('base64url') }
  // A signing key for the master key check to find.
  const rotated = await runInProcess(['keys', 'rotate', '--now', String(NOW)], { env: ENV })
  assert.equal(rotated.code, 0, rotated.stderr)
  await runInProcess(['client', 'add', 'taken'], { env: ENV })
  const listed = await runInProcess(['keys', 'list', '--json'], { env: ENV })
  const [oldest] = (JSON.parse(listed.stdout) as { keys: { kid: string }[] }).keys

  const cases: [string[], Record<string, string>, number, string][] = [
    [
      ['client', 'add'],
      ENV,
      2,
      'ARGUMENT_INVALID: NAME is missing: give the client_id to register.',
    ],
    [
      ['client', 'add', 'jot'],
      ENV,
      2,
      'CLIENT_ID_INVALID: The client id "jot" is reserved for requests that name no client.',
    ],
    [['client', 'add', 'taken'], ENV, 2, 'CLIENT_ID_TAKEN: The client id "taken" is taken.'],
    [
      ['client', 'add', 'batch', '--grant', 'implicit'],
      ENV,
      2,
      'GRANT_TYPES_INVALID: The grant types must be a non-empty list of client_credentials, ' +
        'password, refresh_token.',
    ],
    [
      ['client', 'add', 'batch'],
      wrongKey,
      3,
      `MASTER_KEY_MISMATCH: The signing key ${oldest?.kid ?? ''} cannot be decrypted with the ` +
        'configured master key. Set JOT_MASTER_KEY to the key it was stored with; the server ' +
        'never replaces a stored key.',
    ],
  ]

  for (const [args, env, code, expected] of cases) {
    const result = await runCli(args, { env })
    assert.equal(result.stderr, `jot: ${expected}\n`, args.join(' '))
    assert.equal(result.code, code, args.join(' '))
    assert.equal(result.stdout, '', args.join(' '))
  }
  // The refused client was not stored, so it can be added with the right master key.
  const later = await runInProcess(['client', 'add', 'batch'], { env: ENV })
  assert.equal(later.stderr, '')
  assert.equal(later.code, 0)
})
