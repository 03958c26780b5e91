import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import { createTestPrefix, REDIS_URL } from '../fixtures/redis.js'
import { makeTempDir } from '../fixtures/temp.js'
import { ALICE, BOB, NOW, postForm, startSeededServer } from '../fixtures/server.js'

// NOW lies 20 seconds into a 60-second window, so its window resets 40 seconds later.
const WINDOW = { JOT_RATE_LIMIT_WINDOW_SEC: '60' }

function login(url: string, username: string, password: string): Promise<Response> {
  return postForm(`${url}/token`, { grant_type: 'password', username, password })
}

async function assertLimited(response: Response, retryAfter: number): Promise<void> {
  assert.equal(response.status, 429)
  assert.equal(response.headers.get('retry-after'), String(retryAfter))
  assert.equal(response.headers.get('cache-control'), 'no-store')
  assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8')
  assert.deepEqual(await response.json(), {
    error: 'slow_down',
    error_description: `Too many requests; retry after ${retryAfter} seconds.`,
  })
}

async function start(t: TestContext, env: Record<string, string>, clock = { now: NOW }) {
  return startSeededServer(t, makeTempDir(t), { clock, env: { ...WINDOW, ...env } })
}

test('rate limit per address', async (t) => {
  const clock = { now: NOW }
  const { url } = await start(t, { JOT_RATE_LIMIT_PER_ADDRESS: '3' }, clock)
  for (let i = 0; i < 3; i += 1) {
    assert.equal((await login(url, 'bob', BOB.password)).status, 200)
  }
  clock.now = NOW + 10

  await assertLimited(await login(url, 'bob', BOB.password), 30)
  await assertLimited(await postForm(`${url}/revoke`, { token: 'x' }), 30)
  await assertLimited(await postForm(`${url}/introspect`, { token: 'x' }), 30)
  clock.now = NOW + 40
  assert.equal((await login(url, 'bob', BOB.password)).status, 200)
})

test('rate limit leaves other routes', async (t) => {
  const { url } = await start(t, { JOT_RATE_LIMIT_PER_ADDRESS: '1' })
  await login(url, 'bob', BOB.password)
  await login(url, 'bob', BOB.password)

  assert.equal((await fetch(`${url}/.well-known/jwks.json`)).status, 200)
  assert.equal((await fetch(`${url}/health`)).status, 200)
})

test('rate limit failed logins per user', async (t) => {
  const clock = { now: NOW }
  const { url } = await start(t, { JOT_RATE_LIMIT_PER_USER: '2' }, clock)
  assert.equal((await login(url, 'alice', 'wrong password 1')).status, 400)
  assert.equal((await login(url, 'ALICE', 'wrong password 2')).status, 400)

  await assertLimited(await login(url, 'alice', ALICE.password), 40)
  assert.equal((await login(url, 'bob', BOB.password)).status, 200)
  clock.now = NOW + 40
  assert.equal((await login(url, 'alice', ALICE.password)).status, 200)
})

test('rate limit unknown user same as known', async (t) => {
  const { url } = await start(t, { JOT_RATE_LIMIT_PER_USER: '1' })
  await login(url, 'alice', 'wrong password')
  await login(url, 'mallory', 'wrong password')

  const known = await login(url, 'alice', 'wrong password')
  const unknown = await login(url, 'mallory', 'wrong password')

  await assertLimited(known, 40)
  await assertLimited(unknown, 40)
})

test('rate limit successful logins not counted', async (t) => {
  const { url } = await start(t, { JOT_RATE_LIMIT_PER_USER: '1' })

  for (let i = 0; i < 3; i += 1) {
    assert.equal((await login(url, 'alice', ALICE.password)).status, 200)
  }
})

test('rate limit zero turns limits off', async (t) => {
  const { url } = await start(t, { JOT_RATE_LIMIT_PER_ADDRESS: '0', JOT_RATE_LIMIT_PER_USER: '0' })

  for (let i = 0; i < 12; i += 1) {
    assert.equal((await login(url, 'alice', 'wrong password')).status, 400)
  }
})

test('rate limit shared through Redis', async (t) => {
  const prefix = createTestPrefix(t)
  const env = {
    JOT_RATE_LIMIT_PER_ADDRESS: '3',
    JOT_REDIS_URL: REDIS_URL,
    JOT_REDIS_PREFIX: prefix,
  }
  const first = await start(t, env)
  const second = await start(t, env)

  assert.equal((await login(first.url, 'bob', BOB.password)).status, 200)
  assert.equal((await login(second.url, 'bob', BOB.password)).status, 200)
  assert.equal((await login(first.url, 'bob', BOB.password)).status, 200)

  await assertLimited(await login(second.url, 'bob', BOB.password), 40)
})
