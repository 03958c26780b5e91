import assert from 'node:assert/strict'
import { test } from 'node:test'
import { extractToken, isFormBodyRequest } from '../../src/core/extract-token.js'
import type { Extraction, PreparedLocations } from '../../src/core/extract-token.js'
import type { AuthRequest } from '../../src/index.js'

const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln'
const ALL: PreparedLocations = { header: true, body: true, query: true, cookies: ['at'] }
const HEADER_ONLY: PreparedLocations = { header: true, body: false, query: false, cookies: [] }
const FORM = 'application/x-www-form-urlencoded'

const found = (token: string): Extraction => ({ kind: 'token', token })
const NONE: Extraction = { kind: 'none' }
const SEVERAL: Extraction = {
  kind: 'invalid',
  description: 'The request carries more than one access token.',
}
const BAD_HEADER: Extraction = {
  kind: 'invalid',
  description: 'The Authorization header must hold the Bearer scheme and one token.',
}

function get(headers: AuthRequest['headers'], extra: Partial<AuthRequest> = {}): AuthRequest {
  return { method: 'GET', headers, ...extra }
}

test('extractToken Authorization header table', () => {
  const cases: readonly [string | readonly string[] | undefined, Extraction][] = [
    [undefined, NONE],
    ['', NONE],
    [`Bearer ${TOKEN}`, found(TOKEN)],
    [`bearer ${TOKEN}`, found(TOKEN)],
    [`BeArEr   ${TOKEN}`, found(TOKEN)],
    ['Bearer abc-._~+/==', found('abc-._~+/==')],
    [[`Bearer ${TOKEN}`], found(TOKEN)],
    ['Basic dXNlcjpwYXNz', NONE],
    ['Bearerx abc', NONE],
    ['Bearer', BAD_HEADER],
    ['Bearer ', BAD_HEADER],
    [`Bearer\t${TOKEN}`, BAD_HEADER],
    [`Bearer ${TOKEN} ${TOKEN}`, BAD_HEADER],
    [`Bearer ${TOKEN},`, BAD_HEADER],
    ['Bearer a=b', BAD_HEADER],
    ['Bearer tok"en', BAD_HEADER],
    ['Bearer t\u00e9', BAD_HEADER],
    [[`Bearer ${TOKEN}`, `Bearer ${TOKEN}`], SEVERAL],
  ]
  for (const [authorization, expected] of cases) {
    assert.deepEqual(
      extractToken(get({ authorization }), HEADER_ONLY),
      expected,
      JSON.stringify(authorization),
    )
  }
})

test('extractToken query parameter table', () => {
  const query = { header: false, body: false, query: true, cookies: [] }
  const cases: readonly [unknown, Extraction][] = [
    [undefined, NONE],
    [{}, NONE],
    [{ other: TOKEN }, NONE],
    [{ access_token: TOKEN }, found(TOKEN)],
    [{ access_token: [TOKEN] }, found(TOKEN)],
    [{ access_token: '' }, NONE],
    [{ access_token: [] }, NONE],
    [{ access_token: [TOKEN, TOKEN] }, SEVERAL],
    [
      { access_token: { nested: TOKEN } },
      { kind: 'invalid', description: 'The access_token query parameter must be text.' },
    ],
    [Object.create({ access_token: TOKEN }), NONE],
    ['access_token=abc', NONE],
  ]
  for (const [value, expected] of cases) {
    assert.deepEqual(extractToken(get({}, { query: value }), query), expected, String(value))
  }
})

test('extractToken form body conditions', () => {
  const body = { access_token: TOKEN }
  const cases: readonly [string, string | undefined, Extraction][] = [
    ['POST', FORM, found(TOKEN)],
    ['PUT', 'Application/X-WWW-Form-Urlencoded; charset=UTF-8', found(TOKEN)],
    ['post', FORM, found(TOKEN)],
    ['GET', FORM, NONE],
    ['HEAD', FORM, NONE],
    ['POST', 'application/json', NONE],
    ['POST', 'multipart/form-data; boundary=x', NONE],
    ['POST', undefined, NONE],
  ]
  const locations = { header: false, body: true, query: false, cookies: [] }
  for (const [method, contentType, expected] of cases) {
    const request: AuthRequest = { method, headers: { 'content-type': contentType }, body }
    assert.deepEqual(extractToken(request, locations), expected, `${method} ${contentType}`)
  }
  assert.deepEqual(
    extractToken(
      { method: 'POST', headers: { 'content-type': FORM }, body: { access_token: [TOKEN, 'x'] } },
      locations,
    ),
    SEVERAL,
  )
  assert.deepEqual(
    extractToken(
      { method: 'POST', headers: { 'content-type': FORM }, body: { access_token: 7 } },
      locations,
    ),
    { kind: 'invalid', description: 'The access_token form field must be text.' },
  )
})

test('isFormBodyRequest', () => {
  assert.equal(isFormBodyRequest('POST', FORM), true)
  assert.equal(isFormBodyRequest('DELETE', ` ${FORM} ;q=1`), true)
  assert.equal(isFormBodyRequest('GET', FORM), false)
  assert.equal(isFormBodyRequest('POST', 'text/plain'), false)
  assert.equal(isFormBodyRequest('POST', undefined), false)
})

test('extractToken cookie table', () => {
  const cookies = { header: false, body: false, query: false, cookies: ['at'] }
  const cases: readonly [string | readonly string[] | undefined, Extraction][] = [
    [undefined, NONE],
    ['theme=dark', NONE],
    [`at=${TOKEN}`, found(TOKEN)],
    [`theme=dark; at=${TOKEN}; lang=en`, found(TOKEN)],
    [`at="${TOKEN}"`, found(TOKEN)],
    [`xat=${TOKEN}; at_=x`, NONE],
    ['at=', NONE],
    ['at', NONE],
    [`at=${TOKEN}; at=other`, SEVERAL],
    [['theme=dark', `at=${TOKEN}`], found(TOKEN)],
  ]
  for (const [cookie, expected] of cases) {
    assert.deepEqual(extractToken(get({ cookie }), cookies), expected, JSON.stringify(cookie))
  }
})

test('extractToken one location only', () => {
  const request: AuthRequest = {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': FORM, cookie: `at=${TOKEN}` },
    query: { access_token: TOKEN },
    body: { access_token: TOKEN },
  }
  assert.deepEqual(extractToken(request, ALL), SEVERAL)
  assert.deepEqual(extractToken(request, HEADER_ONLY), found(TOKEN))
  assert.deepEqual(
    extractToken({ ...request, headers: { ...request.headers, authorization: 'Bearer' } }, ALL),
    BAD_HEADER,
  )
  assert.deepEqual(extractToken({ method: 'GET', headers: {} }, ALL), NONE)
})
