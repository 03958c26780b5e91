import assert from 'node:assert/strict'
import { test } from 'node:test'
import { makeTempDir } from '../fixtures/temp.js'
import { ISSUER, startSeededServer } from '../fixtures/server.js'

const PATH = '/.well-known/oauth-authorization-server'

function expectedMetadata(issuer: string) {
  return {
    issuer,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    revocation_endpoint: `${issuer}/revoke`,
    introspection_endpoint: `${issuer}/introspect`,
    response_types_supported: [],
    grant_types_supported: ['password', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    revocation_endpoint_auth_methods_supported: [
      'client_secret_basic',
      'client_secret_post',
      'none',
    ],
    introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  }
}

test('metadata describes the endpoints', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  const response = await fetch(`${url}${PATH}`)

  assert.equal(response.status, 200)
  assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8')
  assert.equal(response.headers.get('cache-control'), 'public, max-age=300')
  assert.deepEqual(await response.json(), expectedMetadata(ISSUER))
})

test('metadata issuer with path', async (t) => {
  const issuer = 'https://auth.jot.test/tenant-a'
  const { url } = await startSeededServer(t, makeTempDir(t), { env: { JOT_ISSUER: issuer } })

  const plain = await fetch(`${url}${PATH}`)
  // RFC 8414 section 3.1: the well-known segment goes before the issuer's path.
  const inserted = await fetch(`${url}${PATH}/tenant-a`)

  assert.deepEqual(await plain.json(), expectedMetadata(issuer))
  assert.deepEqual(await inserted.json(), expectedMetadata(issuer))
})
