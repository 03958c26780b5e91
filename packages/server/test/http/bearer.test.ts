import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bearerChallenge, readBearerToken } from '../../src/http/bearer.js'

test('readBearerToken reads token', () => {
  assert.equal(readBearerToken('Bearer abc.def.ghi'), 'abc.def.ghi')
  assert.equal(readBearerToken('bearer   abc.def.ghi'), 'abc.def.ghi')
  assert.equal(readBearerToken('BEARER abc'), 'abc')
  assert.equal(readBearerToken(' Bearer\tabc '), 'abc')
  assert.equal(readBearerToken('Bearer a b'), 'a b')
})

test('readBearerToken ignores other schemes', () => {
  const headers = [
    undefined,
    '',
    'Bearer',
    'Bearer   ',
    'Basic YWxpY2U6cHc=',
    'Bearerabc',
    'Bearer \nabc',
    'Bearer \u00a0abc',
  ]
  for (const header of headers) {
    assert.equal(readBearerToken(header), undefined, JSON.stringify(header))
  }
})

test('bearerChallenge realm only', () => {
  assert.equal(bearerChallenge(), 'Bearer realm="jot"')
})

test('bearerChallenge with error', () => {
  assert.equal(
    bearerChallenge({ error: 'invalid_token', errorDescription: 'The access token is invalid.' }),
    'Bearer realm="jot", error="invalid_token", error_description="The access token is invalid."',
  )
})

test('bearerChallenge escapes quoted strings', () => {
  assert.equal(
    bearerChallenge({ error: 'invalid_token', errorDescription: 'say "hi" \\ bye' }),
    'Bearer realm="jot", error="invalid_token", error_description="say \\"hi\\" \\\\ bye"',
  )
})
