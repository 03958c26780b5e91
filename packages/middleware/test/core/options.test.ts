import assert from 'node:assert/strict'
import { test } from 'node:test'
import { remoteKeySet } from '@jot/core'
import { createJwtAuth } from '../../src/index.js'
import type { JwtAuthOptions, JwtAuthWarning } from '../../src/index.js'
import { BASE_OPTIONS, publicKey } from '../fixtures/tokens.js'

const KEYS_MESSAGE =
  'The "keys" option of jwtAuth must be a JotKey, a non-empty array of JotKeys, a resolver function, a localKeySet or a remoteKeySet.'
const ENTRY_MESSAGE =
  'Each entry of the "tokenLocations" option must be "header", "body", "query" or { cookie: name } with a valid cookie name.'
const REALM_MESSAGE =
  'The challenge attribute "realm" must be at most 256 printable ASCII characters, without control characters.'

// Values a JavaScript caller could pass; the casts get them past the option types.
const REJECTED: readonly [string, unknown, string][] = [
  ['undefined', undefined, 'The options of jwtAuth must be an object with at least "keys".'],
  ['null', null, 'The options of jwtAuth must be an object with at least "keys".'],
  ['array', [], 'The options of jwtAuth must be an object with at least "keys".'],
  ['no keys', {}, KEYS_MESSAGE],
  ['string keys', { keys: 'secret' }, KEYS_MESSAGE],
  ['empty key list', { keys: [] }, KEYS_MESSAGE],
  ['mixed key list', { keys: [publicKey, 'pem'] }, KEYS_MESSAGE],
  [
    'secret option',
    { ...BASE_OPTIONS, secret: 'x' },
    'jwtAuth has no option "secret". Use keys, with the secret imported by importSecret.',
  ],
  [
    'clockTolerance option',
    { ...BASE_OPTIONS, clockTolerance: 5 },
    'jwtAuth has no option "clockTolerance". Use clockToleranceSec (seconds).',
  ],
  ['unknown option', { ...BASE_OPTIONS, realms: 'x' }, 'jwtAuth has no option "realms".'],
  [
    'empty tokenLocations',
    { ...BASE_OPTIONS, tokenLocations: [] },
    'The "tokenLocations" option of jwtAuth must be a non-empty array of "header", "body", "query" or { cookie: name }.',
  ],
  [
    'string tokenLocations',
    { ...BASE_OPTIONS, tokenLocations: 'header' },
    'The "tokenLocations" option of jwtAuth must be a non-empty array of "header", "body", "query" or { cookie: name }.',
  ],
  ['unknown location', { ...BASE_OPTIONS, tokenLocations: ['url'] }, ENTRY_MESSAGE],
  ['empty cookie name', { ...BASE_OPTIONS, tokenLocations: [{ cookie: '' }] }, ENTRY_MESSAGE],
  ['cookie name space', { ...BASE_OPTIONS, tokenLocations: [{ cookie: 'a b' }] }, ENTRY_MESSAGE],
  ['cookie name ;', { ...BASE_OPTIONS, tokenLocations: [{ cookie: 'a;b' }] }, ENTRY_MESSAGE],
  [
    'cookie extra member',
    { ...BASE_OPTIONS, tokenLocations: [{ cookie: 'a', path: '/' }] },
    ENTRY_MESSAGE,
  ],
  [
    'repeated location',
    { ...BASE_OPTIONS, tokenLocations: ['header', 'query', 'header'] },
    'The "tokenLocations" option of jwtAuth lists "header" twice.',
  ],
  [
    'repeated cookie',
    { ...BASE_OPTIONS, tokenLocations: [{ cookie: 'at' }, { cookie: 'at' }] },
    'The "tokenLocations" option of jwtAuth lists { cookie: "at" } twice.',
  ],
  [
    'credentialsRequired string',
    { ...BASE_OPTIONS, credentialsRequired: 'false' },
    'The "credentialsRequired" option of jwtAuth must be a boolean.',
  ],
  [
    'empty realm',
    { ...BASE_OPTIONS, realm: '' },
    'The "realm" option of jwtAuth must not be empty.',
  ],
  [
    'numeric realm',
    { ...BASE_OPTIONS, realm: 7 },
    'The challenge attribute "realm" must be a string.',
  ],
  ['realm newline', { ...BASE_OPTIONS, realm: 'api\r\nX-Injected: 1' }, REALM_MESSAGE],
  ['realm NUL', { ...BASE_OPTIONS, realm: 'api\u0000' }, REALM_MESSAGE],
  ['realm non-ASCII', { ...BASE_OPTIONS, realm: 'caf\u00e9' }, REALM_MESSAGE],
  [
    'empty rolesClaim',
    { ...BASE_OPTIONS, rolesClaim: '' },
    'The "rolesClaim" option of jwtAuth must be a non-empty string.',
  ],
  [
    'onError string',
    { ...BASE_OPTIONS, onError: 'console' },
    'The "onError" option of jwtAuth must be a function.',
  ],
  [
    'onWarning number',
    { ...BASE_OPTIONS, onWarning: 1 },
    'The "onWarning" option of jwtAuth must be a function.',
  ],
  [
    'verify option',
    { ...BASE_OPTIONS, clockToleranceSec: 86_401 },
    'The "clockToleranceSec" option must be a number of seconds from 0 to 86400.',
  ],
  [
    'verify option with resolver',
    { ...BASE_OPTIONS, keys: () => publicKey, issuer: '' },
    'The "issuer" option must be a non-empty string or a non-empty array of them.',
  ],
  [
    'verify option with remote set',
    {
      ...BASE_OPTIONS,
      keys: remoteKeySet('http://127.0.0.1:9/jwks.json'),
      algorithms: ['none'],
    },
    'The "algorithms" option lists "none", which is not a supported JWS algorithm.',
  ],
]

test('createJwtAuth rejects bad options', () => {
  for (const [name, options, message] of REJECTED) {
    assert.throws(
      () => createJwtAuth(options as JwtAuthOptions),
      { name: 'JotError', code: 'OPTION_INVALID', message },
      name,
    )
  }
})

test('createJwtAuth warns of risky locations', () => {
  const warnings: JwtAuthWarning[] = []
  createJwtAuth({
    ...BASE_OPTIONS,
    tokenLocations: ['header', 'query', { cookie: 'at' }, { cookie: 'legacy' }],
    onWarning: (warning) => warnings.push(warning),
  })
  assert.deepEqual(warnings, [
    {
      code: 'QUERY_TOKEN_ENABLED',
      message:
        'Tokens are accepted in the query string, where logs, caches and Referer headers can keep them (RFC 6750 section 5.3).',
    },
    {
      code: 'COOKIE_TOKEN_ENABLED',
      message:
        'Tokens are accepted from cookies, which browsers send on cross-site requests; protect state-changing routes against CSRF.',
    },
  ])
})

test('createJwtAuth default locations warn nothing', () => {
  const warnings: JwtAuthWarning[] = []
  createJwtAuth({
    ...BASE_OPTIONS,
    tokenLocations: ['header', 'body'],
    onWarning: (warning) => warnings.push(warning),
  })
  createJwtAuth({ ...BASE_OPTIONS, onWarning: (warning) => warnings.push(warning) })
  assert.deepEqual(warnings, [])
})
