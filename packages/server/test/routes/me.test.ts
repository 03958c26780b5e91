import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createSigner, decodeUnverified, generateKeyPair, signJwt } from '@jot/core'
import Database from 'better-sqlite3'
import { runMaintenance } from '../../src/app.js'
import { SigningKeySet } from '../../src/keys/key-set.js'
import { rotateSigningKey } from '../../src/keys/rotation.js'
import { parseMasterKey } from '../../src/master-key.js'
import { openStore } from '../../src/store/index.js'
import { TEST_MASTER_KEY_TEXT, makeTempDir } from '../fixtures/temp.js'
import {
  ALICE,
  AUDIENCE,
  ISSUER,
  logIn,
  logInFully,
  NOW,
  postForm,
  sqlitePath,
  startSeededServer,
} from '../fixtures/server.js'

const INVALID_CHALLENGE =
  'Bearer realm="jot", error="invalid_token", error_description="The access token is invalid."'
const INVALID_BODY = { error: 'invalid_token', error_description: 'The access token is invalid.' }
const MISSING_BODY = {
  error: 'unauthorized',
  error_description: 'A bearer access token is required.',
}

function getMe(url: string, authorization?: string): Promise<Response> {
  return fetch(`${url}/me`, authorization === undefined ? {} : { headers: { authorization } })
}

test('me returns verified claims', async (t) => {
  const { url, alice } = await startSeededServer(t, makeTempDir(t))
  const token = await logIn(url, ALICE, 'orders:read profile')

  const response = await getMe(url, `Bearer ${token}`)

  assert.equal(response.status, 200)
  assert.equal(response.headers.get('cache-control'), 'no-store')
  const body = (await response.json()) as { claims: Record<string, unknown> }
  const { iat, exp, jti } = body.claims
  assert.equal(iat, NOW)
  assert.equal(exp, (iat as number) + 900)
  assert.match(jti as string, /^[A-Za-z0-9_-]{22}$/)
  assert.deepEqual(body, {
    claims: {
      iss: ISSUER,
      sub: alice.id,
      aud: AUDIENCE,
      iat,
      exp,
      jti,
      client_id: 'jot',
      scope: 'orders:read profile',
      roles: ['admin', 'support'],
      username: 'alice',
    },
  })
})

test('me tokens get distinct jti', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  const first = decodeUnverified(await logIn(url, ALICE)).claims['jti']
  const second = decodeUnverified(await logIn(url, ALICE)).claims['jti']

  assert.notEqual(first, second)
})

test('me without token gets realm challenge', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  for (const authorization of [undefined, 'Basic YWxpY2U6c2VjcmV0', 'Bearer', 'Bearer   ']) {
    const response = await getMe(url, authorization)

    assert.equal(response.status, 401, String(authorization))
    assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="jot"')
    assert.deepEqual(await response.json(), MISSING_BODY)
  }
})

test('me rejects tampered token', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))
  const token = await logIn(url, ALICE)
  const [header, payload, signature] = token.split('.') as [string, string, string]
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as object
  const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['root'] })).toString('base64url')

  const response = await getMe(url, `Bearer ${header}.${forged}.${signature}`)

  assert.equal(response.status, 401)
  assert.equal(response.headers.get('www-authenticate'), INVALID_CHALLENGE)
  assert.deepEqual(await response.json(), INVALID_BODY)
})

test('me rejects token from another key', async (t) => {
  const { url, alice } = await startSeededServer(t, makeTempDir(t))
  const { privateKey } = await generateKeyPair('ES256', { kid: 'attacker' })
  const sign = createSigner(privateKey, {
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresInSec: 900,
    typ: 'at+jwt',
    now: () => NOW,
  })
  const token = sign({ sub: alice.id, jti: 'j1', client_id: 'jot', roles: ['admin'] })

  const response = await getMe(url, `Bearer ${token}`)

  assert.equal(response.status, 401)
  assert.equal(response.headers.get('www-authenticate'), INVALID_CHALLENGE)
  assert.deepEqual(await response.json(), INVALID_BODY)
})

test('me rejects own-key token for other audience, issuer or typ', async (t) => {
  const { url, config, alice } = await startSeededServer(t, makeTempDir(t))
  // The service's own signing key, read back as an operator could, so only the claim or
  // header under test differs from a token the service issued.
  const store = await openStore(config)
  const keys = new SigningKeySet(parseMasterKey(TEST_MASTER_KEY_TEXT, 'JOT_MASTER_KEY'))
  try {
    await keys.reload(store)
  } finally {
    await store.close()
  }
  const { privateKey } = keys.signerAt(NOW)
  const claims = { sub: alice.id, jti: 'own-key', client_id: 'jot', roles: ['admin'] }
  const base = { issuer: ISSUER, audience: AUDIENCE, typ: 'at+jwt', expiresInSec: 900, now: NOW }
  const variants = {
    audience: { ...base, audience: 'https://other-api.jot.test' },
    issuer: { ...base, issuer: 'https://other-auth.jot.test' },
    typ: { ...base, typ: 'JWT' },
  }

  const control = await getMe(url, `Bearer ${await signJwt(claims, privateKey, base)}`)
  assert.equal(control.status, 200)
  for (const [name, options] of Object.entries(variants)) {
    const token = await signJwt(claims, privateKey, options)
    const response = await getMe(url, `Bearer ${token}`)

    assert.equal(response.status, 401, name)
    assert.equal(response.headers.get('www-authenticate'), INVALID_CHALLENGE, name)
    assert.deepEqual(await response.json(), INVALID_BODY, name)
  }
})

test('me rejects malformed tokens', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  for (const token of ['abc', 'a.b.c', 'a b', '"quoted"', 'x'.repeat(15_000)]) {
    const response = await getMe(url, `Bearer ${token}`)

    assert.equal(response.status, 401, token.slice(0, 20))
    assert.equal(response.headers.get('www-authenticate'), INVALID_CHALLENGE)
    assert.deepEqual(await response.json(), INVALID_BODY)
  }
})

test('me rejects expired token', async (t) => {
  const clock = { now: NOW }
  const { url } = await startSeededServer(t, makeTempDir(t), { clock })
  const token = await logIn(url, ALICE)
  clock.now = NOW + 900

  const response = await getMe(url, `Bearer ${token}`)

  assert.equal(response.status, 401)
  assert.equal(
    response.headers.get('www-authenticate'),
    'Bearer realm="jot", error="invalid_token", error_description="The access token has expired."',
  )
  assert.deepEqual(await response.json(), {
    error: 'invalid_token',
    error_description: 'The access token has expired.',
  })
})

test('me accepts token until expiry', async (t) => {
  const clock = { now: NOW }
  const { url } = await startSeededServer(t, makeTempDir(t), { clock })
  const token = await logIn(url, ALICE)
  clock.now = NOW + 899

  const response = await getMe(url, `Bearer ${token}`)

  assert.equal(response.status, 200)
})

test('me rejects oversized header with JSON', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  const response = await getMe(url, `Bearer ${'x'.repeat(20_000)}`)

  assert.equal(response.status, 431)
  assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8')
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff')
  assert.deepEqual(await response.json(), {
    error: 'invalid_request',
    error_description: 'The request headers are too large.',
  })
})

test('me rejects revoked cached token', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))
  const login = await logInFully(url, ALICE)
  const before = await getMe(url, `Bearer ${login.access_token}`)

  const revoked = await postForm(`${url}/revoke`, { token: login.access_token })
  const after = await getMe(url, `Bearer ${login.access_token}`)

  assert.equal(before.status, 200)
  assert.equal(revoked.status, 200)
  assert.equal(after.status, 401)
  assert.equal(
    after.headers.get('www-authenticate'),
    'Bearer realm="jot", error="invalid_token", error_description="The access token has been revoked."',
  )
  assert.deepEqual(await after.json(), {
    error: 'invalid_token',
    error_description: 'The access token has been revoked.',
  })
})

test('me rejects expired cached token', async (t) => {
  const clock = { now: NOW }
  const { url } = await startSeededServer(t, makeTempDir(t), { clock })
  const token = await logIn(url, ALICE)
  const before = await getMe(url, `Bearer ${token}`)
  clock.now = NOW + 900

  const after = await getMe(url, `Bearer ${token}`)

  assert.equal(before.status, 200)
  assert.equal(after.status, 401)
  assert.equal(
    after.headers.get('www-authenticate'),
    'Bearer realm="jot", error="invalid_token", error_description="The access token has expired."',
  )
  assert.deepEqual(await after.json(), {
    error: 'invalid_token',
    error_description: 'The access token has expired.',
  })
})

test('me rejects cached token of removed key', async (t) => {
  const clock = { now: NOW }
  const { url, app, config } = await startSeededServer(t, makeTempDir(t), { clock })
  const token = await logIn(url, ALICE)
  const before = await getMe(url, `Bearer ${token}`)
  const store = await openStore(config)
  t.after(() => store.close())
  await rotateSigningKey(store, { masterKey: config.masterKey, now: NOW + 10 })
  // The service never deletes a key whose tokens are still valid; the test does, to show that
  // a cached verification ends with its key.
  const db = new Database(sqlitePath(config))
  db.prepare('DELETE FROM signing_keys WHERE generation = 1').run()
  db.close()
  await runMaintenance(app)

  const after = await getMe(url, `Bearer ${token}`)

  assert.equal(before.status, 200)
  assert.equal(after.status, 401)
  assert.equal(after.headers.get('www-authenticate'), INVALID_CHALLENGE)
  assert.deepEqual(await after.json(), INVALID_BODY)
})
