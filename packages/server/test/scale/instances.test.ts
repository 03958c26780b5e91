import assert from 'node:assert/strict'
import { test } from 'node:test'
import { loadOrCreateSigningKeys } from '../../src/keys/rotation.js'
import { MasterKey } from '../../src/master-key.js'
import { openPostgresStore } from '../../src/store/postgres.js'
import { createClusterEnv, seedDatabase } from '../fixtures/cluster.js'
import { startService } from '../fixtures/process.js'
import { ALICE, logInFully, postForm, refresh } from '../fixtures/server.js'
import type { TokenBody } from '../fixtures/server.js'
import { TEST_MASTER_KEY_TEXT } from '../fixtures/temp.js'

function getMe(url: string, token: string): Promise<Response> {
  return fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } })
}

async function jwksKids(url: string): Promise<string[]> {
  const body = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as {
    keys: { kid: string }[]
  }
  return body.keys.map((key) => key.kid)
}

test('two instances share tokens and revocations', async (t) => {
  const env = await createClusterEnv(t)
  await seedDatabase(env['JOT_DATABASE_URL']!, [ALICE])
  const [a, b] = await Promise.all([startService(t, env), startService(t, env)])

  const login = await logInFully(a.url, ALICE)
  const meOnB = await getMe(b.url, login.access_token)
  const refreshedOnB = await refresh(b.url, login.refresh_token!)
  const rotated = (await refreshedOnB.json()) as TokenBody
  const revokedOnA = await postForm(`${a.url}/revoke`, { token: rotated.refresh_token! })
  const refusedOnB = await refresh(b.url, rotated.refresh_token!)
  await postForm(`${b.url}/revoke`, { token: rotated.access_token })
  const meOnA = await getMe(a.url, rotated.access_token)

  assert.equal(meOnB.status, 200)
  assert.equal(refreshedOnB.status, 200)
  assert.equal(revokedOnA.status, 200)
  assert.equal(refusedOnB.status, 400)
  assert.equal(meOnA.status, 401)
  assert.deepEqual(await meOnA.json(), {
    error: 'invalid_token',
    error_description: 'The access token has been revoked.',
  })
  assert.deepEqual(await jwksKids(a.url), await jwksKids(b.url))
})

test('two instances rotate once', async (t) => {
  const env = await createClusterEnv(t)
  const store = await openPostgresStore(env['JOT_DATABASE_URL']!)
  t.after(() => store.close())
  const masterKey = new MasterKey(Buffer.from(TEST_MASTER_KEY_TEXT, 'base64url'))
  // The processes run on the real clock. A first key made 31 days before it is due for its
  // 30-day rotation when both start.
  const created = Math.floor(Date.now() / 1000) - 31 * 86_400
  const { keys } = await loadOrCreateSigningKeys(store, masterKey, created)
  const first = keys.signerAt(created).kid

  const [a, b] = await Promise.all([startService(t, env), startService(t, env)])

  const rotations = [...a.started, ...b.started].filter((msg) => msg === 'signing key rotated')
  assert.equal(rotations.length, 1)
  const stored = (await store.listSigningKeys()).map((key) => key.kid)
  assert.equal(stored.length, 2)
  assert.equal(stored[0], first)
  assert.deepEqual(await jwksKids(a.url), stored)
  assert.deepEqual(await jwksKids(b.url), stored)
})

test('hundred concurrent refreshes across instances', async (t) => {
  const env = await createClusterEnv(t)
  await seedDatabase(env['JOT_DATABASE_URL']!, [ALICE])
  const [a, b] = await Promise.all([startService(t, env), startService(t, env)])
  const login = await logInFully(a.url, ALICE)

  const responses = await Promise.all(
    Array.from({ length: 100 }, (_, index) =>
      refresh(index % 2 === 0 ? a.url : b.url, login.refresh_token!),
    ),
  )

  const succeeded = responses.filter((response) => response.status === 200)
  const refused = responses.filter((response) => response.status === 400)
  assert.equal(succeeded.length, 1)
  assert.equal(refused.length, 99)
  for (const response of refused) {
    assert.deepEqual(await response.json(), {
      error: 'invalid_grant',
      error_description: 'The refresh token is invalid, expired or revoked.',
    })
  }
})
