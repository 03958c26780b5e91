import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatDuration, formatNumericDate, formatRelativeTime } from '../src/relative-time.js'

const NOW = 1_700_000_000

test('formatDuration picks the largest unit', () => {
  const cases: [number, string][] = [
    [0, '0 seconds'],
    [0.5, '0 seconds'],
    [1, '1 second'],
    [59, '59 seconds'],
    [60, '1 minute'],
    [300, '5 minutes'],
    [5_400, '1 hour'],
    [7_200, '2 hours'],
    [86_399, '23 hours'],
    [86_400, '1 day'],
    [172_800, '2 days'],
    [365 * 86_400, '1 year'],
    [3 * 365 * 86_400 + 5, '3 years'],
    [-300, '5 minutes'],
  ]
  for (const [seconds, expected] of cases)
    assert.equal(formatDuration(seconds), expected, `${seconds}`)
})

test('formatRelativeTime future and past', () => {
  assert.equal(formatRelativeTime(NOW + 300, NOW), 'in 5 minutes')
  assert.equal(formatRelativeTime(NOW - 7_200, NOW), '2 hours ago')
  assert.equal(formatRelativeTime(NOW - 1, NOW), '1 second ago')
  assert.equal(formatRelativeTime(NOW + 86_400 * 3, NOW), 'in 3 days')
})

test('formatRelativeTime within a second is now', () => {
  assert.equal(formatRelativeTime(NOW, NOW), 'now')
  assert.equal(formatRelativeTime(NOW + 0.9, NOW), 'now')
  assert.equal(formatRelativeTime(NOW - 0.9, NOW), 'now')
})

test('formatNumericDate gives ISO 8601 UTC', () => {
  assert.equal(formatNumericDate(NOW), '2023-11-14T22:13:20Z')
  assert.equal(formatNumericDate(0), '1970-01-01T00:00:00Z')
  assert.equal(formatNumericDate(NOW + 0.25), '2023-11-14T22:13:20.250Z')
  assert.equal(formatNumericDate(-86_400), '1969-12-31T00:00:00Z')
})

test('formatNumericDate rejects non-dates', () => {
  for (const value of ['1700000000', null, undefined, Number.NaN, Infinity, -Infinity, 9e12, {}]) {
    assert.equal(formatNumericDate(value), undefined, JSON.stringify(value) ?? typeof value)
  }
})
