import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestDatabase } from '../fixtures/postgres.js'
import { startTcpProxy } from '../fixtures/tcp-proxy.js'
import { makeTempDir } from '../fixtures/temp.js'
import {
  ALICE,
  logInFully,
  NOW,
  postForm,
  seedUsers,
  startServer,
  testConfig,
} from '../fixtures/server.js'

const UNAVAILABLE = {
  error: 'temporarily_unavailable',
  error_description: 'The service is temporarily unavailable; retry later.',
}

function logIn(url: string): Promise<Response> {
  return postForm(`${url}/token`, {
    grant_type: 'password',
    username: ALICE.username,
    password: ALICE.password,
  })
}

test('postgres outage answers 503 then recovers', async (t) => {
  const databaseUrl = await createTestDatabase(t)
  const proxy = await startTcpProxy(t, 5432)
  const proxiedUrl = `postgres://postgres@127.0.0.1:${proxy.port}${new URL(databaseUrl).pathname}`
  const config = testConfig(makeTempDir(t), undefined, { JOT_DATABASE_URL: proxiedUrl })
  await seedUsers(config, [ALICE])
  const { url } = await startServer(t, config, { clock: { now: NOW } })
  const before = await logInFully(url, ALICE)

  await proxy.close()
  const duringLogin = await logIn(url)
  const duringMe = await fetch(`${url}/me`, {
    headers: { authorization: `Bearer ${before.access_token}` },
  })
  const duringRefresh = await postForm(`${url}/token`, {
    grant_type: 'refresh_token',
    refresh_token: before.refresh_token!,
  })
  const duringJwks = await fetch(`${url}/.well-known/jwks.json`)
  await proxy.reopen()
  const afterLogin = await logIn(url)
  const afterRefresh = await postForm(`${url}/token`, {
    grant_type: 'refresh_token',
    refresh_token: before.refresh_token!,
  })

  for (const response of [duringLogin, duringMe, duringRefresh]) {
    assert.equal(response.status, 503)
    assert.equal(response.headers.get('retry-after'), '5')
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8')
    assert.deepEqual(await response.json(), UNAVAILABLE)
  }
  // The keys are in memory, so verifiers can still fetch them.
  assert.equal(duringJwks.status, 200)
  assert.equal(afterLogin.status, 200)
  // The refresh during the outage changed nothing, so the token still works once.
  assert.equal(afterRefresh.status, 200)
})
