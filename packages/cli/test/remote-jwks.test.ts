import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import { JotError } from '@jot/core'
import { loadRemoteKeys, parseJwksUrl } from '../src/remote-jwks.js'

// Never responds to /hang, and sends only headers for /slow-body, so only the client's timeout
// ends those requests.
const server = createServer((request, response) => {
  if (request.url === '/slow-body') {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.write('{"keys": [')
  }
})
let base: string

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
after(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const LIMITS = { timeoutMs: 100, maxResponseBytes: 1024 }

test('loadRemoteKeys times out without response', async () => {
  await assert.rejects(
    loadRemoteKeys(new URL(`${base}/hang`), ['ES256'], LIMITS),
    new JotError('JWKS_FETCH_FAILED', `The JWKS request to ${base}/hang timed out after 100 ms.`, {
      details: { reason: 'timeout' },
    }),
  )
})

test('loadRemoteKeys times out during body', async () => {
  await assert.rejects(
    loadRemoteKeys(new URL(`${base}/slow-body`), ['ES256'], LIMITS),
    new JotError(
      'JWKS_FETCH_FAILED',
      `The JWKS request to ${base}/slow-body timed out after 100 ms.`,
      { details: { reason: 'timeout' } },
    ),
  )
})

test('loadRemoteKeys rejects plain http elsewhere', async () => {
  await assert.rejects(loadRemoteKeys(new URL('http://issuer.example/jwks'), ['ES256']), {
    name: 'JotError',
    code: 'OPTION_INVALID',
    message:
      'The JWKS URL http://issuer.example/jwks must use https; plain http is allowed only for ' +
      'loopback hosts (127.0.0.0/8, ::1, localhost).',
  })
})

test('parseJwksUrl accepts http and https only', () => {
  assert.equal(parseJwksUrl('https://issuer.example/jwks').href, 'https://issuer.example/jwks')
  for (const text of ['issuer.example/jwks', 'file:///etc/passwd', 'javascript:alert(1)', '']) {
    assert.throws(() => parseJwksUrl(text), {
      name: 'JotError',
      code: 'OPTION_INVALID',
      message: `--jwks must be an absolute http or https URL, not "${text}".`,
    })
  }
})
