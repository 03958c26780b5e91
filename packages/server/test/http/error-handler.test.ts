import assert from 'node:assert/strict'
import { request } from 'node:http'
import { test } from 'node:test'
import { makeTempDir } from '../fixtures/temp.js'
import { startSeededServer } from '../fixtures/server.js'

const JSON_TYPE = 'application/json; charset=utf-8'

const ROUTES = ['/token', '/revoke', '/introspect']

function post(
  url: string,
  contentType: string | undefined,
  body: string,
  route = '/token',
): Promise<Response> {
  return fetch(`${url}${route}`, {
    method: 'POST',
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    body,
  })
}

const badBodies: {
  name: string
  contentType: string | undefined
  body: string
  status: number
  description: string
}[] = [
  {
    name: 'oversized form',
    contentType: 'application/x-www-form-urlencoded',
    body: `grant_type=password&username=alice&password=${'p'.repeat(16_384)}`,
    status: 413,
    description: 'The request body exceeds 16384 bytes.',
  },
  {
    name: 'oversized JSON',
    contentType: 'application/json',
    body: JSON.stringify({ grant_type: 'password', padding: 'x'.repeat(16_384) }),
    status: 413,
    description: 'The request body exceeds 16384 bytes.',
  },
  {
    name: 'malformed JSON',
    contentType: 'application/json',
    body: '{"grant_type":"password","password":"hunter22"',
    status: 400,
    description: 'The request body is not valid JSON.',
  },
  {
    name: 'empty JSON',
    contentType: 'application/json',
    body: '',
    status: 400,
    description: 'The JSON request body is empty.',
  },
  {
    name: 'JSON with __proto__',
    contentType: 'application/json',
    body: '{"grant_type":"password","__proto__":{"admin":true}}',
    status: 400,
    description: 'The request body is not valid JSON.',
  },
  {
    name: 'JSON array',
    contentType: 'application/json',
    body: '["password"]',
    status: 400,
    description:
      'The request body must be a form (application/x-www-form-urlencoded) or a JSON object.',
  },
  {
    name: 'JSON null',
    contentType: 'application/json',
    body: 'null',
    status: 400,
    description:
      'The request body must be a form (application/x-www-form-urlencoded) or a JSON object.',
  },
  {
    name: 'text body',
    contentType: 'text/plain',
    body: 'grant_type=password',
    status: 415,
    description:
      'The content type is not supported; send application/x-www-form-urlencoded or application/json.',
  },
  {
    name: 'multipart body',
    contentType: 'multipart/form-data; boundary=x',
    body: '--x\r\n\r\n--x--',
    status: 415,
    description:
      'The content type is not supported; send application/x-www-form-urlencoded or application/json.',
  },
  {
    name: 'missing content type',
    contentType: undefined,
    body: 'grant_type=password',
    status: 415,
    description:
      'The content type is not supported; send application/x-www-form-urlencoded or application/json.',
  },
]

for (const { name, contentType, body, status, description } of badBodies) {
  test(`POST routes reject ${name} with JSON`, async (t) => {
    const { url } = await startSeededServer(t, makeTempDir(t))

    for (const route of ROUTES) {
      const response = await post(url, contentType, body, route)

      assert.equal(response.status, status, route)
      assert.equal(response.headers.get('content-type'), JSON_TYPE, route)
      assert.deepEqual(
        await response.json(),
        { error: 'invalid_request', error_description: description },
        route,
      )
    }
  })
}

test('POST routes reject empty POST', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  for (const route of ROUTES) {
    const response = await fetch(`${url}${route}`, { method: 'POST' })

    assert.equal(response.status, 400, route)
    assert.deepEqual(
      await response.json(),
      {
        error: 'invalid_request',
        error_description:
          'The request body must be a form (application/x-www-form-urlencoded) or a JSON object.',
      },
      route,
    )
  }
})

const badParameters: {
  name: string
  route: string
  body: Record<string, unknown>
  description: string
}[] = [
  {
    name: 'token array',
    route: '/revoke',
    body: { token: ['a'] },
    description: 'The token parameter must be a string.',
  },
  {
    name: 'token object',
    route: '/revoke',
    body: { token: { a: 1 } },
    description: 'The token parameter must be a string.',
  },
  {
    name: 'client_id number',
    route: '/revoke',
    body: { token: 'x', client_id: 7 },
    description: 'The client_id parameter must be a string.',
  },
  {
    name: 'client_id with NUL',
    route: '/revoke',
    body: { token: 'x', client_id: '\u0000' },
    description: 'The client_id parameter must be 1 to 128 printable ASCII characters.',
  },
  {
    name: 'client_secret boolean',
    route: '/introspect',
    body: { token: 'x', client_id: 'a', client_secret: false },
    description: 'The client_secret parameter must be a string.',
  },
  {
    name: 'refresh_token number',
    route: '/token',
    body: { grant_type: 'refresh_token', refresh_token: 12 },
    description: 'The refresh_token parameter must be a string.',
  },
  {
    name: 'scope array',
    route: '/token',
    body: { grant_type: 'client_credentials', scope: ['a'] },
    description: 'The scope parameter must be a string.',
  },
  {
    name: 'client_secret null',
    route: '/token',
    body: { grant_type: 'client_credentials', client_id: 'a', client_secret: null },
    description: 'The client_secret parameter must be a string.',
  },
  {
    name: 'grant_type fraction',
    route: '/token',
    body: { grant_type: 1.5 },
    description: 'The grant_type parameter must be a string.',
  },
]

for (const { name, route, body, description } of badParameters) {
  test(`${route} rejects ${name}`, async (t) => {
    const { url } = await startSeededServer(t, makeTempDir(t))

    const response = await post(url, 'application/json', JSON.stringify(body), route)

    assert.equal(response.status, 400)
    assert.equal(response.headers.get('content-type'), JSON_TYPE)
    assert.deepEqual(await response.json(), {
      error: 'invalid_request',
      error_description: description,
    })
  })
}

test('token rejects oversized chunked body', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  // Without Content-Length the limit must hold while the body streams in.
  const { status, body } = await new Promise<{ status: number; body: string }>(
    (resolve, reject) => {
      const req = request(`${url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      })
      req.on('response', (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: text })
        })
      })
      req.on('error', reject)
      req.write('{"padding":"')
      for (let i = 0; i < 20; i += 1) req.write('x'.repeat(1024))
      req.end('"}')
    },
  )

  assert.equal(status, 413)
  assert.deepEqual(JSON.parse(body), {
    error: 'invalid_request',
    error_description: 'The request body exceeds 16384 bytes.',
  })
})

function getRaw(
  url: string,
  path: string,
  method = 'GET',
): Promise<{ status: number; type: string; body: string }> {
  const { port } = new URL(url)
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path, method }, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          type: response.headers['content-type'] ?? '',
          body,
        })
      })
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

test('undecodable paths answer 400 JSON', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  // fetch normalizes these paths, so they go out through node:http as written.
  for (const path of ['/%', '/%zz', '/token%', '/.well-known/%', '/%E0%A4%A']) {
    const response = await getRaw(url, path)
    assert.equal(response.status, 400, path)
    assert.equal(response.type, JSON_TYPE, path)
    assert.deepEqual(
      JSON.parse(response.body),
      { error: 'invalid_request', error_description: 'The request path is not a valid URL.' },
      path,
    )
  }
})

test('HEAD with oversized path has no body', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  // Node's client rejects a HEAD response that carries content, so parsing it proves none came.
  const response = await getRaw(url, '/' + 'a'.repeat(20_000), 'HEAD')

  assert.equal(response.status, 431)
  assert.equal(response.type, JSON_TYPE)
  assert.equal(response.body, '')
})
