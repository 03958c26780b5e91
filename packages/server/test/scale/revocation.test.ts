import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createClusterEnv, seedDatabase } from '../fixtures/cluster.js'
import { ALICE, logInFully, postForm } from '../fixtures/server.js'
import { TEST_PASSWORD_COST } from '../fixtures/temp.js'

const REVOKED_BODY = {
  error: 'invalid_token',
  error_description: 'The access token has been revoked.',
}

function getMe(url: string, token: string): Promise<Response> {
  return fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } })
}

/**
 * Starts one instance in this process with its own store connections and a monotonic clock the
 * test moves, so that the propagation delay passes without waiting.
 */
async function startInstance(t: TestContext, env: Record<string, string>) {
  const clock = { ms: 0 }
  const app = await createApp(loadConfig({ ...env, PORT: '0' }), {
    logger: false,
    passwordCost: TEST_PASSWORD_COST,
    clockMs: () => clock.ms,
  })
  t.after(() => app.close())
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  return { url, clock }
}

const SETUPS = [
  { name: 'postgres', redis: false },
  { name: 'postgres and redis', redis: true },
]

for (const { name, redis } of SETUPS) {
  test(`revocation reaches other instance, ${name}`, async (t) => {
    const cluster = await createClusterEnv(t)
    const env = Object.fromEntries(
      Object.entries(cluster).filter(([variable]) => redis || !variable.startsWith('JOT_REDIS_')),
    )
    await seedDatabase(env['JOT_DATABASE_URL']!, [ALICE])
    const a = await startInstance(t, env)
    const b = await startInstance(t, env)
    const login = await logInFully(a.url, ALICE)
    const before = await getMe(b.url, login.access_token)

    const revoked = await postForm(`${a.url}/revoke`, { token: login.access_token })
    const onA = await getMe(a.url, login.access_token)
    // B read the revocation list's version at 0 ms, so it may use its result until 1000 ms.
    b.clock.ms = 999
    const withinDelay = await getMe(b.url, login.access_token)
    b.clock.ms = 1000
    const afterDelay = await getMe(b.url, login.access_token)

    assert.equal(before.status, 200)
    assert.equal(revoked.status, 200)
    assert.equal(onA.status, 401)
    assert.deepEqual(await onA.json(), REVOKED_BODY)
    assert.equal(withinDelay.status, 200)
    assert.equal(afterDelay.status, 401)
    assert.deepEqual(await afterDelay.json(), REVOKED_BODY)
  })
}

test('revocation without delay reaches other instance', async (t) => {
  const env: Record<string, string> = {
    ...(await createClusterEnv(t)),
    JOT_REVOCATION_PROPAGATION_MS: '0',
  }
  await seedDatabase(env['JOT_DATABASE_URL']!, [ALICE])
  const a = await startInstance(t, env)
  const b = await startInstance(t, env)
  const login = await logInFully(a.url, ALICE)
  const before = await getMe(b.url, login.access_token)

  await postForm(`${a.url}/revoke`, { token: login.access_token })
  const after = await getMe(b.url, login.access_token)

  assert.equal(before.status, 200)
  assert.equal(after.status, 401)
  assert.deepEqual(await after.json(), REVOKED_BODY)
})
