import assert from 'node:assert/strict'
import { test } from 'node:test'
import { NOW, buildToken } from '../fixtures/tokens.js'
import { runCli, runCliJson, runInProcess } from '../helpers/run-cli.js'

const HEADER = { alg: 'ES256', typ: 'JWT', kid: 'key-1' }
const CLAIMS = { sub: 'alice', iat: NOW - 120, exp: NOW + 300 }

async function decodeJson(args: readonly string[]) {
  const result = await runInProcess(['decode', ...args, '--json', '--now', String(NOW)])
  return { ...result, json: JSON.parse(result.stdout) as unknown }
}

test('decode prints header, claims and times', async () => {
  const result = await runCli(['decode', buildToken(HEADER, CLAIMS), '--now', String(NOW)])

  assert.equal(result.stderr, '')
  assert.equal(result.code, 0)
  assert.equal(
    result.stdout,
    [
      'NOT VERIFIED: nothing below has been checked, not even the signature. Run "jot verify" before trusting this token.',
      '',
      'Header:',
      '  {',
      '    "alg": "ES256",',
      '    "typ": "JWT",',
      '    "kid": "key-1"',
      '  }',
      '',
      'Claims:',
      '  {',
      '    "sub": "alice",',
      '    "iat": 1699999880,',
      '    "exp": 1700000300',
      '  }',
      '',
      'Times:',
      '  iat  2023-11-14T22:11:20Z  (2 minutes ago)',
      '  exp  2023-11-14T22:18:20Z  (in 5 minutes)',
      '',
    ].join('\n'),
  )
})

test('decode reads token from stdin', async () => {
  const result = await runCliJson(['decode', '--json', '--now', String(NOW)], {
    stdin: buildToken(HEADER, CLAIMS) + '\n',
  })

  assert.equal(result.code, 0)
  assert.deepEqual(result.json, { header: HEADER, claims: CLAIMS, warnings: [] })
})

test('decode warns about every risky content', async () => {
  const header = { alg: 'none' }
  const claims = {
    iss: 'https://issuer.example',
    iat: NOW - 3 * 86_400,
    nbf: NOW + 60,
    exp: NOW - 3600,
  }
  const hmacClaims = { iss: 'https://issuer.example', exp: 'tomorrow' }

  const unsecured = await decodeJson([buildToken(header, claims, '')])
  const hmac = await decodeJson([buildToken({ alg: 'HS256' }, hmacClaims)])

  assert.equal(unsecured.code, 0)
  assert.deepEqual(unsecured.json, {
    header,
    claims,
    warnings: [
      {
        code: 'ALG_NONE',
        message: 'The header alg is "none": the token is unsecured, and verifiers must reject it.',
      },
      {
        code: 'TOKEN_EXPIRED',
        message: 'The token expired at 2023-11-14T21:13:20Z (1 hour ago).',
      },
      {
        code: 'TOKEN_NOT_YET_VALID',
        message: 'The token is not valid before 2023-11-14T22:14:20Z (in 1 minute).',
      },
      {
        code: 'LIFETIME_LONG',
        message:
          'The token is valid for 255600 seconds (about 71 hours) from iat to exp, more than ' +
          '24 hours, and a leaked token stays usable that long.',
      },
    ],
  })
  assert.equal(hmac.code, 0)
  assert.deepEqual(hmac.json, {
    header: { alg: 'HS256' },
    claims: hmacClaims,
    warnings: [
      {
        code: 'TIME_CLAIM_INVALID',
        message: 'The exp claim is not a number of seconds since the Unix epoch.',
      },
      {
        code: 'HMAC_WITH_HTTPS_ISSUER',
        message:
          'The token uses HS256, an HMAC algorithm, but its issuer "https://issuer.example" is ' +
          'an https URL. Every verifier that holds the shared secret can also create tokens; ' +
          'public issuers usually sign with an asymmetric algorithm such as RS256, ES256 or EdDSA.',
      },
    ],
  })
})

test('decode warns about missing exp in text', async () => {
  const result = await runInProcess([
    'decode',
    buildToken({ alg: 'RS256' }, { sub: 'bob' }),
    '--now',
    String(NOW),
  ])

  assert.equal(result.code, 0)
  assert.match(result.stdout, /^NOT VERIFIED: /)
  assert.ok(
    result.stdout.endsWith(
      '\nWarnings:\n  EXP_MISSING: The token has no exp claim, so it never expires.\n',
    ),
  )
})

test('decode rejects garbage token', async () => {
  const text = await runCli(['decode', 'not-a-token'])
  const jsonResult = await runInProcess(['decode', 'not.a-token', '--json'])
  const json = { ...jsonResult, json: JSON.parse(jsonResult.stdout) as unknown }

  assert.equal(text.code, 1)
  assert.equal(text.stdout, '')
  assert.equal(
    text.stderr,
    'jot: TOKEN_MALFORMED: The token must have 3 segments separated by dots, not 1.\n',
  )
  assert.equal(json.code, 1)
  assert.deepEqual(json.json, {
    error: {
      code: 'TOKEN_MALFORMED',
      message: 'The token must have 3 segments separated by dots, not 2.',
    },
  })
})

test('decode without token on empty stdin', async () => {
  const result = await runInProcess(['decode'])

  assert.equal(result.code, 2)
  assert.equal(result.stdout, '')
  assert.equal(
    result.stderr,
    'jot: ARGUMENT_INVALID: The standard input is empty; expected a token.\n',
  )
})
