import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createMemoryCounter } from '../../src/store/memory-counter.js'
import { defineCounterTests } from '../fixtures/store-suite.js'

const NOW = 1_700_000_000

defineCounterTests('memory', () => Promise.resolve(createMemoryCounter()))

test('memory counter purges ended windows', async () => {
  const counter = createMemoryCounter()
  await counter.increment('a', 60, NOW)
  await counter.increment('b', 3600, NOW)

  counter.purge(NOW + 40)

  assert.equal(counter.size, 1)
  assert.deepEqual(await counter.read('b', 3600, NOW + 40), { count: 1, resetAt: NOW + 2800 })
})

test('memory counter drops oldest past limit', async () => {
  const counter = createMemoryCounter(3)
  for (const key of ['a', 'b', 'c', 'd']) await counter.increment(key, 60, NOW)

  assert.equal(counter.size, 3)
  assert.deepEqual(await counter.read('a', 60, NOW), { count: 0, resetAt: NOW + 40 })
  assert.deepEqual(await counter.read('d', 60, NOW), { count: 1, resetAt: NOW + 40 })
})
