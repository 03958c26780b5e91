import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatDuration, formatInstant, formatRelative, isTime } from '../src/token-warnings.js'

test('formatRelative picks largest unit', () => {
  const cases: [number, string][] = [
    [0, 'now'],
    [0.5, 'now'],
    [1, 'in 1 second'],
    [-59, '59 seconds ago'],
    [60, 'in 1 minute'],
    [119, 'in 1 minute'],
    [-7200, '2 hours ago'],
    [86_399, 'in 23 hours'],
    [86_400 * 3, 'in 3 days'],
    [-86_400 * 400, '1 year ago'],
  ]
  for (const [offset, expected] of cases)
    assert.equal(formatRelative(offset), expected, String(offset))
})

test('formatDuration in hours then days', () => {
  assert.equal(formatDuration(90_000), '90000 seconds (about 25 hours)')
  assert.equal(formatDuration(72 * 3600), '259200 seconds (about 3 days)')
  assert.equal(formatDuration(30 * 86_400), '2592000 seconds (about 30 days)')
})

test('formatInstant drops zero milliseconds', () => {
  assert.equal(formatInstant(1_700_000_000), '2023-11-14T22:13:20Z')
  assert.equal(formatInstant(1_700_000_000.25), '2023-11-14T22:13:20.250Z')
})

test('isTime rejects values outside Date range', () => {
  for (const value of [Number.NaN, Infinity, -Infinity, 8.64e12 + 1, '1700000000', null]) {
    assert.equal(isTime(value), false, String(value))
  }
  for (const value of [0, -1, 1_700_000_000, 8.64e12])
    assert.equal(isTime(value), true, String(value))
})
