import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import { createTestDatabase } from '../fixtures/postgres.js'
import { makeTempDir } from '../fixtures/temp.js'
import { ALICE, postJson, seedUsers, startServer, testConfig } from '../fixtures/server.js'

const BAD_CREDENTIALS = {
  error: 'invalid_grant',
  error_description: 'The username or password is incorrect.',
}

const hostileLogins: { name: string; username: string; password: string }[] = [
  { name: 'NUL in username', username: 'ali\u0000ce', password: ALICE.password },
  { name: 'NUL in password', username: 'alice', password: 'correct\u0000horse' },
  { name: 'lone surrogate', username: '\ud800alice', password: ALICE.password },
  { name: 'long username', username: 'a'.repeat(10_000), password: ALICE.password },
  { name: '__proto__ username', username: '__proto__', password: ALICE.password },
  { name: 'SQL in username', username: "alice' OR '1'='1", password: ALICE.password },
  { name: 'Kelvin sign username', username: '\u212Alice', password: ALICE.password },
]

async function startBackend(t: TestContext, backend: 'sqlite' | 'postgres') {
  const env = backend === 'postgres' ? { JOT_DATABASE_URL: await createTestDatabase(t) } : {}
  const config = testConfig(makeTempDir(t), undefined, env)
  await seedUsers(config, [ALICE])
  return startServer(t, config)
}

for (const backend of ['sqlite', 'postgres'] as const) {
  test(`${backend} login rejects hostile input`, async (t) => {
    const { url } = await startBackend(t, backend)

    for (const { name, username, password } of hostileLogins) {
      const response = await postJson(`${url}/token`, {
        grant_type: 'password',
        username,
        password,
      })

      assert.equal(response.status, 400, name)
      assert.deepEqual(await response.json(), BAD_CREDENTIALS, name)
    }
  })
}
