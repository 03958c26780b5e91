import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  claimWarnings,
  headerWarnings,
  hmacIssuerWarnings,
  secretWarnings,
} from '../src/warnings.js'
import { weakSecretReasons } from '../src/weak-secrets.js'

const NOW = 1_700_000_000
const THUMBPRINT = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs'

test('headerWarnings alg none', () => {
  assert.deepEqual(headerWarnings({ alg: 'none' }), [
    {
      code: 'ALG_NONE',
      message:
        'alg is "none": the token is unsecured, so anyone can forge it. Verifiers must reject it, and jot always does.',
    },
  ])
})

test('headerWarnings embedded keys and crit', () => {
  const header = {
    alg: 'RS256',
    jku: 'https://evil.example/jwks.json',
    jwk: { kty: 'oct' },
    x5u: 'https://evil.example/cert.pem',
    crit: ['exp'],
  }

  assert.deepEqual(headerWarnings(header), [
    {
      code: 'EMBEDDED_KEY',
      message:
        'The header carries key parameters (jwk, jku, x5u). Whoever made the token chose them, so they are never trusted: this page ignores them, and a verifier must use keys it already knows.',
    },
    {
      code: 'CRIT_PRESENT',
      message:
        'The header lists critical extensions (crit: ["exp"]). A verifier that does not process every one of them must reject the token (RFC 7515 section 4.1.11).',
    },
  ])
})

test('headerWarnings plain header', () => {
  assert.deepEqual(headerWarnings({ alg: 'ES256', kid: THUMBPRINT, typ: 'at+jwt' }), [])
  assert.deepEqual(headerWarnings({ alg: 'ECDH-ES', enc: 'A256GCM', epk: { kty: 'EC' } }), [])
})

test('hmacIssuerWarnings https issuer', () => {
  assert.deepEqual(hmacIssuerWarnings({ alg: 'HS256' }, { iss: 'https://auth.jot.test' }), [
    {
      code: 'HMAC_WITH_PUBLIC_KEY_ISSUER',
      message:
        'The token uses HS256, a shared-secret algorithm, but iss is an https URL, which suggests an issuer that signs with a key pair and publishes a JWKS. A verifier that takes alg from the token could be tricked into using a public key as the HMAC secret; pin the algorithm to the key.',
    },
  ])
})

test('hmacIssuerWarnings every sign listed', () => {
  const [warning] = hmacIssuerWarnings(
    { alg: 'HS512', kid: THUMBPRINT, jku: 'https://auth.jot.test/jwks' },
    { iss: 'https://auth.jot.test' },
  )

  assert.equal(
    warning?.message,
    'The token uses HS512, a shared-secret algorithm, but iss is an https URL and the header has jku and kid looks like a JWK thumbprint, which suggests an issuer that signs with a key pair and publishes a JWKS. A verifier that takes alg from the token could be tricked into using a public key as the HMAC secret; pin the algorithm to the key.',
  )
  const [urlKid] = hmacIssuerWarnings({ alg: 'HS384', kid: 'https://auth.jot.test/k1' }, undefined)
  assert.equal(urlKid?.code, 'HMAC_WITH_PUBLIC_KEY_ISSUER')
  assert.match(urlKid?.message ?? '', /but kid is an https URL,/)
})

test('hmacIssuerWarnings quiet cases', () => {
  const cases: [Record<string, unknown>, Record<string, unknown> | undefined][] = [
    [{ alg: 'HS256', kid: 'hmac-1' }, { iss: 'billing' }],
    [{ alg: 'HS256' }, { iss: 'http://localhost:3000' }],
    [{ alg: 'HS256' }, { iss: 'not a url' }],
    [{ alg: 'HS256' }, { iss: 42 }],
    [{ alg: 'HS256' }, undefined],
    [{ alg: 'ES256', kid: THUMBPRINT }, { iss: 'https://auth.jot.test' }],
    [{ alg: 42 }, { iss: 'https://auth.jot.test' }],
  ]
  for (const [header, claims] of cases) {
    assert.deepEqual(hmacIssuerWarnings(header, claims), [], JSON.stringify([header, claims]))
  }
})

test('claimWarnings expired token', () => {
  assert.deepEqual(claimWarnings({ iat: NOW - 3_900, exp: NOW - 300 }, NOW), [
    { code: 'TOKEN_EXPIRED', message: 'The token expired 5 minutes ago.' },
  ])
  assert.deepEqual(claimWarnings({ exp: NOW }, NOW), [
    { code: 'TOKEN_EXPIRED', message: 'The token expired 0 seconds ago.' },
  ])
})

test('claimWarnings not yet valid', () => {
  assert.deepEqual(claimWarnings({ nbf: NOW + 7_200, iat: NOW + 60, exp: NOW + 9_000 }, NOW), [
    {
      code: 'TOKEN_NOT_YET_VALID',
      message: 'The token is not valid yet: nbf is 2 hours from now.',
    },
    {
      code: 'ISSUED_IN_FUTURE',
      message: 'iat lies 1 minute in the future; jot rejects such tokens as not yet valid.',
    },
  ])
})

test('claimWarnings missing exp', () => {
  const expected = [
    {
      code: 'EXP_MISSING',
      message:
        'The token has no numeric exp claim, so it never expires: a copy stays usable until its key is retired.',
    },
  ]
  assert.deepEqual(claimWarnings({ sub: 'x', iat: NOW }, NOW), expected)
  assert.deepEqual(claimWarnings({ exp: '1700000300' }, NOW), expected)
  assert.deepEqual(claimWarnings({ exp: Number.NaN }, NOW), expected)
})

test('claimWarnings lifetime over 24 hours', () => {
  assert.deepEqual(claimWarnings({ iat: NOW, exp: NOW + 86_401 }, NOW), [
    {
      code: 'LIFETIME_LONG',
      message:
        'The token is valid for 1 day (from issue until exp), more than 24 hours; a stolen copy stays usable that long.',
    },
  ])
  assert.deepEqual(claimWarnings({ exp: NOW + 30 * 86_400 }, NOW), [
    {
      code: 'LIFETIME_LONG',
      message:
        'The token is valid for 30 days (from now until exp), more than 24 hours; a stolen copy stays usable that long.',
    },
  ])
})

test('claimWarnings lifetime of 24 hours', () => {
  assert.deepEqual(claimWarnings({ iat: NOW - 10, exp: NOW - 10 + 86_400 }, NOW), [])
  assert.deepEqual(claimWarnings({ nbf: NOW, iat: NOW - 90_000, exp: NOW + 86_400 }, NOW), [])
})

test('weakSecretReasons rules', () => {
  const cases: [string, number, string[]][] = [
    ['secret', 32, ['short', 'common', 'word-like']],
    ['Password123!', 32, ['short', 'common']],
    ['your-256-bit-secret', 32, ['short', 'common']],
    ['correct horse battery staple here', 32, ['word-like']],
    ['abcdabcdabcdabcdabcdabcdabcdabcdabcd', 32, ['word-like', 'repeated']],
    ['x7!x7!x7!x7!x7!x7!x7!x7!x7!x7!x7!x7!', 32, ['repeated']],
    ['Qm3v9Zp2Lr8Tx4Kc7Wd1Hs6Nb5Yg0Fj2E', 32, []],
    ['Qm3v9Zp2Lr8Tx4Kc7Wd1Hs6Nb5Yg0Fj2E', 48, ['short']],
    ['ééééééééééééééééé', 32, ['repeated']],
  ]
  for (const [secret, minBytes, expected] of cases) {
    assert.deepEqual(weakSecretReasons(secret, minBytes), expected, secret)
  }
})

test('secretWarnings message', () => {
  assert.deepEqual(secretWarnings('secret', 'HS256', 32), [
    {
      code: 'SECRET_WEAK',
      message:
        'The secret (6 bytes) is shorter than the hash output; it is a well-known default value; it contains only lowercase letters and word separators, like a word or phrase. Anyone who guesses an HMAC secret can forge tokens; HS256 needs at least 32 random bytes (RFC 7518 section 3.2).',
    },
  ])
  assert.deepEqual(secretWarnings('Qm3v9Zp2Lr8Tx4Kc7Wd1Hs6Nb5Yg0Fj2E', 'HS256', 32), [])
})
