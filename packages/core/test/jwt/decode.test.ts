import { test } from 'node:test'
import assert from 'node:assert/strict'
import { decodeUnverified } from '../../src/index.js'
import { segment } from '../fixtures/tokens.js'

test('decodeUnverified reads an unsecured token', () => {
  const token = `${segment({ alg: 'none' })}.${segment({ sub: 'x' })}.`
  assert.deepEqual(decodeUnverified(token), { header: { alg: 'none' }, claims: { sub: 'x' } })
})

test('decodeUnverified shows unknown crit', () => {
  const token = `${segment({ alg: 'HS256', crit: ['x'], x: 1 })}.${segment({})}.AAAA`
  assert.deepEqual(decodeUnverified(token).header, { alg: 'HS256', crit: ['x'], x: 1 })
})

test('decodeUnverified rejects garbage', () => {
  assert.throws(() => decodeUnverified('not a token'), {
    code: 'TOKEN_MALFORMED',
    message: 'The token must have 3 segments separated by dots, not 1.',
  })
  assert.throws(() => decodeUnverified(`${segment({ alg: 'HS256' })}.${segment('[1]')}.x`), {
    code: 'TOKEN_MALFORMED',
    message: 'The payload must be a JSON object.',
  })
})

test('decodeUnverified rejects crit naming an inherited member', () => {
  const token = `${segment({ alg: 'HS256', crit: ['hasOwnProperty'] })}.${segment({})}.x`
  assert.throws(() => decodeUnverified(token), {
    code: 'TOKEN_MALFORMED',
    message: 'The critical header parameter "hasOwnProperty" is missing.',
  })
})
