import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import { decodeUnverified } from '@jot/core'
import { runMaintenance } from '../../src/app.js'
import { createTestPrefix, REDIS_URL, withRedis } from '../fixtures/redis.js'
import { makeTempDir } from '../fixtures/temp.js'
import {
  ALICE,
  basicAuth,
  logInFully,
  NOW,
  postForm,
  refresh,
  seedClient,
  startSeededServer,
} from '../fixtures/server.js'

const REVOKED_CHALLENGE =
  'Bearer realm="jot", error="invalid_token", error_description="The access token has been revoked."'

function getMe(url: string, token: string): Promise<Response> {
  return fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } })
}

function revoke(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return postForm(`${url}/revoke`, fields, headers)
}

async function start(t: TestContext, clock = { now: NOW }, env = {}) {
  return startSeededServer(t, makeTempDir(t), { clock, env })
}

test('revoke access token refused by me', async (t) => {
  const { url } = await start(t)
  const login = await logInFully(url, ALICE)

  const response = await revoke(url, { token: login.access_token })
  const me = await getMe(url, login.access_token)

  assert.equal(response.status, 200)
  assert.equal(response.headers.get('cache-control'), 'no-store')
  assert.equal(await response.text(), '')
  assert.equal(me.status, 401)
  assert.equal(me.headers.get('www-authenticate'), REVOKED_CHALLENGE)
  assert.deepEqual(await me.json(), {
    error: 'invalid_token',
    error_description: 'The access token has been revoked.',
  })
})

test('revoke leaves other access tokens', async (t) => {
  const { url } = await start(t)
  const first = await logInFully(url, ALICE)
  const second = await logInFully(url, ALICE)

  await revoke(url, { token: first.access_token, token_type_hint: 'access_token' })

  assert.equal((await getMe(url, second.access_token)).status, 200)
})

test('revocation entry purged after expiry', async (t) => {
  const clock = { now: NOW }
  const { url, app } = await start(t, clock)
  const login = await logInFully(url, ALICE)
  await revoke(url, { token: login.access_token })
  clock.now = NOW + 899

  const stillRevoked = await getMe(url, login.access_token)
  clock.now = NOW + 900
  const report = await runMaintenance(app)

  assert.equal(stillRevoked.status, 401)
  assert.deepEqual(report.purged, { refreshFamilies: 0, revokedAccessTokens: 1, signingKeys: 0 })
})

test('revoke refresh token revokes family', async (t) => {
  const { url } = await start(t)
  const login = await logInFully(url, ALICE)
  const rotated = (await (await refresh(url, login.refresh_token!)).json()) as {
    refresh_token: string
  }

  const response = await revoke(url, {
    token: login.refresh_token!,
    token_type_hint: 'refresh_token',
  })
  const afterwards = await refresh(url, rotated.refresh_token)

  assert.equal(response.status, 200)
  assert.equal(afterwards.status, 400)
  assert.deepEqual(await afterwards.json(), {
    error: 'invalid_grant',
    error_description: 'The refresh token is invalid, expired or revoked.',
  })
})

test('revoke ignores other client tokens', async (t) => {
  const { url } = await start(t)
  const login = await logInFully(url, ALICE, { client_id: 'orders-web' })

  const accessResponse = await revoke(url, { token: login.access_token, client_id: 'other' })
  const refreshResponse = await revoke(url, { token: login.refresh_token!, client_id: 'other' })

  assert.equal(accessResponse.status, 200)
  assert.equal(refreshResponse.status, 200)
  assert.equal((await getMe(url, login.access_token)).status, 200)
  assert.equal((await refresh(url, login.refresh_token!, { client_id: 'orders-web' })).status, 200)
})

test('revoke answers 200 for invalid tokens', async (t) => {
  const { url } = await start(t)

  for (const token of ['abc', 'a.b.c', 'A'.repeat(43), 'x'.repeat(10_000)]) {
    const response = await revoke(url, { token })

    assert.equal(response.status, 200, token.slice(0, 12))
  }
})

test('revoke requires token parameter', async (t) => {
  const { url } = await start(t)

  const response = await revoke(url, { token_type_hint: 'access_token' })

  assert.equal(response.status, 400)
  assert.deepEqual(await response.json(), {
    error: 'invalid_request',
    error_description: 'The token parameter is missing.',
  })
})

test('revoke authenticates registered client', async (t) => {
  const { url, config } = await start(t)
  const client = await seedClient(config, { clientId: 'reports', scopes: ['orders:read'] })
  const issued = await postForm(
    `${url}/token`,
    { grant_type: 'client_credentials' },
    basicAuth('reports', client.clientSecret),
  )
  const { access_token: token } = (await issued.json()) as { access_token: string }

  const unauthenticated = await revoke(url, { token, client_id: 'reports' })
  const wrongSecret = await revoke(url, { token }, basicAuth('reports', 'wrong'))
  const authenticated = await revoke(url, { token }, basicAuth('reports', client.clientSecret))

  assert.equal(unauthenticated.status, 401)
  assert.equal(wrongSecret.status, 401)
  assert.equal(wrongSecret.headers.get('www-authenticate'), 'Basic realm="jot"')
  assert.equal(authenticated.status, 200)
  assert.equal((await getMe(url, token)).status, 401)
})

test('revoke keeps list in Redis when configured', async (t) => {
  const prefix = createTestPrefix(t)
  const { url, config } = await start(
    t,
    { now: NOW },
    {
      JOT_REDIS_URL: REDIS_URL,
      JOT_REDIS_PREFIX: prefix,
    },
  )
  const login = await logInFully(url, ALICE)
  const jti = decodeUnverified(login.access_token).claims['jti'] as string

  await revoke(url, { token: login.access_token })

  assert.equal(config.redis?.keyPrefix, prefix)
  assert.equal(await withRedis((redis) => redis.exists(`${prefix}revoked:${jti}`)), 1)
  assert.equal((await getMe(url, login.access_token)).status, 401)
})
