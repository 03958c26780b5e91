import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { decodeUnverified } from '@jot/core'
import Database from 'better-sqlite3'
import { runMaintenance } from '../../src/app.js'
import { hashRefreshToken } from '../../src/refresh-tokens.js'
import { makeTempDir } from '../fixtures/temp.js'
import {
  ALICE,
  basicAuth,
  logInFully,
  NOW,
  refresh,
  seedClient,
  sqlitePath,
  startSeededServer,
} from '../fixtures/server.js'
import type { TokenBody } from '../fixtures/server.js'

const LIFETIMES = { JOT_REFRESH_IDLE_TTL_SEC: '3600', JOT_REFRESH_ABSOLUTE_TTL_SEC: '7200' }
const INVALID_GRANT = {
  error: 'invalid_grant',
  error_description: 'The refresh token is invalid, expired or revoked.',
}

async function start(t: Parameters<typeof startSeededServer>[0], clock = { now: NOW }) {
  return startSeededServer(t, makeTempDir(t), { clock, env: LIFETIMES })
}

async function refreshOk(url: string, token: string, fields: Record<string, string> = {}) {
  const response = await refresh(url, token, fields)
  assert.equal(response.status, 200)
  return (await response.json()) as TokenBody
}

test('refresh returns new token pair', async (t) => {
  const clock = { now: NOW }
  const { url, alice } = await start(t, clock)
  const login = await logInFully(url, ALICE, { scope: 'orders:read profile' })
  clock.now = NOW + 600

  const response = await refresh(url, login.refresh_token!)

  assert.equal(response.status, 200)
  assert.equal(response.headers.get('cache-control'), 'no-store')
  const body = (await response.json()) as TokenBody
  assert.match(body.refresh_token!, /^[A-Za-z0-9_-]{43}$/)
  assert.notEqual(body.refresh_token, login.refresh_token)
  assert.deepEqual(body, {
    access_token: body.access_token,
    token_type: 'Bearer',
    expires_in: 900,
    refresh_token: body.refresh_token,
    scope: 'orders:read profile',
  })
  const { claims } = decodeUnverified(body.access_token)
  assert.equal(claims['sub'], alice.id)
  assert.equal(claims['iat'], NOW + 600)
  assert.equal(claims['scope'], 'orders:read profile')
  assert.equal(claims['client_id'], 'jot')
})

test('refresh retires used token', async (t) => {
  const { url } = await start(t)
  const login = await logInFully(url, ALICE)
  await refreshOk(url, login.refresh_token!)

  const again = await refresh(url, login.refresh_token!)

  assert.equal(again.status, 400)
  assert.deepEqual(await again.json(), INVALID_GRANT)
})

test('refresh reuse revokes whole family', async (t) => {
  const { url } = await start(t)
  const login = await logInFully(url, ALICE)
  const second = await refreshOk(url, login.refresh_token!)
  const third = await refreshOk(url, second.refresh_token!)

  const reused = await refresh(url, login.refresh_token!)
  const newest = await refresh(url, third.refresh_token!)

  assert.deepEqual(await reused.json(), INVALID_GRANT)
  assert.equal(newest.status, 400)
  assert.deepEqual(await newest.json(), INVALID_GRANT)
})

test('refresh families are per login', async (t) => {
  const { url } = await start(t)
  const first = await logInFully(url, ALICE)
  const second = await logInFully(url, ALICE)
  await refreshOk(url, first.refresh_token!)

  await refresh(url, first.refresh_token!)

  await refreshOk(url, second.refresh_token!)
})

test('refresh narrows scope', async (t) => {
  const { url } = await start(t)
  const login = await logInFully(url, ALICE, { scope: 'orders:read profile' })

  const narrowed = await refreshOk(url, login.refresh_token!, { scope: 'profile' })
  const full = await refreshOk(url, narrowed.refresh_token!)

  assert.equal(narrowed.scope, 'profile')
  // The family keeps the scope of the login; narrowing applies to one access token.
  assert.equal(full.scope, 'orders:read profile')
})

test('refresh rejects wider scope', async (t) => {
  const { url } = await start(t)
  const login = await logInFully(url, ALICE, { scope: 'profile' })

  const response = await refresh(url, login.refresh_token!, { scope: 'profile orders:write' })
  const unchanged = await refresh(url, login.refresh_token!)

  assert.equal(response.status, 400)
  assert.deepEqual(await response.json(), {
    error: 'invalid_scope',
    error_description: 'The requested scope exceeds the scope granted with the refresh token.',
  })
  // A rejected request does not use the token up.
  assert.equal(unchanged.status, 200)
})

test('refresh follows user scopes now', async (t) => {
  const { url, config, alice } = await start(t)
  const login = await logInFully(url, ALICE)
  const db = new Database(sqlitePath(config))
  db.prepare('UPDATE users SET scopes = ? WHERE id = ?').run('["profile"]', alice.id)
  db.close()

  const body = await refreshOk(url, login.refresh_token!)

  assert.equal(body.scope, 'profile')
})

test('refresh rejects other client', async (t) => {
  const { url } = await start(t)
  const login = await logInFully(url, ALICE, { client_id: 'orders-web' })

  const wrongClient = await refresh(url, login.refresh_token!, { client_id: 'other-app' })
  const noClient = await refresh(url, login.refresh_token!)
  const rightClient = await refresh(url, login.refresh_token!, { client_id: 'orders-web' })

  assert.deepEqual(await wrongClient.json(), INVALID_GRANT)
  assert.deepEqual(await noClient.json(), INVALID_GRANT)
  assert.equal(rightClient.status, 200)
})

test('refresh requires registered client secret', async (t) => {
  const { url, config } = await start(t)
  const web = await seedClient(config, {
    clientId: 'orders-web',
    scopes: ['orders:read'],
    grantTypes: ['password', 'refresh_token'],
  })
  const response = await fetch(`${url}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...basicAuth('orders-web', web.clientSecret),
    },
    body: new URLSearchParams({
      grant_type: 'password',
      username: 'alice',
      password: ALICE.password,
    }).toString(),
  })
  const login = (await response.json()) as TokenBody

  const unauthenticated = await refresh(url, login.refresh_token!, { client_id: 'orders-web' })
  const authenticated = await refresh(
    url,
    login.refresh_token!,
    {},
    basicAuth('orders-web', web.clientSecret),
  )

  assert.equal(unauthenticated.status, 401)
  assert.equal(authenticated.status, 200)
  assert.equal(((await authenticated.json()) as TokenBody).scope, 'orders:read')
})

test('refresh expires when idle', async (t) => {
  const clock = { now: NOW }
  const { url } = await start(t, clock)
  const login = await logInFully(url, ALICE)
  clock.now = NOW + 3599
  const used = await refreshOk(url, login.refresh_token!)
  clock.now = NOW + 3599 + 3600

  const response = await refresh(url, used.refresh_token!)

  assert.deepEqual(await response.json(), INVALID_GRANT)
})

test('refresh expires at absolute lifetime', async (t) => {
  const clock = { now: NOW }
  const { url } = await start(t, clock)
  let token = (await logInFully(url, ALICE)).refresh_token!
  for (const offset of [3000, 6000, 7199]) {
    clock.now = NOW + offset
    token = (await refreshOk(url, token)).refresh_token!
  }
  clock.now = NOW + 7200

  const response = await refresh(url, token)

  assert.deepEqual(await response.json(), INVALID_GRANT)
})

const malformed: { name: string; fields: Record<string, string>; expected: object }[] = [
  {
    name: 'missing token',
    fields: { grant_type: 'refresh_token' },
    expected: {
      error: 'invalid_request',
      error_description: 'The refresh_token parameter is missing.',
    },
  },
  {
    name: 'short token',
    fields: { grant_type: 'refresh_token', refresh_token: 'abc' },
    expected: INVALID_GRANT,
  },
  {
    name: 'access token as refresh token',
    fields: { grant_type: 'refresh_token', refresh_token: 'a.b.c' },
    expected: INVALID_GRANT,
  },
  {
    name: 'unknown token',
    fields: { grant_type: 'refresh_token', refresh_token: 'A'.repeat(43) },
    expected: INVALID_GRANT,
  },
  {
    name: 'oversized token',
    fields: { grant_type: 'refresh_token', refresh_token: 'A'.repeat(10_000) },
    expected: INVALID_GRANT,
  },
]

for (const { name, fields, expected } of malformed) {
  test(`refresh rejects ${name}`, async (t) => {
    const { url } = await start(t)

    const response = await fetch(`${url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    })

    assert.equal(response.status, 400)
    assert.deepEqual(await response.json(), expected)
  })
}

test('refresh tokens stored only as hashes', async (t) => {
  const { url, config } = await start(t)
  const login = await logInFully(url, ALICE)
  const second = await refreshOk(url, login.refresh_token!)

  const db = new Database(sqlitePath(config), { readonly: true })
  t.after(() => db.close())
  const hashes = db.prepare('SELECT hash FROM refresh_tokens ORDER BY issued_at, hash').all()
  assert.deepEqual(
    new Set(hashes.map((row) => (row as { hash: string }).hash)),
    new Set([hashRefreshToken(login.refresh_token!), hashRefreshToken(second.refresh_token!)]),
  )
  const files = ['', '-wal'].map((suffix) => readFileSync(`${sqlitePath(config)}${suffix}`))
  for (const file of files) {
    assert.equal(file.includes(login.refresh_token!), false)
    assert.equal(file.includes(second.refresh_token!), false)
  }
})

test('refresh concurrent uses succeed once', async (t) => {
  const { url } = await start(t)
  const login = await logInFully(url, ALICE)

  const responses = await Promise.all(
    Array.from({ length: 100 }, () => refresh(url, login.refresh_token!)),
  )

  const statuses = responses.map((response) => response.status)
  assert.equal(statuses.filter((status) => status === 200).length, 1)
  assert.equal(statuses.filter((status) => status === 400).length, 99)
})

test('maintenance purges expired families', async (t) => {
  const clock = { now: NOW }
  const { url, app, config } = await start(t, clock)
  await logInFully(url, ALICE)
  clock.now = NOW + 1800
  await logInFully(url, ALICE)
  clock.now = NOW + 3600

  const report = await runMaintenance(app)

  assert.deepEqual(report.purged, { refreshFamilies: 1, revokedAccessTokens: 0, signingKeys: 0 })
  const db = new Database(sqlitePath(config), { readonly: true })
  t.after(() => db.close())
  assert.deepEqual(db.prepare('SELECT count(*) AS count FROM refresh_tokens').get(), { count: 1 })
})
