import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { rmSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { exportPublicJwk, generateKeyPair, importSecret, signJwt } from '@jot/core'
import { TOKEN_CLAIMS, createKeyFixtures } from '../fixtures/keys.js'
import type { KeyFixtures } from '../fixtures/keys.js'
import { NOW } from '../fixtures/tokens.js'
import { runCli, runCliJson, runInProcess } from '../helpers/run-cli.js'

let keys: KeyFixtures
let token: string
let server: Server
let base: string

/** Response bodies by path; anything else is a 404. */
async function routes(): Promise<Record<string, string>> {
  const noAlgA = keys.publicJwkNoAlgA
  const ed25519 = await generateKeyPair('Ed25519', { kid: 'key-ed' })
  return {
    '/jwks': JSON.stringify({ keys: [keys.publicJwkB, keys.publicJwkA] }),
    '/mixed': JSON.stringify({
      keys: [
        'not an object',
        { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA', kid: 'broken' },
        { ...keys.publicJwkB, alg: 'RS256' },
        await exportPublicJwk(ed25519.publicKey),
        { kty: 'oct', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA', alg: 'HS256' },
        noAlgA,
      ],
    }),
    '/no-alg': JSON.stringify({ keys: [noAlgA] }),
    '/only-b': JSON.stringify({ keys: [keys.publicJwkB] }),
    '/empty': JSON.stringify({ keys: [] }),
    '/with-secret': JSON.stringify({ keys: [SHARED_JWK, keys.publicJwkB] }),
    '/not-json': '<html>',
    '/no-keys': JSON.stringify({ key: [] }),
    '/huge': JSON.stringify({ keys: [], padding: 'x'.repeat(1024 * 1024) }),
  }
}

before(async () => {
  keys = await createKeyFixtures()
  token = await keys.sign()
  const bodies = await routes()
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    const body = bodies[path]
    if (body === undefined) {
      response.writeHead(404).end('not found')
      return
    }
    // The huge body is streamed without a length, so the client must count the bytes itself.
    const headers = path === '/huge' ? {} : { 'content-length': Buffer.byteLength(body) }
    response.writeHead(200, { 'content-type': 'application/json', ...headers }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

after(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  rmSync(keys.dir, { recursive: true, force: true })
})

const CLAIMS = { ...TOKEN_CLAIMS, iat: NOW, exp: NOW + 600 }
const SHARED_SECRET = Buffer.alloc(32, 9)
const SHARED_JWK = {
  kty: 'oct',
  k: SHARED_SECRET.toString('base64url'),
  alg: 'HS256',
  kid: 'shared',
}

function sharedKey() {
  return importSecret(SHARED_SECRET, { alg: 'HS256', kid: 'shared' })
}
const AT = ['--now', String(NOW + 10)]

describe('verify --jwks', { concurrency: true }, () => {
  test('jwks picks key by kid', async () => {
    const result = await runCliJson(['verify', token, '--jwks', `${base}/jwks`, '--json', ...AT])

    assert.equal(result.stderr, '')
    assert.equal(result.code, 0)
    assert.deepEqual(result.json, {
      valid: true,
      header: { alg: 'ES256', kid: 'key-a', typ: 'JWT' },
      claims: CLAIMS,
    })
  })

  test('jwks skips unusable keys verbosely', async () => {
    const result = await runCli([
      'verify',
      token,
      '--jwks',
      `${base}/mixed`,
      '--alg',
      'ES256',
      '--verbose',
      ...AT,
    ])

    assert.equal(result.code, 0)
    assert.equal(result.stdout, JSON.stringify(CLAIMS, null, 2) + '\n')
    assert.equal(
      result.stderr,
      [
        'jot: skipped key 0 (no kid): The JWK Set entry is a string, not a JWK.',
        'jot: skipped key 1 (kid "broken"): The JWK member "x" must be 32 bytes for P-256, not 3.',
        `jot: skipped key 2 (kid "key-b"): The JWK's alg "RS256" is not in the key set's ` +
          '"algorithms" option.',
        `jot: skipped key 3 (kid "key-ed"): The JWK's alg "Ed25519" is not in the key set's ` +
          '"algorithms" option.',
        'jot: skipped key 4 (no kid): It is a secret (oct) key, which is never accepted from a ' +
          'remote JWK Set: anyone who can fetch the set could sign with it.',
        '',
      ].join('\n'),
    )
  })

  test('jwks never uses secret keys', async () => {
    const forged = await signJwt(TOKEN_CLAIMS, await sharedKey(), { now: NOW, expiresInSec: 600 })

    const withoutAlg = await runInProcess([
      'verify',
      forged,
      '--jwks',
      `${base}/with-secret`,
      '--verbose',
      ...AT,
    ])
    const withAlg = await runInProcess([
      'verify',
      forged,
      '--jwks',
      `${base}/with-secret`,
      '--alg',
      'HS256',
      '--verbose',
      ...AT,
    ])

    const skipped =
      'jot: skipped key 0 (kid "shared"): It is a secret (oct) key, which is never accepted ' +
      'from a remote JWK Set: anyone who can fetch the set could sign with it.\n'
    assert.equal(withoutAlg.code, 1)
    assert.equal(withoutAlg.stdout, '')
    assert.equal(
      withoutAlg.stderr,
      skipped + 'jot: ALG_NOT_ALLOWED: The algorithm "HS256" is not in the allowed list.\n',
    )
    assert.equal(withAlg.code, 1)
    assert.equal(withAlg.stdout, '')
    assert.equal(
      withAlg.stderr,
      'jot: NO_MATCHING_KEY: None of the 2 keys in the JWKS can verify HS256; run with ' +
        '--verbose for the reasons.\n' +
        '  caused by: AggregateError: Every key was skipped.\n' +
        '    - Error: key 0: It is a secret (oct) key, which is never accepted from a remote JWK ' +
        'Set: anyone who can fetch the set could sign with it.\n' +
        `    - Error: key 1: The JWK's alg "ES256" is not in the key set's "algorithms" option.\n`,
    )
  })

  test('jwks failures', async () => {
    const cases: [string[], number, string][] = [
      [
        ['--jwks', `${base}/no-alg`],
        2,
        'OPTION_INVALID: --alg is required: the verifier must pin the algorithm (RFC 8725 ' +
          'section 3.1), because no key in the JWKS has an "alg".',
      ],
      [
        ['--jwks', `${base}/only-b`],
        1,
        `NO_MATCHING_KEY: No verification key matches the token's alg "ES256" and kid "key-a".`,
      ],
      [
        ['--jwks', `${base}/jwks`, '--alg', 'ES384'],
        1,
        'NO_MATCHING_KEY: None of the 2 keys in the JWKS can verify ES384; run with --verbose ' +
          'for the reasons.',
      ],
      [['--jwks', `${base}/empty`], 1, 'NO_MATCHING_KEY: The JWKS contains no keys.'],
      [
        ['--jwks', `${base}/mixed`, '--alg', 'HS256'],
        1,
        'NO_MATCHING_KEY: None of the 6 keys in the JWKS can verify HS256; run with --verbose ' +
          'for the reasons.',
      ],
      [
        ['--jwks', `${base}/missing`],
        3,
        `JWKS_FETCH_FAILED: The JWKS at ${base}/missing returned HTTP 404; expected 200.`,
      ],
      [
        ['--jwks', `${base}/not-json?secret=1`],
        3,
        `JWKS_INVALID: The JWKS from ${base}/not-json is not valid JSON.`,
      ],
      [
        ['--jwks', `${base}/no-keys`],
        3,
        `JWKS_INVALID: The JWKS from ${base}/no-keys has no "keys" member.`,
      ],
      [
        ['--jwks', 'http://issuer.example/jwks', '--alg', 'ES256'],
        2,
        'OPTION_INVALID: The JWKS URL http://issuer.example/jwks must use https; plain http is ' +
          'allowed only for loopback hosts (127.0.0.0/8, ::1, localhost).',
      ],
      [
        ['--jwks', `${base}/huge`],
        3,
        `JWKS_FETCH_FAILED: The JWKS at ${base}/huge is larger than 1048576 bytes.`,
      ],
      [
        ['--jwks', 'http://127.0.0.1:1/jwks', '--alg', 'ES256'],
        3,
        'JWKS_FETCH_FAILED: The JWKS request to http://127.0.0.1:1/jwks failed.',
      ],
    ]

    // In-process: these check how each response is judged, not the process around it.
    const results = []
    for (const [args] of cases) results.push(await runInProcess(['verify', token, ...args, ...AT]))

    for (const [i, result] of results.entries()) {
      const [args, code, expected] = cases[i]!
      assert.equal(result.stderr, `jot: ${expected}\n`, args.join(' '))
      assert.equal(result.code, code, args.join(' '))
      assert.equal(result.stdout, '', args.join(' '))
    }
  })
})
