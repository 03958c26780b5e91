import assert from 'node:assert/strict'
import { test } from 'node:test'
import { decodeUnverified } from '@jot/core'
import { makeTempDir } from '../fixtures/temp.js'
import {
  ALICE,
  AUDIENCE,
  basicAuth,
  ISSUER,
  NOW,
  postForm,
  seedClient,
  startSeededServer,
  startServer,
  testConfig,
} from '../fixtures/server.js'

const INVALID_CLIENT = {
  error: 'invalid_client',
  error_description: 'Client authentication failed.',
}

async function startWithClient(t: Parameters<typeof startServer>[0]) {
  const dir = makeTempDir(t)
  const config = testConfig(dir)
  const client = await seedClient(config, {
    clientId: 'reports',
    scopes: ['orders:read', 'reports:write'],
  })
  const server = await startServer(t, config)
  return { ...server, client }
}

test('client credentials with Basic issues token', async (t) => {
  const { url, client } = await startWithClient(t)

  const response = await postForm(
    `${url}/token`,
    { grant_type: 'client_credentials', scope: 'reports:write' },
    basicAuth('reports', client.clientSecret),
  )

  assert.equal(response.status, 200)
  assert.equal(response.headers.get('cache-control'), 'no-store')
  const body = (await response.json()) as Record<string, unknown>
  assert.deepEqual(body, {
    access_token: body['access_token'],
    token_type: 'Bearer',
    expires_in: 900,
    scope: 'reports:write',
  })
  const { claims } = decodeUnverified(body['access_token'] as string)
  assert.deepEqual(claims, {
    iss: ISSUER,
    sub: 'reports',
    aud: AUDIENCE,
    exp: NOW + 900,
    iat: NOW,
    jti: claims['jti'],
    client_id: 'reports',
    scope: 'reports:write',
  })
})

test('client credentials with body grants all scopes', async (t) => {
  const { url, client } = await startWithClient(t)

  const response = await postForm(`${url}/token`, {
    grant_type: 'client_credentials',
    client_id: 'reports',
    client_secret: client.clientSecret,
  })

  assert.equal(response.status, 200)
  const body = (await response.json()) as Record<string, unknown>
  assert.equal(body['scope'], 'orders:read reports:write')
})

test('client credentials narrows scopes', async (t) => {
  const { url, client } = await startWithClient(t)

  const narrowed = await postForm(
    `${url}/token`,
    { grant_type: 'client_credentials', scope: 'orders:read orders:write' },
    basicAuth('reports', client.clientSecret),
  )
  const refused = await postForm(
    `${url}/token`,
    { grant_type: 'client_credentials', scope: 'orders:write' },
    basicAuth('reports', client.clientSecret),
  )

  assert.equal(((await narrowed.json()) as Record<string, unknown>)['scope'], 'orders:read')
  assert.equal(refused.status, 400)
  assert.deepEqual(await refused.json(), {
    error: 'invalid_scope',
    error_description: 'None of the requested scopes can be granted.',
  })
})

const badClients: { name: string; fields: Record<string, string>; basic?: [string, string] }[] = [
  { name: 'wrong secret in Basic', fields: {}, basic: ['reports', 'wrong-secret'] },
  { name: 'unknown client in Basic', fields: {}, basic: ['payroll', 'any-secret'] },
  { name: 'wrong secret in body', fields: { client_id: 'reports', client_secret: 'nope' } },
  { name: 'public client', fields: { client_id: 'spa' } },
  { name: 'no client at all', fields: {} },
  { name: 'registered client without secret', fields: { client_id: 'reports' } },
]

for (const { name, fields, basic } of badClients) {
  test(`client credentials rejects ${name}`, async (t) => {
    const { url } = await startWithClient(t)

    const response = await postForm(
      `${url}/token`,
      { grant_type: 'client_credentials', ...fields },
      basic === undefined ? {} : basicAuth(...basic),
    )

    assert.equal(response.status, 401)
    assert.equal(response.headers.get('www-authenticate'), 'Basic realm="jot"')
    assert.equal(response.headers.get('cache-control'), 'no-store')
    assert.deepEqual(await response.json(), INVALID_CLIENT)
  })
}

test('client credentials rejects malformed Basic header', async (t) => {
  const { url } = await startWithClient(t)

  const response = await postForm(
    `${url}/token`,
    { grant_type: 'client_credentials' },
    { authorization: 'Basic !!!' },
  )

  assert.equal(response.status, 401)
  assert.equal(response.headers.get('www-authenticate'), 'Basic realm="jot"')
  assert.deepEqual(await response.json(), INVALID_CLIENT)
})

test('registered client limited to its grants', async (t) => {
  const { url, client } = await startWithClient(t)

  const response = await postForm(
    `${url}/token`,
    { grant_type: 'password', username: 'alice', password: ALICE.password },
    basicAuth('reports', client.clientSecret),
  )

  assert.equal(response.status, 400)
  assert.deepEqual(await response.json(), {
    error: 'unauthorized_client',
    error_description: 'The client is not allowed to use the password grant.',
  })
})

test('password grant narrows to client scopes', async (t) => {
  const dir = makeTempDir(t)
  const { url, config } = await startSeededServer(t, dir)
  const web = await seedClient(config, {
    clientId: 'orders-web',
    scopes: ['orders:read', 'profile', 'billing:admin'],
    grantTypes: ['password'],
  })

  const response = await postForm(
    `${url}/token`,
    { grant_type: 'password', username: 'alice', password: ALICE.password },
    basicAuth('orders-web', web.clientSecret),
  )

  assert.equal(response.status, 200)
  const body = (await response.json()) as Record<string, unknown>
  // The client may not receive refresh tokens, and alice has no billing:admin.
  assert.deepEqual(body, {
    access_token: body['access_token'],
    token_type: 'Bearer',
    expires_in: 900,
    scope: 'orders:read profile',
  })
  assert.equal(decodeUnverified(body['access_token'] as string).claims['client_id'], 'orders-web')
})
