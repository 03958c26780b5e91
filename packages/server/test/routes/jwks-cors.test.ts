import assert from 'node:assert/strict'
import { test } from 'node:test'
import { makeTempDir } from '../fixtures/temp.js'
import { startSeededServer } from '../fixtures/server.js'

test('jwks allows any origin to read', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  const response = await fetch(`${url}/.well-known/jwks.json`, {
    headers: { origin: 'http://127.0.0.1:9' },
  })

  assert.equal(response.status, 200)
  assert.equal(response.headers.get('access-control-allow-origin'), '*')
})

test('token endpoint stays same-origin', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  const response = await fetch(`${url}/token`, {
    method: 'POST',
    headers: { origin: 'http://127.0.0.1:9', 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username: 'alice', password: 'wrong password' }),
  })

  assert.equal(response.status, 400)
  assert.equal(response.headers.get('access-control-allow-origin'), null)
})
