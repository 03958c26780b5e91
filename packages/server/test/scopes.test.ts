import assert from 'node:assert/strict'
import { test } from 'node:test'
import { grantScopes, isScopeToken, parseScopeParameter } from '../src/scopes.js'

test('parseScopeParameter splits and deduplicates', () => {
  assert.deepEqual(parseScopeParameter('orders:read orders:write orders:read'), [
    'orders:read',
    'orders:write',
  ])
})

test('parseScopeParameter rejects malformed lists', () => {
  for (const value of [
    ' read',
    'read ',
    'read  write',
    'read\twrite',
    'caf\u00e9',
    'a"b',
    'a\\b',
  ]) {
    assert.equal(parseScopeParameter(value), undefined, JSON.stringify(value))
  }
})

test('isScopeToken accepts RFC 6749 characters', () => {
  assert.equal(isScopeToken('!#[]~/:.'), true)
  assert.equal(isScopeToken('x'.repeat(128)), true)
  assert.equal(isScopeToken('x'.repeat(129)), false)
  assert.equal(isScopeToken(''), false)
  assert.equal(isScopeToken(7), false)
})

test('grantScopes without request grants all held', () => {
  assert.deepEqual(grantScopes(undefined, ['a', 'b']), ['a', 'b'])
})

test('grantScopes drops scopes not held', () => {
  assert.deepEqual(grantScopes(['c', 'b', 'x'], ['a', 'b', 'c']), ['c', 'b'])
  assert.deepEqual(grantScopes(['x'], ['a']), [])
})
