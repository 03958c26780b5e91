import { test } from 'node:test'
import assert from 'node:assert/strict'
import { remoteKeySet, verifyJwt } from '../../src/index.js'
import type { FetchFunction } from '../../src/index.js'
import { NOW } from '../fixtures/tokens.js'
import { NOW_MS, issuerKey, jotError, startJwksServer, tokenFor } from './helpers.js'

const current = await issuerKey('ES256', 'current')
const token = await tokenFor(current)
const options = { now: NOW }

function fetchFailed(message: string, details: Record<string, unknown>) {
  return { ...jotError('JWKS_FETCH_FAILED', message), details }
}

/** Pads a JWK Set with white space to exactly `size` bytes of JSON. */
function paddedJwks(size: number): string {
  const json = JSON.stringify({ keys: [current.jwk] })
  return json.slice(0, -1) + ' '.repeat(size - json.length) + '}'
}

test('remoteKeySet times out silent server', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.handle(() => undefined)
  const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS, timeoutMs: 50 })

  await assert.rejects(
    verifyJwt(token, keySet, options),
    fetchFailed(`The JWKS request to ${server.url} timed out after 50 ms.`, { reason: 'timeout' }),
  )
})

test('remoteKeySet times out stalled body', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.handle((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.write('{"keys":[')
  })
  const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS, timeoutMs: 50 })

  await assert.rejects(
    verifyJwt(token, keySet, options),
    fetchFailed(`The JWKS request to ${server.url} timed out after 50 ms.`, { reason: 'timeout' }),
  )
})

test('remoteKeySet times out fetch ignoring signal', async () => {
  const signals: AbortSignal[] = []
  const neverSettles: FetchFunction = (_url, init) => {
    if (init.signal) signals.push(init.signal)
    return new Promise(() => undefined)
  }
  const url = 'https://auth.example.com/jwks.json?client=secret'
  const keySet = remoteKeySet(url, { nowMs: () => NOW_MS, timeoutMs: 20, fetch: neverSettles })

  await assert.rejects(
    verifyJwt(token, keySet, options),
    fetchFailed('The JWKS request to https://auth.example.com/jwks.json timed out after 20 ms.', {
      reason: 'timeout',
    }),
  )
  assert.equal(signals.length, 1)
  assert.equal(signals[0]?.aborted, true)
})

test('remoteKeySet caps chunked body', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.handle((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.write('{"keys":[')
    for (let i = 0; i < 64; i++) response.write(' '.repeat(1024))
    response.end(']}')
  })
  const lengths: (string | null)[] = []
  const recordingFetch: FetchFunction = async (url, init) => {
    const response = await fetch(url, init)
    lengths.push(response.headers.get('content-length'))
    return response
  }
  const keySet = remoteKeySet(server.url, {
    nowMs: () => NOW_MS,
    maxResponseBytes: 4096,
    fetch: recordingFetch,
  })

  await assert.rejects(
    verifyJwt(token, keySet, options),
    fetchFailed(`The JWKS at ${server.url} is larger than 4096 bytes.`, { reason: 'too-large' }),
  )
  assert.deepEqual(lengths, [null])
})

test('remoteKeySet caps declared body length', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  const body = paddedJwks(4097)
  server.handle((_request, response) => {
    response.writeHead(200, { 'content-length': String(body.length) }).end(body)
  })
  const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS, maxResponseBytes: 4096 })

  await assert.rejects(
    verifyJwt(token, keySet, options),
    fetchFailed(`The JWKS at ${server.url} is larger than 4096 bytes.`, { reason: 'too-large' }),
  )
})

test('remoteKeySet accepts body at cap', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  const body = paddedJwks(4096)
  server.handle((_request, response) => {
    response.writeHead(200)
    response.write(body.slice(0, 1000))
    response.end(body.slice(1000))
  })
  const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS, maxResponseBytes: 4096 })

  assert.equal(Buffer.byteLength(body), 4096)
  assert.equal((await verifyJwt(token, keySet, options)).header.kid, 'current')
})

test('remoteKeySet rejects malformed bodies', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  const from = `The JWKS from ${server.url}`
  const deep = `{"keys":[${'['.repeat(40)}${']'.repeat(40)}]}`
  const cases: [string | Buffer, string][] = [
    ['', `${from} is not valid JSON.`],
    ['not json', `${from} is not valid JSON.`],
    ['{"keys":[]', `${from} is not valid JSON.`],
    ['[]', `${from} must be a JSON object.`],
    ['null', `${from} must be a JSON object.`],
    ['{}', `${from} has no "keys" member.`],
    [
      '{"keys":"none"}',
      `The "keys" member of the JWKS from ${server.url} must be an array, not a string.`,
    ],
    [
      '{"keys":null}',
      `The "keys" member of the JWKS from ${server.url} must be an array, not null.`,
    ],
    ['{"keys":[],"keys":[]}', `${from} has the member "keys" twice.`],
    [Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), `${from} is not valid UTF-8.`],
    [deep, `${from} nests deeper than 32 levels.`],
  ]
  for (const [body, message] of cases) {
    server.handle((_request, response) => response.writeHead(200).end(body))
    const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS })
    await assert.rejects(
      verifyJwt(token, keySet, options),
      jotError('JWKS_INVALID', message),
      message,
    )
  }
})

test('remoteKeySet rejects error statuses', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  for (const status of [201, 204, 404, 500]) {
    server.handle((_request, response) => response.writeHead(status).end())
    const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS })
    await assert.rejects(
      verifyJwt(token, keySet, options),
      fetchFailed(`The JWKS at ${server.url} returned HTTP ${status}; expected 200.`, {
        reason: 'status',
        status,
      }),
    )
  }
})

test('remoteKeySet does not follow redirects', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  server.handle((request, response) => {
    if (request.url === '/moved.json') {
      response.writeHead(200).end(JSON.stringify({ keys: [current.jwk] }))
      return
    }
    response.writeHead(302, { location: '/moved.json' }).end()
  })
  const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS })

  await assert.rejects(
    verifyJwt(token, keySet, options),
    fetchFailed(
      `The JWKS at ${server.url} returned HTTP 302; expected 200. Redirects are not followed, so configure the final URL.`,
      { reason: 'status', status: 302 },
    ),
  )
  assert.equal(server.requests, 1)
})

test('remoteKeySet reports refused connection', async () => {
  const server = await startJwksServer()
  await server.close()
  const keySet = remoteKeySet(server.url, { nowMs: () => NOW_MS })

  await assert.rejects(
    verifyJwt(token, keySet, options),
    fetchFailed(`The JWKS request to ${server.url} failed.`, { reason: 'network' }),
  )
})

test('remoteKeySet rejects non-Response from fetch', async () => {
  const notFetch = (() => Promise.resolve({})) as unknown as FetchFunction
  const keySet = remoteKeySet('https://auth.example.com/jwks.json', {
    nowMs: () => NOW_MS,
    fetch: notFetch,
  })

  await assert.rejects(verifyJwt(token, keySet, options), {
    ...fetchFailed('The JWKS request to https://auth.example.com/jwks.json failed.', {
      reason: 'network',
    }),
    cause: new TypeError('The fetch function did not return a Response.'),
  })
})

test('remoteKeySet calls injected fetch', async () => {
  const calls: [string, RequestInit][] = []
  const injected: FetchFunction = (url, init) => {
    calls.push([url, init])
    return Promise.resolve(Response.json({ keys: [current.jwk] }))
  }
  const keySet = remoteKeySet('https://auth.example.com/jwks.json?tenant=7', {
    nowMs: () => NOW_MS,
    fetch: injected,
  })

  assert.equal((await verifyJwt(token, keySet, options)).header.kid, 'current')
  assert.equal(calls.length, 1)
  const [url, init] = calls[0]!
  assert.equal(url, 'https://auth.example.com/jwks.json?tenant=7')
  assert.equal(init.redirect, 'manual')
  assert.deepEqual(init.headers, { accept: 'application/jwk-set+json, application/json' })
  assert.ok(init.signal instanceof AbortSignal)
})
