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

test('decodeUnverified checks its options', () => {
  const token = `${segment({ alg: 'HS256' })}.${segment({})}.x`
  for (const maxTokenLength of [Number.NaN, null, 0, -1, 1.5]) {
    assert.throws(() => decodeUnverified(token, { maxTokenLength } as never), {
      code: 'OPTION_INVALID',
      message: 'The "maxTokenLength" option must be a positive whole number.',
    })
  }
  assert.throws(() => decodeUnverified(token, { maxTokenLenght: 10 } as never), {
    code: 'OPTION_INVALID',
    message: 'decodeUnverified has no option "maxTokenLenght".',
  })
  assert.throws(() => decodeUnverified(token, { maxTokenLength: 10 }), {
    code: 'INPUT_TOO_LARGE',
    message: 'The token is longer than 10 characters.',
  })
})
