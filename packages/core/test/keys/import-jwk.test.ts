import { test } from 'node:test'
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { JotError, exportJwk, importJwk } from '../../src/index.js'
import type { JwsAlgorithm, Jwk } from '../../src/index.js'
import { assertKeyUsable } from '../../src/keys/key.js'
import { describeKey, expectedJwks, jotError, jwsVectors, publicPart } from './helpers.js'

const rsaPrivate = expectedJwks['rsa-2048']
const rsaPublic = publicPart(rsaPrivate)
const ecPrivate = expectedJwks['ec-p256']
const ecPublic = publicPart(ecPrivate)
const edPrivate = expectedJwks['ed25519']

function reencode(text: string, change: (bytes: Buffer) => void): string {
  const bytes = Buffer.from(text, 'base64url')
  change(bytes)
  return bytes.toString('base64url')
}

function withoutFirstByte(text: string): string {
  return Buffer.from(text, 'base64url').subarray(1).toString('base64url')
}

function withLeadingZero(text: string): string {
  return Buffer.concat([Buffer.from([0]), Buffer.from(text, 'base64url')]).toString('base64url')
}

test('vector file path resolves', () => {
  assert.ok(jwsVectors.length >= 8)
})

for (const vector of jwsVectors.filter((v) => v.key.kty !== 'AKP')) {
  test(`importJwk round trip ${vector.source}`, async () => {
    const key = await importJwk(vector.key, { alg: vector.alg as JwsAlgorithm })
    assert.deepEqual(await exportJwk(key), { ...vector.key, alg: vector.alg })
  })
}

for (const vector of jwsVectors.filter((v) => v.key.kty === 'AKP')) {
  test(`importJwk rejects ${vector.name} key type`, async () => {
    await assert.rejects(
      importJwk(vector.key),
      jotError(
        'KEY_UNSUPPORTED',
        'The JWK key type "AKP" is not supported; jot reads RSA, EC, OKP and oct keys.',
      ),
    )
  })
}

test('importJwk RSA public key', async () => {
  const key = await importJwk(rsaPublic, { alg: 'PS256' })
  assert.deepEqual(describeKey(key), {
    kind: 'public',
    kty: 'RSA',
    crv: undefined,
    bits: 2048,
    alg: 'PS256',
    kid: undefined,
    use: undefined,
    keyOps: undefined,
    extractable: true,
  })
  assert.deepEqual(await exportJwk(key), { ...rsaPublic, alg: 'PS256' })
})

test('importJwk RSA private key with CRT members', async () => {
  const key = await importJwk({ ...rsaPrivate, kid: 'r1' }, { alg: 'RS384' })
  assert.equal(key.kind, 'private')
  assert.deepEqual(await exportJwk(key), { ...rsaPrivate, kid: 'r1', alg: 'RS384' })
})

test('importJwk EC keys on every curve', async () => {
  const curves = [
    ['P-256', 'ES256', 'prime256v1', 256],
    ['P-384', 'ES384', 'secp384r1', 384],
    ['P-521', 'ES512', 'secp521r1', 521],
    ['secp256k1', 'ES256K', 'secp256k1', 256],
  ] as const
  for (const [crv, alg, namedCurve, bits] of curves) {
    const jwk = generateKeyPairSync('ec', { namedCurve }).privateKey.export({ format: 'jwk' })
    const privateKey = await importJwk(jwk, { alg })
    const publicKey = await importJwk(publicPart(jwk as Record<string, string>), { alg })
    assert.deepEqual([privateKey.kind, privateKey.crv, privateKey.bits], ['private', crv, bits])
    assert.deepEqual([publicKey.kind, publicKey.crv, publicKey.bits], ['public', crv, bits])
    assert.deepEqual(await exportJwk(privateKey), { ...jwk, alg })
  }
})

test('importJwk OKP keys for EdDSA', async () => {
  for (const type of ['ed25519', 'ed448'] as const) {
    const jwk = generateKeyPairSync(type as 'ed25519').privateKey.export({ format: 'jwk' })
    const key = await importJwk(jwk, { alg: 'EdDSA' })
    assert.equal(key.crv, type === 'ed25519' ? 'Ed25519' : 'Ed448')
    assert.deepEqual(await exportJwk(key), { ...jwk, alg: 'EdDSA' })
  }
  const fullySpecified = await importJwk(edPrivate, { alg: 'Ed25519' })
  assert.deepEqual(await exportJwk(fullySpecified), { ...edPrivate, alg: 'Ed25519' })
})

test('importJwk carries kid use and key_ops', async () => {
  const jwk = { ...ecPublic, kid: 'k-1', use: 'sig', key_ops: ['verify'], alg: 'ES256' }
  const key = await importJwk(jwk)
  assert.deepEqual(describeKey(key), {
    kind: 'public',
    kty: 'EC',
    crv: 'P-256',
    bits: 256,
    alg: 'ES256',
    kid: 'k-1',
    use: 'sig',
    keyOps: ['verify'],
    extractable: true,
  })
  assert.deepEqual(await exportJwk(key), jwk)
})

test('importJwk takes the alg option when equal', async () => {
  const key = await importJwk({ ...ecPublic, alg: 'ES256' }, { alg: 'ES256' })
  assert.equal(key.alg, 'ES256')
})

test('importJwk enc key refused at use', async () => {
  const key = await importJwk({ ...ecPrivate, use: 'enc' }, { alg: 'ES256' })
  assert.equal(key.use, 'enc')
  assert.throws(
    () => {
      assertKeyUsable(key, 'ES256', 'sign')
    },
    jotError('KEY_INVALID', 'The key is marked use "enc" and cannot sign.'),
  )
})

test('importJwk ignores unknown and inherited members', async () => {
  const withExtras = { ...ecPublic, ext: true, custom: { nested: 1 } }
  assert.equal((await importJwk(withExtras, { alg: 'ES256' })).alg, 'ES256')
  const missingAlg = jotError(
    'OPTION_INVALID',
    `The JWK has no "alg" member; pass the algorithm to bind the key to, for example importJwk(jwk, { alg: 'ES256' }).`,
  )
  const prototype = { alg: 'ES256' }
  const inherited = Object.assign(Object.create(prototype) as Record<string, unknown>, ecPublic)
  await assert.rejects(importJwk(inherited), missingAlg)
  const text = `{"__proto__":{"alg":"ES256"},${JSON.stringify(ecPublic).slice(1)}`
  await assert.rejects(importJwk(JSON.parse(text) as Record<string, unknown>), missingAlg)
})

test('importJwk wraps node errors with cause', async () => {
  const offCurve = {
    ...ecPublic,
    y: reencode(ecPublic['y']!, (bytes) => {
      bytes[10]! ^= 1
    }),
  }
  await assert.rejects(importJwk(offCurve, { alg: 'ES256' }), (error: unknown) => {
    assert.ok(error instanceof JotError)
    assert.equal(error.code, 'KEY_INVALID')
    assert.equal(error.message, 'The EC JWK is not a valid key.')
    assert.ok(error.cause instanceof Error)
    return true
  })
})

const badOptions: [string, unknown, string, string][] = [
  [
    'options not object',
    'ES256',
    'OPTION_INVALID',
    'The options of importJwk must be an object, not a string.',
  ],
  [
    'options Map',
    new Map([['alg', 'ES256']]),
    'OPTION_INVALID',
    'The options of importJwk must be an object, not an instance of Map.',
  ],
  ['options null', null, 'OPTION_INVALID', 'The options of importJwk must be an object, not null.'],
  [
    'unknown option',
    { alg: 'ES256', kid: 'x' },
    'OPTION_INVALID',
    'importJwk has no option "kid".',
  ],
  [
    'alg not string',
    { alg: 256 },
    'OPTION_INVALID',
    'The alg option of importJwk must be a string, not a number.',
  ],
  [
    'extractable not boolean',
    { alg: 'ES256', extractable: 'no' },
    'OPTION_INVALID',
    'The extractable option of importJwk must be a boolean, not a string.',
  ],
  [
    'unknown alg',
    { alg: 'ES999' },
    'ALG_UNSUPPORTED',
    'The JWS algorithm "ES999" is not supported.',
  ],
]

for (const [name, options, code, message] of badOptions) {
  test(`importJwk rejects ${name}`, async () => {
    await assert.rejects(
      importJwk(ecPublic, options as { alg: JwsAlgorithm }),
      jotError(code as 'OPTION_INVALID', message),
    )
  })
}

const badArguments: [string, unknown, string][] = [
  ['string', JSON.stringify(ecPublic), 'importJwk expects a JWK object, not a string.'],
  ['null', null, 'importJwk expects a JWK object, not null.'],
  ['array', [ecPublic], 'importJwk expects a JWK object, not an array.'],
  ['bytes', new Uint8Array(4), 'importJwk expects a JWK object, not a Uint8Array.'],
]

for (const [name, value, message] of badArguments) {
  test(`importJwk rejects ${name} argument`, async () => {
    await assert.rejects(
      importJwk(value as Jwk, { alg: 'ES256' }),
      jotError('ARGUMENT_INVALID', message),
    )
  })
}

test('importJwk rejects JotKey argument', async () => {
  const key = await importJwk(ecPublic, { alg: 'ES256' })
  await assert.rejects(
    importJwk(key as unknown as Jwk, { alg: 'ES256' }),
    jotError('ARGUMENT_INVALID', 'importJwk expects a JWK object, not a JotKey.'),
  )
})

const rsaNoCrt = { kty: 'RSA', n: rsaPrivate['n']!, e: 'AQAB', d: rsaPrivate['d']! }
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  format: 'jwk',
}) as Record<string, string>

const badJwks: [string, Record<string, unknown>, string, string, string][] = [
  [
    'missing kty',
    { ...ecPublic, kty: undefined },
    'ES256',
    'KEY_INVALID',
    'The JWK has no "kty" member.',
  ],
  [
    'kty not string',
    { ...ecPublic, kty: 1 },
    'ES256',
    'KEY_INVALID',
    'The JWK member "kty" must be a string, not a number.',
  ],
  [
    'kid not string',
    { ...ecPublic, kid: 7 },
    'ES256',
    'KEY_INVALID',
    'The JWK member "kid" must be a string, not a number.',
  ],
  [
    'x not string',
    { ...ecPublic, x: null },
    'ES256',
    'KEY_INVALID',
    'The JWK member "x" must be a string, not null.',
  ],
  [
    'alg not string',
    { ...ecPublic, alg: ['ES256'] },
    'ES256',
    'KEY_INVALID',
    'The JWK member "alg" must be a string, not an array.',
  ],
  [
    'key_ops not array',
    { ...ecPublic, key_ops: 'verify' },
    'ES256',
    'KEY_INVALID',
    'The JWK member "key_ops" must be an array of strings.',
  ],
  [
    'key_ops non-string',
    { ...ecPublic, key_ops: [1] },
    'ES256',
    'KEY_INVALID',
    'The JWK member "key_ops" must be an array of strings.',
  ],
  [
    'key_ops duplicate',
    { ...ecPublic, key_ops: ['verify', 'verify'] },
    'ES256',
    'KEY_INVALID',
    'The JWK member "key_ops" lists an operation twice.',
  ],
  [
    'key_ops unknown',
    { ...ecPublic, key_ops: ['fly'] },
    'ES256',
    'KEY_UNSUPPORTED',
    'The JWK key_ops value "fly" is not supported.',
  ],
  [
    'use and key_ops conflict',
    { ...ecPublic, use: 'sig', key_ops: ['encrypt'] },
    'ES256',
    'KEY_INVALID',
    'The JWK has use "sig" but key_ops "encrypt".',
  ],
  [
    'unknown use',
    { ...ecPublic, use: 'tls' },
    'ES256',
    'KEY_UNSUPPORTED',
    'The JWK use "tls" is not supported; expected "sig" or "enc".',
  ],
  [
    'x5c not base64',
    { ...ecPublic, x5c: ['MII*'] },
    'ES256',
    'KEY_INVALID',
    'The JWK member "x5c" must hold standard base64 strings.',
  ],
  [
    'x5t wrong length',
    { ...ecPublic, x5t: 'AAAA' },
    'ES256',
    'KEY_INVALID',
    'The JWK member "x5t" must be 20 bytes long.',
  ],
  [
    'oth not array',
    { ...rsaPublic, oth: 'x' },
    'RS256',
    'KEY_INVALID',
    'The JWK member "oth" must be an array.',
  ],
  [
    'unknown kty',
    { kty: 'DSA' },
    'RS256',
    'KEY_UNSUPPORTED',
    'The JWK key type "DSA" is not supported; jot reads RSA, EC, OKP and oct keys.',
  ],
  [
    'missing crv',
    { ...ecPublic, crv: undefined },
    'ES256',
    'KEY_INVALID',
    'The EC JWK has no "crv" member.',
  ],
  [
    'unknown curve',
    { ...ecPublic, crv: 'P-192' },
    'ES256',
    'KEY_UNSUPPORTED',
    'The EC curve "P-192" is not supported.',
  ],
  [
    'OKP curve on EC',
    { ...ecPublic, crv: 'Ed25519' },
    'ES256',
    'KEY_UNSUPPORTED',
    'The EC curve "Ed25519" is not supported.',
  ],
  [
    'missing y',
    { ...ecPublic, y: undefined },
    'ES256',
    'KEY_INVALID',
    'The EC JWK has no "y" member.',
  ],
  [
    'short x',
    { ...ecPublic, x: withoutFirstByte(ecPublic['x']!) },
    'ES256',
    'KEY_INVALID',
    'The JWK member "x" must be 32 bytes for P-256, not 31.',
  ],
  [
    'short d',
    { ...ecPrivate, d: withoutFirstByte(ecPrivate['d']!) },
    'ES256',
    'KEY_INVALID',
    'The JWK member "d" must be 32 bytes for P-256, not 31.',
  ],
  [
    'short OKP x',
    { ...edPrivate, x: withoutFirstByte(edPrivate['x']!) },
    'EdDSA',
    'KEY_INVALID',
    'The JWK member "x" must be 32 bytes for Ed25519, not 31.',
  ],
  [
    'padded member',
    { ...ecPublic, x: `${ecPublic['x']!}=` },
    'ES256',
    'KEY_INVALID',
    'The JWK member "x" is not canonical unpadded base64url.',
  ],
  [
    'standard alphabet',
    { ...ecPublic, x: `+${ecPublic['x']!.slice(1)}` },
    'ES256',
    'KEY_INVALID',
    'The JWK member "x" is not canonical unpadded base64url.',
  ],
  [
    'white space',
    { ...rsaPublic, n: `${rsaPublic['n']!.slice(0, 40)}\n${rsaPublic['n']!.slice(40)}` },
    'RS256',
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
  [
    'stray bits',
    { ...ecPublic, y: ecPublic['y']!.slice(0, -1) + 'B' },
    'ES256',
    'KEY_INVALID',
    'The JWK member "y" is not canonical unpadded base64url.',
  ],
  [
    'missing n',
    { kty: 'RSA', e: 'AQAB' },
    'RS256',
    'KEY_INVALID',
    'The RSA JWK has no "n" member.',
  ],
  [
    'n with leading zero',
    { ...rsaPublic, n: withLeadingZero(rsaPublic['n']!) },
    'RS256',
    'KEY_INVALID',
    'The JWK member "n" must be a positive integer without leading zero octets.',
  ],
  [
    'empty e',
    { ...rsaPublic, e: '' },
    'RS256',
    'KEY_INVALID',
    'The JWK member "e" must be a positive integer without leading zero octets.',
  ],
  [
    'RSA d without CRT',
    rsaNoCrt,
    'RS256',
    'KEY_UNSUPPORTED',
    'RSA private JWKs without p, q, dp, dq and qi are not supported.',
  ],
  [
    'RSA partial CRT',
    { ...rsaPrivate, qi: undefined },
    'RS256',
    'KEY_INVALID',
    'The RSA private JWK has no "qi" member.',
  ],
  [
    'RSA CRT without d',
    { ...rsaPublic, p: rsaPrivate['p'] },
    'RS256',
    'KEY_INVALID',
    'The RSA JWK has "p" but no "d" member.',
  ],
  [
    'RSA foreign primes',
    { ...rsaPrivate, p: otherRsa['p'], q: otherRsa['q'] },
    'RS256',
    'KEY_INVALID',
    'The RSA private JWK is inconsistent: p times q is not n.',
  ],
  [
    'multi-prime RSA',
    { ...rsaPrivate, oth: [] },
    'RS256',
    'KEY_UNSUPPORTED',
    'Multi-prime RSA keys (the "oth" member) are not supported.',
  ],
  [
    'huge RSA modulus',
    { ...rsaPublic, n: Buffer.alloc(2049, 1).toString('base64url') },
    'RS256',
    'KEY_UNSUPPORTED',
    'RSA keys larger than 16384 bits are not supported.',
  ],
  [
    'e above 2^32',
    { ...rsaPublic, e: 'AQAAAAE' },
    'RS256',
    'KEY_INVALID',
    'The RSA public exponent exceeds 2^32; it must be odd, greater than 1 and at most 2^32.',
  ],
  ['missing k', { kty: 'oct' }, 'HS256', 'KEY_INVALID', 'The oct JWK has no "k" member.'],
  [
    'empty k',
    { kty: 'oct', k: '' },
    'HS256',
    'KEY_INVALID',
    'The oct JWK has an empty "k" member.',
  ],
  [
    'X25519 key',
    { kty: 'OKP', crv: 'X25519', x: edPrivate['x'] },
    'EdDSA',
    'KEY_INVALID',
    'The algorithm EdDSA needs a key on curve Ed25519 or Ed448, not X25519.',
  ],
  [
    'Ed448 key for Ed25519',
    { kty: 'OKP', crv: 'Ed448', x: Buffer.alloc(57, 1).toString('base64url') },
    'Ed25519',
    'KEY_INVALID',
    'The algorithm Ed25519 needs a key on curve Ed25519, not Ed448.',
  ],
  [
    'EC key for EdDSA',
    ecPublic,
    'EdDSA',
    'KEY_INVALID',
    'The algorithm EdDSA needs an OKP key, not an EC key.',
  ],
]

for (const [name, jwk, alg, code, message] of badJwks) {
  test(`importJwk rejects ${name}`, async () => {
    await assert.rejects(
      importJwk(jwk, { alg: alg as JwsAlgorithm }),
      jotError(code as 'KEY_INVALID', message),
    )
  })
}

test('importJwk rejects mismatched private x', async () => {
  const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({
    format: 'jwk',
  })
  await assert.rejects(
    importJwk({ ...ecPrivate, x: other.x!, y: other.y! }, { alg: 'ES256' }),
    jotError('KEY_INVALID', `The private JWK's public members do not match its private key "d".`),
  )
  await assert.rejects(
    importJwk(
      {
        ...edPrivate,
        x: publicPart(
          generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as Record<
            string,
            string
          >,
        )['x']!,
      },
      { alg: 'EdDSA' },
    ),
    jotError('KEY_INVALID', `The private JWK's public members do not match its private key "d".`),
  )
})
