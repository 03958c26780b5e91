import { test } from 'node:test'
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import {
  createVerifier,
  exportJwk,
  generateKeyPair,
  exportPublicJwk,
  localKeySet,
  verifyCompact,
  verifyJwt,
} from '../../src/index.js'
import type { JotKey, JwsHeader, Jwk, LocalKeySet } from '../../src/index.js'
import { isSynchronousBackend } from '../fixtures/backend.js'
import { NOW, SECRET, rawHs256, segment } from '../fixtures/tokens.js'
import { CLAIMS, issuerKey, jotError, tokenFor, without } from './helpers.js'

const es256A = await issuerKey('ES256', 'a')
const es256B = await issuerKey('ES256', 'b')
const es384B = await issuerKey('ES384', 'b')
const rsa = await issuerKey('RS256', 'rsa')

/** Wraps a key set to record every key it returns to the verifier. */
function recording(keySet: LocalKeySet): { resolver: LocalKeySet; handed: JotKey[] } {
  const handed: JotKey[] = []
  const resolver = Object.assign((header: JwsHeader) => {
    const keys = keySet(header)
    handed.push(...keys)
    return keys
  }, keySet)
  return { resolver, handed }
}

function noMatchingKey(alg: string, kid: string | undefined) {
  const kidText = kid === undefined ? 'no kid' : `kid "${kid}"`
  return jotError(
    'NO_MATCHING_KEY',
    `No verification key matches the token's alg "${alg}" and ${kidText}.`,
  )
}

test('localKeySet selects key by kid', async () => {
  const keySet = await localKeySet({ keys: [es256A.jwk, es256B.jwk, rsa.jwk] })
  const token = await tokenFor(es256B)
  const expected = { header: { alg: 'ES256', kid: 'b', typ: 'JWT' }, claims: CLAIMS }

  assert.deepEqual(keySet({ alg: 'ES256', kid: 'b' }), [keySet.keys[1]])
  assert.deepEqual(await verifyJwt(token, keySet, { now: NOW }), expected)
  if (isSynchronousBackend()) {
    assert.deepEqual(createVerifier(keySet, { now: NOW })(token), expected)
  }
  const { header } = await verifyCompact(token, keySet)
  assert.deepEqual(header, expected.header)
})

test('localKeySet picks alg within kid', async () => {
  const keySet = await localKeySet({ keys: [es256B.jwk, es384B.jwk] })
  const token = await tokenFor(es384B)

  assert.deepEqual(keySet({ alg: 'ES384', kid: 'b' }), [keySet.keys[1]])
  assert.equal((await verifyJwt(token, keySet, { now: NOW })).header.alg, 'ES384')
  assert.deepEqual(keySet({ alg: 'ES512', kid: 'b' }), [])
})

test('localKeySet rejects unknown kid', async () => {
  const keySet = await localKeySet({ keys: [es256A.jwk] })
  const token = await tokenFor(es256A, 'rotated')

  await assert.rejects(verifyJwt(token, keySet, { now: NOW }), noMatchingKey('ES256', 'rotated'))
  if (isSynchronousBackend()) {
    assert.throws(
      () => createVerifier(keySet, { now: NOW })(token),
      noMatchingKey('ES256', 'rotated'),
    )
  }
})

test('localKeySet treats proto kids as data', async () => {
  const proto = await issuerKey('ES256', '__proto__')
  const keySet = await localKeySet({ keys: [es256A.jwk, proto.jwk] })

  assert.equal(
    (await verifyJwt(await tokenFor(proto), keySet, { now: NOW })).header.kid,
    '__proto__',
  )
  for (const kid of ['constructor', 'toString', 'hasOwnProperty']) {
    assert.deepEqual(keySet({ alg: 'ES256', kid }), [], kid)
  }
})

test('localKeySet skips use enc key', async () => {
  const encrypting = await issuerKey('ES256', 'enc')
  const keySet = await localKeySet({ keys: [{ ...encrypting.jwk, use: 'enc' }, es256A.jwk] })

  assert.deepEqual(keySet.skipped, [
    {
      index: 0,
      kid: 'enc',
      code: 'KEY_INVALID',
      message: 'The key is marked use "enc" and cannot verify.',
    },
  ])
  await assert.rejects(
    verifyJwt(await tokenFor(encrypting), keySet, { now: NOW }),
    noMatchingKey('ES256', 'enc'),
  )
})

test('localKeySet honours key_ops', async () => {
  const encryptOnly = await issuerKey('ES256', 'encrypt-only')
  const verifyOnly = await issuerKey('ES256', 'verify-only')
  const keySet = await localKeySet({
    keys: [
      { ...encryptOnly.jwk, key_ops: ['encrypt'] },
      { ...verifyOnly.jwk, key_ops: ['verify'] },
    ],
  })

  assert.deepEqual(keySet.skipped, [
    {
      index: 0,
      kid: 'encrypt-only',
      code: 'KEY_INVALID',
      message: `The key's key_ops do not include "verify".`,
    },
  ])
  await assert.rejects(
    verifyJwt(await tokenFor(encryptOnly), keySet, { now: NOW }),
    noMatchingKey('ES256', 'encrypt-only'),
  )
  assert.equal(
    (await verifyJwt(await tokenFor(verifyOnly), keySet, { now: NOW })).header.kid,
    'verify-only',
  )
})

test('localKeySet binds alg-less keys by type', async () => {
  const rsaNoAlg = await issuerKey('PS256', 'rsa')
  const ecNoAlg = await issuerKey('ES256', 'ec')
  const octJwk: Jwk = { kty: 'oct', kid: 'oct', k: Buffer.from(SECRET).toString('base64url') }
  const keySet = await localKeySet(
    { keys: [without(rsaNoAlg.jwk, 'alg'), without(ecNoAlg.jwk, 'alg'), octJwk] },
    { algorithms: ['RS256', 'PS256', 'ES256', 'ES384', 'HS256', 'HS512'] },
  )

  assert.deepEqual(
    keySet.keys.map((key) => [key.kid, key.alg]),
    [
      ['rsa', 'RS256'],
      ['rsa', 'PS256'],
      ['ec', 'ES256'],
      ['oct', 'HS256'],
    ],
  )
  assert.deepEqual(keySet.skipped, [])
  assert.equal(
    (await verifyJwt(await tokenFor(rsaNoAlg), keySet, { now: NOW })).header.alg,
    'PS256',
  )
  assert.equal((await verifyJwt(await tokenFor(ecNoAlg), keySet, { now: NOW })).header.alg, 'ES256')
})

test('localKeySet never lends oct key to RS256', async () => {
  const octJwk: Jwk = { kty: 'oct', kid: 'oct', k: Buffer.from(SECRET).toString('base64url') }
  const keySet = await localKeySet({ keys: [octJwk] }, { algorithms: ['RS256', 'HS256'] })
  const rs256 = `${segment({ alg: 'RS256', kid: 'oct' })}.${segment(CLAIMS)}.${'A'.repeat(342)}`
  const hs256 = rawHs256(
    JSON.stringify({ alg: 'HS256', kid: 'oct' }),
    JSON.stringify(CLAIMS),
    SECRET,
  )

  assert.deepEqual(keySet({ alg: 'RS256', kid: 'oct' }), [])
  await assert.rejects(verifyJwt(rs256, keySet, { now: NOW }), noMatchingKey('RS256', 'oct'))
  assert.equal((await verifyJwt(hs256, keySet, { now: NOW })).header.alg, 'HS256')
})

test('localKeySet never lends RSA key to HS256', async () => {
  const keySet = await localKeySet(
    { keys: [without(rsa.jwk, 'alg')] },
    { algorithms: ['RS256', 'HS256'] },
  )
  // The classic confusion: an HMAC over the token made with the public key's bytes as secret.
  const publicBytes = new TextEncoder().encode(JSON.stringify(rsa.jwk))
  const forged = rawHs256(
    JSON.stringify({ alg: 'HS256', kid: 'rsa' }),
    JSON.stringify(CLAIMS),
    publicBytes,
  )

  assert.deepEqual(keySet({ alg: 'HS256', kid: 'rsa' }), [])
  await assert.rejects(verifyJwt(forged, keySet, { now: NOW }), noMatchingKey('HS256', 'rsa'))
  assert.equal((await verifyJwt(await tokenFor(rsa), keySet, { now: NOW })).header.alg, 'RS256')
})

test('localKeySet skips alg-less key without algorithms', async () => {
  const keySet = await localKeySet({ keys: [without(es256A.jwk, 'alg')] })

  assert.deepEqual(keySet.keys, [])
  assert.deepEqual(keySet.skipped, [
    {
      index: 0,
      kid: 'a',
      code: 'OPTION_INVALID',
      message:
        'The JWK has no "alg" member and the key set\'s "algorithms" option lists no algorithm for its key type; list the algorithms this key may verify there.',
    },
  ])
})

test('localKeySet skips alg-less key of other type', async () => {
  const octJwk: Jwk = { kty: 'oct', kid: 'oct', k: Buffer.from(SECRET).toString('base64url') }
  const keySet = await localKeySet(
    { keys: [octJwk, without(rsa.jwk, 'alg')] },
    { algorithms: ['RS256', 'ES256'] },
  )

  assert.deepEqual(
    keySet.keys.map((key) => [key.kid, key.alg]),
    [['rsa', 'RS256']],
  )
  assert.deepEqual(keySet.skipped, [
    {
      index: 0,
      kid: 'oct',
      code: 'OPTION_INVALID',
      message:
        'The JWK has no "alg" member and the key set\'s "algorithms" option lists no algorithm for its key type; list the algorithms this key may verify there.',
    },
  ])
})

test('localKeySet skips non-JWS algorithms', async () => {
  const encryption = { ...without(rsa.jwk, 'alg'), kid: 'wrap', alg: 'RSA-OAEP' }
  const keySet = await localKeySet({
    keys: [encryption, { ...es256A.jwk, kid: 'none', alg: 'none' }, es256A.jwk],
  })

  assert.deepEqual(keySet.skipped, [
    {
      index: 0,
      kid: 'wrap',
      code: 'ALG_UNSUPPORTED',
      message:
        'The JWK\'s alg "RSA-OAEP" is not a supported JWS algorithm, so the key cannot verify signatures.',
    },
    {
      index: 1,
      kid: 'none',
      code: 'ALG_UNSUPPORTED',
      message:
        'The JWK\'s alg "none" is not a supported JWS algorithm, so the key cannot verify signatures.',
    },
  ])
  assert.deepEqual(
    keySet.keys.map((key) => key.kid),
    ['a'],
  )
})

test('localKeySet skips alg outside algorithms', async () => {
  const keySet = await localKeySet({ keys: [rsa.jwk, es256A.jwk] }, { algorithms: ['ES256'] })

  assert.deepEqual(
    keySet.keys.map((key) => key.kid),
    ['a'],
  )
  assert.deepEqual(keySet.skipped, [
    {
      index: 0,
      kid: 'rsa',
      code: 'ALG_NOT_ALLOWED',
      message: `The JWK's alg "RS256" is not in the key set's "algorithms" option.`,
    },
  ])
})

test('localKeySet bounds keys without kid', async () => {
  const issuers = await Promise.all([0, 1, 2, 3, 4].map(() => issuerKey('ES256', undefined)))
  const jwks = { keys: issuers.map((issuer) => issuer.jwk) }
  const defaults = recording(await localKeySet(jwks))
  const narrow = recording(await localKeySet(jwks, { maxKeyCandidates: 2 }))
  const wide = await localKeySet(jwks, { maxKeyCandidates: 5 })
  const fourth = await tokenFor(issuers[3]!)
  const untried = (count: number) =>
    jotError(
      'SIGNATURE_INVALID',
      `The signature is invalid with each of the ${String(count)} ES256 keys tried. The token has no "kid", so at most maxKeyCandidates keys are tried, a limit of both the key set and the verifier; give tokens a "kid", or raise both limits.`,
    )

  await assert.rejects(verifyJwt(fourth, defaults.resolver, { now: NOW }), untried(3))
  assert.deepEqual(defaults.handed, defaults.resolver.keys.slice(0, 3))
  await assert.rejects(
    verifyJwt(await tokenFor(issuers[2]!), narrow.resolver, { now: NOW }),
    untried(2),
  )
  assert.deepEqual(narrow.handed, narrow.resolver.keys.slice(0, 2))
  assert.equal(
    (await verifyJwt(await tokenFor(issuers[1]!), narrow.resolver, { now: NOW })).header.alg,
    'ES256',
  )
  // The verifier's own limit (default 3) applies on top of the set's.
  await assert.rejects(verifyJwt(fourth, wide, { now: NOW }), untried(3))
  assert.equal(
    (await verifyJwt(fourth, wide, { now: NOW, maxKeyCandidates: 5 })).header.alg,
    'ES256',
  )
})

test('localKeySet hands over one of 1000 keys', async () => {
  const issuers = await Promise.all(
    Array.from({ length: 1000 }, (_, i) => issuerKey('Ed25519', `key-${i}`)),
  )
  const keySet = await localKeySet({ keys: issuers.map((issuer) => issuer.jwk) })
  const { resolver, handed } = recording(keySet)

  const result = await verifyJwt(await tokenFor(issuers[737]!), resolver, { now: NOW })
  assert.equal(result.header.kid, 'key-737')
  assert.equal(keySet.keys.length, 1000)
  assert.equal(handed.length, 1)
  assert.equal(handed[0], keySet.keys[737])
})

test('localKeySet skips keys that fail import', async () => {
  const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
    format: 'jwk',
  })
  const offCurve = { ...es256B.jwk, kid: 'off-curve', y: es256B.jwk.x }
  const keySet = await localKeySet({
    keys: [
      { ...weak, alg: 'RS256', kid: 'weak' },
      offCurve,
      42,
      es256A.jwk,
      { kty: 'RSA-OAEP', alg: 'RS256' },
    ],
  } as never)

  assert.deepEqual(keySet.skipped, [
    {
      index: 0,
      kid: 'weak',
      code: 'KEY_INVALID',
      message: 'The RSA key has a 1024-bit modulus; RS256 needs at least 2048 bits.',
    },
    { index: 1, kid: 'off-curve', code: 'KEY_INVALID', message: 'The EC JWK is not a valid key.' },
    {
      index: 2,
      kid: undefined,
      code: 'KEY_INVALID',
      message: 'The JWK Set entry is a number, not a JWK.',
    },
    {
      index: 4,
      kid: undefined,
      code: 'KEY_UNSUPPORTED',
      message: 'The JWK key type "RSA-OAEP" is not supported; jot reads RSA, EC, OKP and oct keys.',
    },
  ])
  assert.deepEqual(
    keySet.keys.map((key) => key.kid),
    ['a'],
  )
  assert.equal((await verifyJwt(await tokenFor(es256A), keySet, { now: NOW })).header.kid, 'a')
})

test('localKeySet keeps public half only', async () => {
  const { privateKey } = await generateKeyPair('ES256', { kid: 'private', extractable: true })
  const keySet = await localKeySet({ keys: [await exportJwk(privateKey)] })

  assert.deepEqual(
    keySet.keys.map((key) => [key.kind, key.kid]),
    [['public', 'private']],
  )
  const token = await tokenFor({ privateKey, jwk: await exportPublicJwk(privateKey) })
  assert.equal((await verifyJwt(token, keySet, { now: NOW })).header.kid, 'private')
})

test('localKeySet skips private key limited to sign', async () => {
  const { privateKey } = await generateKeyPair('ES256', { kid: 'signer', extractable: true })
  const keySet = await localKeySet({
    keys: [{ ...(await exportJwk(privateKey)), key_ops: ['sign'] }],
  })

  assert.deepEqual(keySet.keys, [])
  assert.deepEqual(keySet.skipped, [
    {
      index: 0,
      kid: 'signer',
      code: 'KEY_INVALID',
      message: `The key's key_ops do not include "verify".`,
    },
  ])
})

test('localKeySet rejects malformed sets', async () => {
  const cases: [unknown, string][] = [
    ['{"keys":[]}', 'The JWK Set must be an object with a "keys" array, not a string.'],
    [null, 'The JWK Set must be an object with a "keys" array, not null.'],
    [[es256A.jwk], 'The JWK Set must be an object with a "keys" array, not an array.'],
    [{}, 'The JWK Set has no "keys" member.'],
    [
      { keys: { a: es256A.jwk } },
      'The "keys" member of the JWK Set must be an array, not an object.',
    ],
    [JSON.parse('{"__proto__":{"keys":[]}}'), 'The JWK Set has no "keys" member.'],
  ]
  for (const [jwks, message] of cases) {
    await assert.rejects(localKeySet(jwks as never), jotError('JWKS_INVALID', message), message)
  }
})

test('localKeySet accepts empty set', async () => {
  const keySet = await localKeySet({ keys: [] })

  assert.deepEqual([keySet.keys, keySet.skipped], [[], []])
  await assert.rejects(
    verifyJwt(await tokenFor(es256A), keySet, { now: NOW }),
    noMatchingKey('ES256', 'a'),
  )
})

test('localKeySet rejects bad options', async () => {
  const jwks = { keys: [es256A.jwk] }
  const cases: [unknown, string][] = [
    ['ES256', 'The options of localKeySet must be an object, not a string.'],
    [{ timeoutMs: 5 }, 'localKeySet has no option "timeoutMs".'],
    [
      { algorithms: [] },
      'The "algorithms" option of localKeySet must be a non-empty array of JWS algorithm names.',
    ],
    [
      { algorithms: 'ES256' },
      'The "algorithms" option of localKeySet must be a non-empty array of JWS algorithm names.',
    ],
    [
      { algorithms: ['none'] },
      'The "algorithms" option of localKeySet lists "none", which is not a supported JWS algorithm.',
    ],
    [
      { algorithms: [256] },
      'The "algorithms" option of localKeySet lists a number, which is not a supported JWS algorithm.',
    ],
    [
      { maxKeyCandidates: 0 },
      'The "maxKeyCandidates" option of localKeySet must be a whole number from 1 to 100, not 0.',
    ],
    [
      { maxKeyCandidates: 1.5 },
      'The "maxKeyCandidates" option of localKeySet must be a whole number from 1 to 100, not 1.5.',
    ],
    [
      { maxKeyCandidates: 101 },
      'The "maxKeyCandidates" option of localKeySet must be a whole number from 1 to 100, not 101.',
    ],
    [
      { maxKeyCandidates: Number.NaN },
      'The "maxKeyCandidates" option of localKeySet must be a whole number from 1 to 100, not NaN.',
    ],
    [
      { maxKeyCandidates: '3' },
      'The "maxKeyCandidates" option of localKeySet must be a whole number from 1 to 100, not a string.',
    ],
  ]
  for (const [options, message] of cases) {
    await assert.rejects(
      localKeySet(jwks, options as never),
      jotError('OPTION_INVALID', message),
      message,
    )
  }
})
