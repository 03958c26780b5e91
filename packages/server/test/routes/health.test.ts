import assert from 'node:assert/strict'
import { test } from 'node:test'
import { makeTempDir } from '../fixtures/temp.js'
import { startSeededServer } from '../fixtures/server.js'

test('health reports ok', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  const response = await fetch(`${url}/health`)

  assert.equal(response.status, 200)
  assert.deepEqual(await response.json(), { status: 'ok' })
})

test('unknown routes return JSON 404', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  for (const [method, path] of [
    ['GET', '/index.html'],
    ['GET', '/token'],
    ['DELETE', '/me'],
    ['POST', '/?access_token=abc'],
  ] as const) {
    const response = await fetch(`${url}${path}`, { method })

    assert.equal(response.status, 404, `${method} ${path}`)
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8')
    assert.deepEqual(await response.json(), {
      error: 'not_found',
      error_description: 'No route matches this method and path.',
    })
  }
})
