import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatBearerChallenge } from '../../src/index.js'
import type { BearerChallengeParams } from '../../src/index.js'

const ESCAPING: readonly [BearerChallengeParams, string][] = [
  [{ realm: 'api' }, 'Bearer realm="api"'],
  [{ realm: '' }, 'Bearer realm=""'],
  [{ realm: 'say "hi"' }, 'Bearer realm="say \\"hi\\""'],
  [{ realm: 'back\\slash' }, 'Bearer realm="back\\\\slash"'],
  [{ realm: '\\"' }, 'Bearer realm="\\\\\\""'],
  [{ realm: 'a, b=c' }, 'Bearer realm="a, b=c"'],
  [{ realm: "it's ~ok~" }, 'Bearer realm="it\'s ~ok~"'],
  [
    { realm: 'api', error: 'invalid_token', errorDescription: 'The access token has expired.' },
    'Bearer realm="api", error="invalid_token", error_description="The access token has expired."',
  ],
  [
    { realm: 'api', scope: 'a:read b:write', error: 'insufficient_scope' },
    'Bearer realm="api", error="insufficient_scope", scope="a:read b:write"',
  ],
  [{ realm: 'x'.repeat(256) }, `Bearer realm="${'x'.repeat(256)}"`],
]

test('formatBearerChallenge escaping table', () => {
  for (const [params, expected] of ESCAPING) {
    assert.equal(formatBearerChallenge(params), expected, JSON.stringify(params))
  }
})

const REJECTED: readonly [string, BearerChallengeParams][] = [
  ['realm', { realm: 'line\nbreak' }],
  ['realm', { realm: 'carriage\rreturn' }],
  ['realm', { realm: 'nul\u0000' }],
  ['realm', { realm: 'tab\there' }],
  ['realm', { realm: 'delete\u007f' }],
  ['realm', { realm: 'caf\u00e9' }],
  ['realm', { realm: 'x'.repeat(257) }],
  ['error_description', { realm: 'api', errorDescription: 'two\r\nlines' }],
  ['scope', { realm: 'api', scope: 'emoji \u{1f600}' }],
]

test('formatBearerChallenge rejects unsafe values', () => {
  for (const [name, params] of REJECTED) {
    assert.throws(() => formatBearerChallenge(params), {
      name: 'JotError',
      code: 'ARGUMENT_INVALID',
      message: `The challenge attribute "${name}" must be at most 256 printable ASCII characters, without control characters.`,
    })
  }
})

test('formatBearerChallenge rejects non-string realm', () => {
  assert.throws(() => formatBearerChallenge({ realm: 42 as unknown as string }), {
    name: 'JotError',
    code: 'ARGUMENT_INVALID',
    message: 'The challenge attribute "realm" must be a string.',
  })
})
