import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import { openRedis } from '../../src/store/redis.js'
import { createTestPrefix, REDIS_URL, withRedis } from '../fixtures/redis.js'
import { defineCounterTests, defineRevocationTests } from '../fixtures/store-suite.js'

const NOW = 1_700_000_000

async function openTestRedis(t: TestContext, prefix = createTestPrefix(t)) {
  const state = await openRedis({ url: REDIS_URL, keyPrefix: prefix })
  t.after(() => state.close())
  return state
}

defineRevocationTests('redis', (t) => openTestRedis(t))
defineCounterTests('redis', (t) => openTestRedis(t))

test('redis revocation expires with token', async (t) => {
  const prefix = createTestPrefix(t)
  const state = await openTestRedis(t, prefix)

  await state.revokeAccessToken('jti-ttl', NOW + 900, NOW)

  const ttl = await withRedis((redis) => redis.ttl(`${prefix}revoked:jti-ttl`))
  assert.equal(ttl > 890 && ttl <= 900, true, `TTL ${ttl}`)
})

test('redis counter expires with window', async (t) => {
  const prefix = createTestPrefix(t)
  const state = await openTestRedis(t, prefix)

  await state.increment('addr:ttl', 60, NOW)

  const ttl = await withRedis((redis) => redis.ttl(`${prefix}rate:addr:ttl:${NOW - 20}`))
  assert.equal(ttl > 30 && ttl <= 40, true, `TTL ${ttl}`)
})

test('redis unreachable is unavailable', async () => {
  await assert.rejects(openRedis({ url: 'redis://127.0.0.1:1', keyPrefix: 'jot:' }), {
    name: 'ServerError',
    code: 'STORE_UNAVAILABLE',
    message: 'Redis cannot be reached; the request can be retried later.',
  })
})
