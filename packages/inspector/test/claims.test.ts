import assert from 'node:assert/strict'
import { test } from 'node:test'
import { explainClaims } from '../src/claims.js'

const NOW = 1_700_000_000

test('explainClaims registered claims in order', () => {
  const claims = {
    scope: 'orders:read',
    jti: 'a1b2',
    iat: NOW - 7_200,
    exp: NOW + 300,
    nbf: NOW - 7_200,
    aud: ['https://api.jot.test', 'reports'],
    sub: 'user-42',
    iss: 'https://auth.jot.test',
  }

  assert.deepEqual(explainClaims(claims, NOW), [
    {
      name: 'iss',
      label: 'Issuer',
      description: 'Who created and signed the token.',
      value: '"https://auth.jot.test"',
    },
    {
      name: 'sub',
      label: 'Subject',
      description:
        'Whom the token is about, usually a user or client ID, unique within the issuer.',
      value: '"user-42"',
    },
    {
      name: 'aud',
      label: 'Audience',
      description: 'The recipients that may accept the token; any other must reject it.',
      value: '["https://api.jot.test","reports"]',
    },
    {
      name: 'exp',
      label: 'Expiration time',
      description: 'The token must not be accepted at or after this time.',
      value: '1700000300',
      time: '2023-11-14T22:18:20Z (in 5 minutes)',
    },
    {
      name: 'nbf',
      label: 'Not before',
      description: 'The token must not be accepted before this time.',
      value: '1699992800',
      time: '2023-11-14T20:13:20Z (2 hours ago)',
    },
    {
      name: 'iat',
      label: 'Issued at',
      description: 'When the token was issued.',
      value: '1699992800',
      time: '2023-11-14T20:13:20Z (2 hours ago)',
    },
    {
      name: 'jti',
      label: 'JWT ID',
      description: 'A unique ID of the token, which lets a recipient detect a replay or revoke it.',
      value: '"a1b2"',
    },
  ])
})

test('explainClaims time claim not a number', () => {
  const [exp] = explainClaims({ exp: '1700000300' }, NOW)

  assert.equal(exp?.value, '"1700000300"')
  assert.equal(
    exp?.time,
    'Not a NumericDate: RFC 7519 requires a JSON number of seconds since 1970-01-01T00:00:00Z.',
  )
})

test('explainClaims ignores unregistered and inherited', () => {
  const claims = JSON.parse('{"__proto__":{"iss":"x"},"scope":"a","constructor":1}') as Record<
    string,
    unknown
  >

  assert.deepEqual(explainClaims(claims, NOW), [])
})
