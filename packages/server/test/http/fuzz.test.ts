import assert from 'node:assert/strict'
import { request } from 'node:http'
import { test } from 'node:test'
import fc from 'fast-check'
import { captureLog } from '../fixtures/log.js'
import { makeTempDir } from '../fixtures/temp.js'
import {
  ALICE,
  BOB,
  basicAuth,
  logInFully,
  seedClient,
  startSeededServer,
} from '../fixtures/server.js'

// A normal run sends a modest number of requests with one fixed seed. `npm run fuzz` sets
// JOT_FUZZ_RUNS for more, with a new seed each time unless JOT_FUZZ_SEED is set.
const DEFAULT_RUNS = 300
const RUNS = readWholeNumber('JOT_FUZZ_RUNS', DEFAULT_RUNS)
const SEED = readWholeNumber(
  'JOT_FUZZ_SEED',
  RUNS > DEFAULT_RUNS ? Date.now() % 2 ** 31 : 20_260_101,
)

function readWholeNumber(name: string, fallback: number): number {
  const text = process.env[name]
  if (text === undefined || text === '') return fallback
  if (!/^[0-9]{1,9}$/.test(text)) throw new Error(`${name} must be a whole number, not "${text}".`)
  return Number(text)
}

/** Maximum time a request may take before the test counts it as a hang. */
const REQUEST_TIMEOUT_MS = 10_000

interface RawResponse {
  readonly status: number
  readonly contentType: string | undefined
  readonly body: string
}

interface FuzzRequest {
  readonly method: string
  readonly path: string
  readonly headers: Record<string, string>
  readonly body: string | undefined
}

// node:http rather than fetch, because fetch refuses some methods and paths a client can send.
function send(base: string, fuzz: FuzzRequest): Promise<RawResponse> {
  const { port } = new URL(base)
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, method: fuzz.method, path: fuzz.path, headers: fuzz.headers },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'],
            body: Buffer.concat(chunks).toString('utf8'),
          })
        })
      },
    )
    outgoing.setTimeout(REQUEST_TIMEOUT_MS, () =>
      outgoing.destroy(new Error(`No response within ${REQUEST_TIMEOUT_MS} ms.`)),
    )
    outgoing.on('error', reject)
    outgoing.end(fuzz.body)
  })
}

const ENDPOINTS = [
  '/token',
  '/revoke',
  '/introspect',
  '/me',
  '/.well-known/jwks.json',
  '/.well-known/oauth-authorization-server',
  '/health',
  '/',
]
const ODD_PATHS = [
  '/%',
  '/%zz',
  '/token%',
  '/%E0%A4%A',
  '/%00',
  '//token',
  '/token/../me',
  '/.well-known/%',
]
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND']
const CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded; charset=latin1',
  '*/*',
  '',
]
const FIELDS = [
  'grant_type',
  'username',
  'password',
  'refresh_token',
  'token',
  'token_type_hint',
  'scope',
  'client_id',
  'client_secret',
  '__proto__',
  'constructor',
]
const GRANTS = ['password', 'refresh_token', 'client_credentials', 'authorization_code', '']

/** Secrets the service stores or receives during the run. None may appear in its log. */
interface Secrets {
  readonly accessToken: string
  readonly refreshToken: string
  readonly clientSecret: string
}

function fuzzRequests(secrets: Secrets): fc.Arbitrary<FuzzRequest> {
  // Valid values mixed with noise, so requests reach the handlers and not only the parsers.
  const value = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      ...GRANTS,
      ALICE.username,
      ALICE.password,
      BOB.password,
      secrets.accessToken,
      secrets.refreshToken,
      secrets.clientSecret,
      `${secrets.accessToken}x`,
      'a'.repeat(20_000),
    ),
  )
  const fields = fc.dictionary(
    fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })),
    value,
    {
      maxKeys: 6,
    },
  )
  const body = fc.oneof(
    fields.map((record) => new URLSearchParams(record).toString()),
    fields.map((record) => JSON.stringify(record)),
    fc.json({ maxDepth: 4 }),
    fc.string({ maxLength: 200 }),
    fc.constantFrom('{"a":', '[[[[[[[[[[', 'a=%zz&b=%', '\u0000', 'x'.repeat(20_000)),
  )
  const path = fc.oneof(
    fc.constantFrom(...ENDPOINTS, ...ODD_PATHS),
    fc.tuple(fc.constantFrom(...ENDPOINTS), fc.webSegment()).map(([base, extra]) => base + extra),
    fc
      .tuple(fc.constantFrom(...ENDPOINTS), fields)
      .map(([base, query]) => `${base}?${new URLSearchParams(query).toString()}`),
    fc.integer({ min: 1000, max: 12_000 }).map((length) => '/' + 'a'.repeat(length)),
  )
  const authorization = fc.oneof(
    fc.constant(undefined),
    fc.constant(`Bearer ${secrets.accessToken}`),
    fc.constant(`Bearer ${secrets.accessToken.slice(0, -2)}`),
    fc.constant(basicAuth('service', secrets.clientSecret)['authorization']),
    fc.constant(basicAuth('service', `${secrets.clientSecret}x`)['authorization']),
    fc.stringMatching(/^(Bearer|Basic|bearer|DPoP) [\x21-\x7e]{0,60}$/),
  )
  const contentType = fc.oneof(
    fc.constantFrom(...CONTENT_TYPES),
    fc.stringMatching(/^[a-z]{1,10}\/[a-z+.-]{1,12}$/),
  )
  return fc
    .record({
      method: fc.constantFrom(...METHODS),
      path,
      contentType: fc.option(contentType, { nil: undefined }),
      authorization,
      accept: fc.option(fc.constantFrom('application/json', 'text/html', '*/*', ''), {
        nil: undefined,
      }),
      body: fc.option(body, { nil: undefined }),
    })
    .map(({ method, path: target, contentType: type, authorization: auth, accept, body: text }) => {
      const headers: Record<string, string> = {}
      if (type !== undefined) headers['content-type'] = type
      if (auth !== undefined) headers['authorization'] = auth
      if (accept !== undefined) headers['accept'] = accept
      const sendsBody = text !== undefined && method !== 'GET' && method !== 'HEAD'
      return { method, path: target, headers, body: sendsBody ? text : undefined }
    })
}

function checkResponse(fuzz: FuzzRequest, response: RawResponse): void {
  const what = `${fuzz.method} ${fuzz.path.slice(0, 60)} answered ${response.status}`
  assert.ok(response.status >= 200, what)
  assert.ok(response.status < 500, what)
  if (response.status < 400 || fuzz.method === 'HEAD') return
  assert.match(response.contentType ?? '', /^application\/json/, what)
  const body = JSON.parse(response.body) as Record<string, unknown>
  assert.deepEqual(Object.keys(body).sort(), ['error', 'error_description'], what)
  assert.equal(typeof body['error'], 'string', what)
  assert.equal(typeof body['error_description'], 'string', what)
}

test('service answers fuzzed requests without 5xx', async (t) => {
  const log = captureLog()
  const { url, config } = await startSeededServer(t, makeTempDir(t), {
    logger: { level: 'trace', stream: log.stream },
  })
  const client = await seedClient(config, { clientId: 'service' })
  const tokens = await logInFully(url, ALICE)
  const secrets: Secrets = {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? '',
    clientSecret: client.clientSecret,
  }

  await fc.assert(
    fc.asyncProperty(fuzzRequests(secrets), async (fuzz) => {
      checkResponse(fuzz, await send(url, fuzz))
    }),
    { numRuns: RUNS, seed: SEED },
  )

  const text = log.text()
  assert.ok(text.includes('request rejected'), 'the run logged no rejected request')
  const { accessToken, refreshToken, clientSecret } = secrets
  for (const secret of [ALICE.password, BOB.password, accessToken, refreshToken, clientSecret]) {
    assert.equal(text.includes(secret), false, `log contains ${secret.slice(0, 12)}…`)
  }
})
