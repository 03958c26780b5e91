import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import { CliError } from '../src/errors.js'
import { fetchJwks, isLoopbackUrl, parseJwksUrl } from '../src/remote-jwks.js'

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

test('fetchJwks times out without response', async () => {
  await assert.rejects(
    fetchJwks(new URL(`${base}/hang`), { timeoutMs: 100 }),
    new CliError('JWKS_FETCH_FAILED', `The JWKS request to ${base}/hang timed out after 100 ms.`),
  )
})

test('fetchJwks times out during body', async () => {
  await assert.rejects(
    fetchJwks(new URL(`${base}/slow-body`), { timeoutMs: 100 }),
    new CliError(
      'JWKS_FETCH_FAILED',
      `The JWKS request to ${base}/slow-body timed out after 100 ms.`,
    ),
  )
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

test('isLoopbackUrl names this machine only', () => {
  const loopback = [
    'http://localhost:3000/',
    'http://127.0.0.1/',
    'http://127.1.2.3/',
    'http://[::1]:8080/',
  ]
  for (const url of loopback) {
    assert.equal(isLoopbackUrl(new URL(url)), true, url)
  }
  for (const url of ['http://127.example/', 'http://localhost.example/', 'http://10.0.0.1/']) {
    assert.equal(isLoopbackUrl(new URL(url)), false, url)
  }
})
