import assert from 'node:assert/strict'
import { test } from 'node:test'
import { decodeUnverified } from '@jot/core'
import { makeTempDir } from '../fixtures/temp.js'
import {
  ALICE,
  AUDIENCE,
  BOB,
  ISSUER,
  NOW,
  postForm,
  postJson,
  startSeededServer,
} from '../fixtures/server.js'

const JSON_TYPE = 'application/json; charset=utf-8'

test('token form login issues access token', async (t) => {
  const { url, alice } = await startSeededServer(t, makeTempDir(t))

  const response = await postForm(`${url}/token`, {
    grant_type: 'password',
    username: 'alice',
    password: ALICE.password,
  })

  assert.equal(response.status, 200)
  assert.equal(response.headers.get('content-type'), JSON_TYPE)
  assert.equal(response.headers.get('cache-control'), 'no-store')
  assert.equal(response.headers.get('pragma'), 'no-cache')
  const body = (await response.json()) as Record<string, unknown>
  assert.equal(typeof body['access_token'], 'string')
  assert.match(body['refresh_token'] as string, /^[A-Za-z0-9_-]{43}$/)
  assert.deepEqual(body, {
    access_token: body['access_token'],
    token_type: 'Bearer',
    expires_in: 900,
    refresh_token: body['refresh_token'],
    scope: 'orders:read orders:write profile',
  })

  const jwks = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as {
    keys: { kid: string }[]
  }
  const { header, claims } = decodeUnverified(body['access_token'] as string)
  assert.deepEqual(header, { alg: 'ES256', kid: jwks.keys[0]!.kid, typ: 'at+jwt' })
  assert.equal(typeof claims['jti'], 'string')
  assert.deepEqual(claims, {
    iss: ISSUER,
    sub: alice.id,
    aud: AUDIENCE,
    exp: NOW + 900,
    iat: NOW,
    jti: claims['jti'],
    client_id: 'jot',
    scope: 'orders:read orders:write profile',
    roles: ['admin', 'support'],
    username: 'alice',
  })
})

test('token JSON login with scope and client', async (t) => {
  const { url, alice } = await startSeededServer(t, makeTempDir(t))

  const response = await postJson(`${url}/token`, {
    grant_type: 'password',
    username: 'alice',
    password: ALICE.password,
    scope: 'profile orders:read',
    client_id: 'orders-web',
  })

  assert.equal(response.status, 200)
  const body = (await response.json()) as Record<string, unknown>
  assert.deepEqual(body, {
    access_token: body['access_token'],
    token_type: 'Bearer',
    expires_in: 900,
    refresh_token: body['refresh_token'],
    scope: 'profile orders:read',
  })
  const { claims } = decodeUnverified(body['access_token'] as string)
  assert.equal(claims['sub'], alice.id)
  assert.equal(claims['client_id'], 'orders-web')
  assert.equal(claims['scope'], 'profile orders:read')
})

test('token drops scopes the user lacks', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  const response = await postForm(`${url}/token`, {
    grant_type: 'password',
    username: 'alice',
    password: ALICE.password,
    scope: 'orders:read billing:admin',
  })

  assert.equal(response.status, 200)
  const body = (await response.json()) as Record<string, unknown>
  assert.equal(body['scope'], 'orders:read')
  assert.equal(decodeUnverified(body['access_token'] as string).claims['scope'], 'orders:read')
})

test('token username ignores ASCII case', async (t) => {
  const { url, alice } = await startSeededServer(t, makeTempDir(t))

  const response = await postForm(`${url}/token`, {
    grant_type: 'password',
    username: 'ALICE',
    password: ALICE.password,
  })

  assert.equal(response.status, 200)
  const body = (await response.json()) as Record<string, unknown>
  const { claims } = decodeUnverified(body['access_token'] as string)
  assert.equal(claims['sub'], alice.id)
  assert.equal(claims['username'], 'alice')
})

test('token user without scopes omits scope', async (t) => {
  const { url, bob } = await startSeededServer(t, makeTempDir(t))

  const response = await postForm(`${url}/token`, {
    grant_type: 'password',
    username: 'bob',
    password: BOB.password,
    scope: '',
  })

  assert.equal(response.status, 200)
  const body = (await response.json()) as Record<string, unknown>
  assert.deepEqual(body, {
    access_token: body['access_token'],
    token_type: 'Bearer',
    expires_in: 900,
    refresh_token: body['refresh_token'],
  })
  const { claims } = decodeUnverified(body['access_token'] as string)
  assert.equal(claims['sub'], bob.id)
  assert.equal(Object.hasOwn(claims, 'scope'), false)
  assert.deepEqual(claims['roles'], [])
})

test('token wrong password and unknown user match', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  const wrongPassword = await postForm(`${url}/token`, {
    grant_type: 'password',
    username: 'alice',
    password: 'correct horse battery!',
  })
  const unknownUser = await postForm(`${url}/token`, {
    grant_type: 'password',
    username: 'mallory',
    password: ALICE.password,
  })

  const expected = {
    error: 'invalid_grant',
    error_description: 'The username or password is incorrect.',
  }
  assert.equal(wrongPassword.status, 400)
  assert.equal(unknownUser.status, 400)
  assert.deepEqual(await wrongPassword.json(), expected)
  assert.deepEqual(await unknownUser.json(), expected)
  assert.equal(wrongPassword.headers.get('cache-control'), 'no-store')
  assert.equal(unknownUser.headers.get('cache-control'), 'no-store')
})

const badRequests: {
  name: string
  body: Record<string, unknown>
  json?: boolean
  error: string
  description: string
}[] = [
  {
    name: 'missing grant_type',
    body: { username: 'alice', password: ALICE.password },
    error: 'invalid_request',
    description: 'The grant_type parameter is missing.',
  },
  {
    name: 'unsupported grant_type',
    body: { grant_type: 'authorization_code', code: 'abc' },
    error: 'unsupported_grant_type',
    description:
      'The grant type "authorization_code" is not supported; use password, refresh_token or ' +
      'client_credentials.',
  },
  {
    name: 'missing username',
    body: { grant_type: 'password', password: ALICE.password },
    error: 'invalid_request',
    description: 'The username parameter is missing.',
  },
  {
    name: 'empty password',
    body: { grant_type: 'password', username: 'alice', password: '' },
    error: 'invalid_request',
    description: 'The password parameter is missing.',
  },
  {
    name: 'password not a string',
    body: { grant_type: 'password', username: 'alice', password: 12345678 },
    json: true,
    error: 'invalid_request',
    description: 'The password parameter must be a string.',
  },
  {
    name: 'username array',
    body: { grant_type: 'password', username: ['alice'], password: ALICE.password },
    json: true,
    error: 'invalid_request',
    description: 'The username parameter must be a string.',
  },
  {
    name: 'grant_type null',
    body: { grant_type: null },
    json: true,
    error: 'invalid_request',
    description: 'The grant_type parameter must be a string.',
  },
  {
    name: 'malformed scope',
    body: { grant_type: 'password', username: 'alice', password: ALICE.password, scope: 'a  b' },
    error: 'invalid_scope',
    description: 'The scope parameter must list scope tokens separated by single spaces.',
  },
  {
    name: 'no requested scope held',
    body: {
      grant_type: 'password',
      username: 'alice',
      password: ALICE.password,
      scope: 'billing:admin',
    },
    error: 'invalid_scope',
    description: 'None of the requested scopes can be granted.',
  },
  {
    name: 'client_id with control character',
    body: {
      grant_type: 'password',
      username: 'alice',
      password: ALICE.password,
      client_id: 'web\napp',
    },
    error: 'invalid_request',
    description: 'The client_id parameter must be 1 to 128 printable ASCII characters.',
  },
]

for (const { name, body, json, error, description } of badRequests) {
  test(`token rejects ${name}`, async (t) => {
    const { url } = await startSeededServer(t, makeTempDir(t))

    const response =
      json === true
        ? await postJson(`${url}/token`, body)
        : await postForm(`${url}/token`, body as Record<string, string>)

    assert.equal(response.status, 400)
    assert.equal(response.headers.get('content-type'), JSON_TYPE)
    assert.equal(response.headers.get('cache-control'), 'no-store')
    assert.deepEqual(await response.json(), { error, error_description: description })
  })
}

test('token rejects repeated form parameter', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  const response = await fetch(`${url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=password&username=bob&username=alice&password=${encodeURIComponent(ALICE.password)}`,
  })

  assert.equal(response.status, 400)
  assert.deepEqual(await response.json(), {
    error: 'invalid_request',
    error_description: 'The parameter "username" appears more than once.',
  })
})

test('token accepts form charset parameter', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  const response = await fetch(`${url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    body: new URLSearchParams({
      grant_type: 'password',
      username: 'bob',
      password: BOB.password,
    }).toString(),
  })

  assert.equal(response.status, 200)
})
