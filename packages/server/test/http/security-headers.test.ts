import assert from 'node:assert/strict'
import { test } from 'node:test'
import { makeTempDir } from '../fixtures/temp.js'
import { ALICE, logInFully, postForm, postJson, startSeededServer } from '../fixtures/server.js'

const CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"

function assertSecurityHeaders(response: Response, label: string): void {
  assert.equal(response.headers.get('content-security-policy'), CSP, label)
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff', label)
  assert.equal(response.headers.get('x-frame-options'), 'DENY', label)
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer', label)
}

test('security headers on every response', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))
  const login = await logInFully(url, ALICE)

  const responses: [string, Response][] = [
    [
      'token',
      await postForm(`${url}/token`, {
        grant_type: 'password',
        username: 'alice',
        password: ALICE.password,
      }),
    ],
    ['token error', await postJson(`${url}/token`, { grant_type: 'password' })],
    ['revoke', await postForm(`${url}/revoke`, { token: 'x' })],
    ['introspect', await postForm(`${url}/introspect`, { token: 'x' })],
    [
      'me',
      await fetch(`${url}/me`, { headers: { authorization: `Bearer ${login.access_token}` } }),
    ],
    ['me error', await fetch(`${url}/me`)],
    ['jwks', await fetch(`${url}/.well-known/jwks.json`)],
    ['metadata', await fetch(`${url}/.well-known/oauth-authorization-server`)],
    ['health', await fetch(`${url}/health`)],
    ['not found', await fetch(`${url}/admin`)],
    ['wrong method', await fetch(`${url}/token`)],
  ]

  for (const [label, response] of responses) assertSecurityHeaders(response, label)
})

test('no-store on token responses', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  const responses: [string, Response][] = [
    [
      'token',
      await postForm(`${url}/token`, {
        grant_type: 'password',
        username: 'alice',
        password: ALICE.password,
      }),
    ],
    ['token error', await postForm(`${url}/token`, { grant_type: 'password' })],
    ['revoke', await postForm(`${url}/revoke`, { token: 'x' })],
    ['revoke error', await postForm(`${url}/revoke`, {})],
    ['introspect error', await postForm(`${url}/introspect`, { token: 'x' })],
  ]

  for (const [label, response] of responses) {
    assert.equal(response.headers.get('cache-control'), 'no-store', label)
    assert.equal(response.headers.get('pragma'), 'no-cache', label)
  }
})
