import assert from 'node:assert/strict'
import { test } from 'node:test'
import { JOT_ERROR_CODES, JotError, localKeySet } from '@jot/core'
import type { JwsHeader } from '@jot/core'
import { FAILURES_BY_CODE, failureForError } from '../../src/core/failures.js'
import { createJwtAuth } from '../../src/index.js'
import type { AuthFailure, AuthOutcome, AuthRequest, JwtAuthResult } from '../../src/index.js'
import {
  BASE_OPTIONS,
  CLAIMS,
  EXPECTED_HEADER,
  NOW,
  expectedClaims,
  jwks,
  publicKey,
  secondPrivateKey,
  signToken,
} from '../fixtures/tokens.js'

function failureOf(outcome: AuthOutcome): AuthFailure {
  assert.ok(!outcome.ok, 'expected a failure')
  return outcome.failure
}

function withBearer(token: string): AuthRequest {
  return { method: 'GET', headers: { authorization: `Bearer ${token}` } }
}

const VALID = { header: EXPECTED_HEADER, claims: expectedClaims() }

test('authenticate valid token', async () => {
  const auth = createJwtAuth(BASE_OPTIONS)
  assert.deepEqual(await auth.authenticate(withBearer(await signToken())), {
    ok: true,
    auth: VALID,
  })
})

test('authenticate with key set and resolvers', async () => {
  const keySet = await localKeySet(jwks, { algorithms: ['ES256'] })
  const syncResolver = (header: JwsHeader) => (header.kid === 'key-1' ? publicKey : undefined)
  const asyncResolver = (header: JwsHeader) => Promise.resolve(syncResolver(header))
  const secondToken = await signToken(CLAIMS, {}, secondPrivateKey)

  for (const keys of [keySet, syncResolver, asyncResolver]) {
    const auth = createJwtAuth({ ...BASE_OPTIONS, keys })
    assert.deepEqual(await auth.authenticate(withBearer(await signToken())), {
      ok: true,
      auth: VALID,
    })
  }
  const fromSet = await createJwtAuth({ ...BASE_OPTIONS, keys: keySet }).authenticate(
    withBearer(secondToken),
  )
  assert.deepEqual(fromSet, {
    ok: true,
    auth: { header: { ...EXPECTED_HEADER, kid: 'key-2' }, claims: expectedClaims() },
  })
  const unknownToResolver = await createJwtAuth({
    ...BASE_OPTIONS,
    keys: syncResolver,
  }).authenticate(withBearer(secondToken))
  assert.equal(failureOf(unknownToResolver).cause?.code, 'NO_MATCHING_KEY')
})

test('authenticate missing and optional token', async () => {
  const request: AuthRequest = { method: 'GET', headers: {} }
  assert.deepEqual(await createJwtAuth(BASE_OPTIONS).authenticate(request), {
    ok: false,
    failure: {
      status: 401,
      error: 'unauthorized',
      description: 'A bearer access token is required.',
      headers: { 'www-authenticate': 'Bearer realm="api"' },
      body: { error: 'unauthorized', error_description: 'A bearer access token is required.' },
      cause: undefined,
    },
  })
  const optional = createJwtAuth({ ...BASE_OPTIONS, credentialsRequired: false })
  assert.deepEqual(await optional.authenticate(request), { ok: true, auth: undefined })
})

test('authenticate oversized token is malformed', async () => {
  const auth = createJwtAuth({ ...BASE_OPTIONS, maxTokenLength: 100 })
  const failure = failureOf(await auth.authenticate(withBearer(await signToken())))
  assert.equal(failure.cause?.code, 'INPUT_TOO_LARGE')
  assert.deepEqual(failure.body, {
    error: 'invalid_token',
    error_description: 'The access token is malformed.',
  })
})

test('authenticate server-side key fault gets 500', async () => {
  const fault = new JotError('KEY_INVALID', 'The key is marked use "enc" and cannot verify.')
  const auth = createJwtAuth({
    ...BASE_OPTIONS,
    keys: () => {
      throw fault
    },
  })
  assert.deepEqual(await auth.authenticate(withBearer(await signToken())), {
    ok: false,
    failure: {
      status: 500,
      error: 'server_error',
      description: 'The server failed to verify the access token.',
      headers: {},
      body: {
        error: 'server_error',
        error_description: 'The server failed to verify the access token.',
      },
      cause: fault,
    },
  })
})

test('authenticate rethrows non-JotError', async () => {
  const auth = createJwtAuth({
    ...BASE_OPTIONS,
    keys: () => {
      throw new TypeError('resolver bug')
    },
  })
  await assert.rejects(auth.authenticate(withBearer(await signToken())), {
    name: 'TypeError',
    message: 'resolver bug',
  })
})

test('onError sees failures and cannot break them', async () => {
  const seen: AuthFailure[] = []
  const auth = createJwtAuth({
    ...BASE_OPTIONS,
    onError: (failure) => {
      seen.push(failure)
      throw new Error('logger down')
    },
  })
  const outcome = await auth.authenticate({ method: 'GET', headers: {} })
  const guardFailure = auth.requireRole('admin')(VALID)

  assert.equal(failureOf(outcome).status, 401)
  assert.equal(guardFailure?.status, 403)
  assert.deepEqual(
    seen.map((failure) => failure.error),
    ['unauthorized', 'access_denied'],
  )
})

test('failure table covers every code', () => {
  const statusByCode = Object.fromEntries(
    JOT_ERROR_CODES.map((code) => [code, FAILURES_BY_CODE[code].status]),
  )
  assert.deepEqual(statusByCode, {
    TOKEN_MALFORMED: 401,
    INPUT_TOO_LARGE: 401,
    ALG_NOT_ALLOWED: 401,
    ALG_UNSUPPORTED: 401,
    CRIT_UNSUPPORTED: 401,
    NO_MATCHING_KEY: 401,
    SIGNATURE_INVALID: 401,
    DECRYPTION_FAILED: 401,
    TOKEN_EXPIRED: 401,
    TOKEN_NOT_YET_VALID: 401,
    TOKEN_TOO_OLD: 401,
    CLAIM_INVALID: 401,
    TYP_MISMATCH: 401,
    KEY_INVALID: 500,
    KEY_UNSUPPORTED: 500,
    OPTION_INVALID: 500,
    ARGUMENT_INVALID: 500,
    JWKS_FETCH_FAILED: 503,
    JWKS_INVALID: 503,
  })
})

test('failureForError challenge and retry headers', () => {
  for (const code of JOT_ERROR_CODES) {
    const entry = FAILURES_BY_CODE[code]
    const failure = failureForError(new JotError(code, 'detail that stays server-side'), 'api')
    const challenge =
      entry.status === 401
        ? {
            'www-authenticate': `Bearer realm="api", error="invalid_token", error_description="${entry.description}"`,
          }
        : entry.status === 503
          ? { 'retry-after': '30' }
          : {}
    assert.deepEqual(failure.headers, challenge, code)
    assert.deepEqual(failure.body, { error: entry.error, error_description: entry.description })
    // RFC 6750 section 3: error_description excludes `"` and `\`.
    assert.match(entry.description, /^[\x20\x21\x23-\x5b\x5d-\x7e]+$/, code)
  }
})

test('requireScope reads scope and scp', () => {
  const guard = createJwtAuth(BASE_OPTIONS).requireScope('orders:read', 'orders:write')
  const withClaims = (claims: Record<string, unknown>): JwtAuthResult => ({
    header: EXPECTED_HEADER,
    claims,
  })
  const insufficient = {
    status: 403,
    error: 'insufficient_scope',
    description: 'The access token lacks a required scope.',
    headers: {
      'www-authenticate':
        'Bearer realm="api", error="insufficient_scope", error_description="The access token lacks a required scope.", scope="orders:read orders:write"',
    },
    body: {
      error: 'insufficient_scope',
      error_description: 'The access token lacks a required scope.',
    },
    cause: undefined,
  }

  assert.equal(guard(withClaims({ scope: 'orders:write profile orders:read' })), undefined)
  assert.equal(guard(withClaims({ scp: ['orders:read', 'orders:write'] })), undefined)
  assert.deepEqual(guard(withClaims({ scope: 'orders:read' })), insufficient)
  assert.deepEqual(guard(withClaims({ scope: 'orders:read  orders:writer' })), insufficient)
  assert.deepEqual(guard(withClaims({ scope: ['orders:read', 'orders:write'] })), insufficient)
  assert.deepEqual(guard(withClaims({ scp: 'orders:read orders:write' })), insufficient)
  assert.deepEqual(guard(withClaims({})), insufficient)
  assert.equal(guard(undefined)?.status, 401)
})

test('requireRole reads the roles array', () => {
  const auth = createJwtAuth({ ...BASE_OPTIONS, realm: 'shop' })
  const guard = auth.requireRole('admin', 'ops')
  const withRoles = (roles: unknown): JwtAuthResult => ({
    header: EXPECTED_HEADER,
    claims: { roles },
  })
  const denied = {
    status: 403,
    error: 'access_denied',
    description: 'The access token lacks a required role.',
    headers: {},
    body: { error: 'access_denied', error_description: 'The access token lacks a required role.' },
    cause: undefined,
  }

  assert.equal(guard(withRoles(['viewer', 'ops'])), undefined)
  assert.deepEqual(guard(withRoles(['viewer'])), denied)
  assert.deepEqual(guard(withRoles('admin')), denied)
  assert.deepEqual(guard(withRoles(undefined)), denied)
  assert.deepEqual(guard(undefined)?.headers, { 'www-authenticate': 'Bearer realm="shop"' })
})

test('guards reject bad arguments at creation', () => {
  const auth = createJwtAuth(BASE_OPTIONS)
  const scopeMessage =
    'requireScope needs at least one scope, each printable ASCII without spaces, quotes or backslashes (RFC 6749 section 3.3).'
  for (const scopes of [[], [''], ['a b'], ['a"b'], ['a\\b'], ['a\nb'], [7]]) {
    assert.throws(() => auth.requireScope(...(scopes as string[])), {
      name: 'JotError',
      code: 'OPTION_INVALID',
      message: scopeMessage,
    })
  }
  for (const roles of [[], [''], [null]]) {
    assert.throws(() => auth.requireRole(...(roles as string[])), {
      name: 'JotError',
      code: 'OPTION_INVALID',
      message: 'requireRole needs at least one non-empty role name.',
    })
  }
})

test('readsFormBody follows options', () => {
  const withBody = createJwtAuth({ ...BASE_OPTIONS, tokenLocations: ['body'] })
  const form = 'application/x-www-form-urlencoded'
  assert.equal(withBody.readsFormBody('POST', form), true)
  assert.equal(withBody.readsFormBody('GET', form), false)
  assert.equal(withBody.readsFormBody('POST', 'application/json'), false)
  assert.equal(createJwtAuth(BASE_OPTIONS).readsFormBody('POST', form), false)
})

test('authenticate pins clock option', async () => {
  const auth = createJwtAuth({ ...BASE_OPTIONS, now: () => NOW + 901 })
  const outcome = await auth.authenticate(withBearer(await signToken()))
  assert.equal(failureOf(outcome).cause?.code, 'TOKEN_EXPIRED')
})
