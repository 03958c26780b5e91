import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import { decodeUnverified } from '@jot/core'
import { makeTempDir } from '../fixtures/temp.js'
import {
  ALICE,
  AUDIENCE,
  basicAuth,
  ISSUER,
  logInFully,
  NOW,
  postForm,
  refresh,
  seedClient,
  startSeededServer,
} from '../fixtures/server.js'
import type { TokenBody } from '../fixtures/server.js'

async function start(t: TestContext, clock = { now: NOW }) {
  const server = await startSeededServer(t, makeTempDir(t), { clock })
  const resource = await seedClient(server.config, { clientId: 'orders-api' })
  const web = await seedClient(server.config, {
    clientId: 'orders-web',
    scopes: ['orders:read', 'profile'],
    grantTypes: ['password', 'refresh_token'],
  })
  return {
    ...server,
    resourceAuth: basicAuth('orders-api', resource.clientSecret),
    webAuth: basicAuth('orders-web', web.clientSecret),
  }
}

function introspect(url: string, token: string, headers: Record<string, string>) {
  return postForm(`${url}/introspect`, { token }, headers)
}

async function logInWeb(url: string, webAuth: Record<string, string>): Promise<TokenBody> {
  const response = await postForm(
    `${url}/token`,
    { grant_type: 'password', username: 'alice', password: ALICE.password },
    webAuth,
  )
  return (await response.json()) as TokenBody
}

test('introspect active access token', async (t) => {
  const { url, alice, resourceAuth } = await start(t)
  const login = await logInFully(url, ALICE, { scope: 'orders:read' })
  const jti = decodeUnverified(login.access_token).claims['jti']

  const response = await introspect(url, login.access_token, resourceAuth)

  assert.equal(response.status, 200)
  assert.equal(response.headers.get('cache-control'), 'no-store')
  assert.deepEqual(await response.json(), {
    active: true,
    scope: 'orders:read',
    client_id: 'jot',
    username: 'alice',
    exp: NOW + 900,
    iat: NOW,
    sub: alice.id,
    aud: AUDIENCE,
    iss: ISSUER,
    jti,
    token_type: 'Bearer',
  })
})

test('introspect inactive access tokens', async (t) => {
  const clock = { now: NOW }
  const { url, resourceAuth } = await start(t, clock)
  const revoked = await logInFully(url, ALICE)
  await postForm(`${url}/revoke`, { token: revoked.access_token })
  const expiring = await logInFully(url, ALICE)
  const tampered = `${expiring.access_token.slice(0, -4)}AAAA`

  const answers = [
    await introspect(url, revoked.access_token, resourceAuth),
    await introspect(url, tampered, resourceAuth),
    await introspect(url, 'not-a-token', resourceAuth),
  ]
  clock.now = NOW + 900
  answers.push(await introspect(url, expiring.access_token, resourceAuth))

  for (const answer of answers) {
    assert.equal(answer.status, 200)
    assert.deepEqual(await answer.json(), { active: false })
  }
})

test('introspect refresh token for its client', async (t) => {
  const { url, alice, webAuth, resourceAuth } = await start(t)
  const login = await logInWeb(url, webAuth)

  const own = await introspect(url, login.refresh_token!, webAuth)
  const other = await introspect(url, login.refresh_token!, resourceAuth)

  assert.deepEqual(await own.json(), {
    active: true,
    scope: 'orders:read profile',
    client_id: 'orders-web',
    username: 'alice',
    sub: alice.id,
    iat: NOW,
    exp: NOW + 1_209_600,
  })
  assert.deepEqual(await other.json(), { active: false })
})

test('introspect retired refresh token inactive', async (t) => {
  const { url, webAuth } = await start(t)
  const login = await logInWeb(url, webAuth)
  await refresh(url, login.refresh_token!, {}, webAuth)

  const response = await introspect(url, login.refresh_token!, webAuth)

  assert.deepEqual(await response.json(), { active: false })
})

test('introspect requires client authentication', async (t) => {
  const { url } = await start(t)
  const login = await logInFully(url, ALICE)

  const responses = [
    await postForm(`${url}/introspect`, { token: login.access_token }),
    await postForm(`${url}/introspect`, { token: login.access_token, client_id: 'orders-api' }),
    await introspect(url, login.access_token, basicAuth('orders-api', 'wrong')),
    await introspect(url, login.access_token, basicAuth('jot', 'anything')),
  ]

  for (const response of responses) {
    assert.equal(response.status, 401)
    assert.equal(response.headers.get('www-authenticate'), 'Basic realm="jot"')
    assert.deepEqual(await response.json(), {
      error: 'invalid_client',
      error_description: 'Client authentication failed.',
    })
  }
})

test('introspect requires token parameter', async (t) => {
  const { url, resourceAuth } = await start(t)

  const response = await postForm(`${url}/introspect`, {}, resourceAuth)

  assert.equal(response.status, 400)
  assert.deepEqual(await response.json(), {
    error: 'invalid_request',
    error_description: 'The token parameter is missing.',
  })
})
