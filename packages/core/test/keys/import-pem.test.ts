import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createPrivateKey, generateKeyPairSync } from 'node:crypto'
import { exportJwk, importPem } from '../../src/index.js'
import type { ImportPemOptions, JwsAlgorithm } from '../../src/index.js'
import { describeKey, expectedJwks, jotError, publicPart, readKeyFixture } from './helpers.js'

const rsaJwk = expectedJwks['rsa-2048']
const ecJwk = expectedJwks['ec-p256']

const imports: [string, string, JwsAlgorithm, Record<string, string>][] = [
  ['SPKI', 'rsa-2048-spki.pem', 'RS256', publicPart(rsaJwk)],
  ['PKCS #8 RSA', 'rsa-2048-pkcs8.pem', 'PS384', rsaJwk],
  ['PKCS #1 private', 'rsa-2048-pkcs1.pem', 'RS512', rsaJwk],
  ['PKCS #1 public', 'rsa-2048-pkcs1-public.pem', 'PS256', publicPart(rsaJwk)],
  ['SEC 1', 'ec-p256-sec1.pem', 'ES256', ecJwk],
  ['PKCS #8 EC', 'ec-p256-pkcs8.pem', 'ES256', ecJwk],
  ['PKCS #8 Ed25519', 'ed25519-pkcs8.pem', 'EdDSA', expectedJwks['ed25519']],
  ['X.509 certificate', 'certificate.pem', 'ES256', publicPart(expectedJwks['certificate'])],
]

for (const [name, file, alg, jwk] of imports) {
  test(`importPem ${name}`, async () => {
    const key = await importPem(readKeyFixture(file), { alg, kid: 'pem-1' })
    assert.deepEqual(await exportJwk(key), { ...jwk, alg, kid: 'pem-1' })
  })
}

test('importPem key attributes', async () => {
  const key = await importPem(readKeyFixture('ec-p256-sec1.pem'), {
    alg: 'ES256',
    extractable: false,
  })
  assert.deepEqual(describeKey(key), {
    kind: 'private',
    kty: 'EC',
    crv: 'P-256',
    bits: 256,
    alg: 'ES256',
    kid: undefined,
    use: undefined,
    keyOps: undefined,
    extractable: false,
  })
})

test('importPem accepts CRLF line ends', async () => {
  const pem = readKeyFixture('rsa-2048-spki.pem').replaceAll('\n', '\r\n')
  const key = await importPem(pem, { alg: 'RS256' })
  assert.deepEqual(await exportJwk(key), { ...publicPart(rsaJwk), alg: 'RS256' })
})

const spki = readKeyFixture('rsa-2048-spki.pem')
const spkiBody = spki.split('\n').slice(1, -2).join('\n')
const weakRsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
  .publicKey.export({ format: 'pem', type: 'spki' })
  .toString()
const p224 = generateKeyPairSync('ec', { namedCurve: 'secp224r1' })
  .publicKey.export({ format: 'pem', type: 'spki' })
  .toString()
// node:crypto keeps the public point it is given, so this PKCS #8 embeds a foreign one.
const otherPoint = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({
  format: 'jwk',
})
const mismatchedPkcs8 = createPrivateKey({
  key: { ...ecJwk, x: otherPoint.x!, y: otherPoint.y! },
  format: 'jwk',
})
  .export({ format: 'pem', type: 'pkcs8' })
  .toString()

const rejections: [string, string, ImportPemOptions, string, string][] = [
  [
    'HS256 with a PEM',
    spki,
    { alg: 'HS256' },
    'KEY_INVALID',
    'A PEM key cannot serve as an HMAC secret for HS256; import HMAC secrets with importSecret or an oct JWK.',
  ],
  [
    'none',
    spki,
    { alg: 'none' as JwsAlgorithm },
    'ALG_NOT_ALLOWED',
    'The algorithm "none" is not allowed.',
  ],
  [
    'unknown alg',
    spki,
    { alg: 'RSA-PSS' as JwsAlgorithm },
    'ALG_UNSUPPORTED',
    'The JWS algorithm "RSA-PSS" is not supported.',
  ],
  [
    'encrypted PKCS #8',
    readKeyFixture('encrypted-pkcs8.pem'),
    { alg: 'ES256' },
    'KEY_UNSUPPORTED',
    'Encrypted PEM keys are not supported; decrypt the key first, for example with openssl pkey.',
  ],
  [
    'encrypted PKCS #1',
    readKeyFixture('encrypted-pkcs1.pem'),
    { alg: 'RS256' },
    'KEY_UNSUPPORTED',
    'Encrypted PEM keys are not supported; decrypt the key first, for example with openssl pkey.',
  ],
  [
    'two blocks',
    spki + readKeyFixture('certificate.pem'),
    { alg: 'RS256' },
    'KEY_INVALID',
    'The PEM text contains 2 blocks; pass exactly one key or certificate.',
  ],
  [
    'no block',
    'not a key',
    { alg: 'RS256' },
    'KEY_INVALID',
    'The PEM text has no "-----BEGIN" line.',
  ],
  [
    'text before block',
    `Key:\n${spki}`,
    { alg: 'RS256' },
    'KEY_INVALID',
    'The PEM text is malformed; it must be one BEGIN and END block with nothing else around it.',
  ],
  [
    'text after block',
    `${spki}trailer`,
    { alg: 'RS256' },
    'KEY_INVALID',
    'The PEM text is malformed; it must be one BEGIN and END block with nothing else around it.',
  ],
  [
    'no END line',
    spki.replace('-----END PUBLIC KEY-----', ''),
    { alg: 'RS256' },
    'KEY_INVALID',
    'The PEM text is malformed; it must be one BEGIN and END block with nothing else around it.',
  ],
  [
    'mismatched END label',
    spki.replace('END PUBLIC', 'END PRIVATE'),
    { alg: 'RS256' },
    'KEY_INVALID',
    'The PEM block begins as "PUBLIC KEY" but ends as "PRIVATE KEY".',
  ],
  [
    'bad base64 body',
    spki.replace(spkiBody.slice(0, 4), 'MI*B'),
    { alg: 'RS256' },
    'KEY_INVALID',
    'The body of the PEM block "PUBLIC KEY" is not valid base64.',
  ],
  [
    'header lines',
    spki.replace('\n', '\nComment: hello\n\n'),
    { alg: 'RS256' },
    'KEY_INVALID',
    'The PEM block "PUBLIC KEY" has header lines, which only encrypted legacy keys use.',
  ],
  [
    'empty body',
    '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n',
    { alg: 'RS256' },
    'KEY_INVALID',
    'The body of the PEM block "PUBLIC KEY" is not valid base64.',
  ],
  [
    'unknown label',
    spki.replaceAll('PUBLIC KEY', 'DSA PRIVATE KEY'),
    { alg: 'RS256' },
    'KEY_UNSUPPORTED',
    'The PEM label "DSA PRIVATE KEY" is not supported; expected PUBLIC KEY, PRIVATE KEY, RSA PUBLIC KEY, RSA PRIVATE KEY, EC PRIVATE KEY or CERTIFICATE.',
  ],
  [
    'wrong structure for label',
    spki.replaceAll('PUBLIC KEY', 'PRIVATE KEY'),
    { alg: 'RS256' },
    'KEY_INVALID',
    'The key data is not a valid PKCS #8 private key.',
  ],
  [
    'garbage DER',
    `-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----`,
    { alg: 'ES256' },
    'KEY_INVALID',
    'The key data is not a valid X.509 certificate.',
  ],
  [
    'RSASSA-PSS key',
    readKeyFixture('rsa-pss-spki.pem'),
    { alg: 'PS256' },
    'KEY_UNSUPPORTED',
    'RSASSA-PSS (id-RSASSA-PSS) keys are not supported; use an rsaEncryption RSA key for PS256, PS384 and PS512.',
  ],
  [
    'X25519 key',
    readKeyFixture('x25519-pkcs8.pem'),
    { alg: 'EdDSA' },
    'KEY_INVALID',
    'The algorithm EdDSA needs a key on curve Ed25519 or Ed448, not X25519.',
  ],
  [
    'DSA key',
    readKeyFixture('dsa-spki.pem'),
    { alg: 'RS256' },
    'KEY_UNSUPPORTED',
    'The key type dsa is not supported.',
  ],
  [
    'unsupported EC curve',
    p224,
    { alg: 'ES256' },
    'KEY_UNSUPPORTED',
    'The EC curve secp224r1 is not supported; use P-256, P-384, P-521 or secp256k1.',
  ],
  [
    '1024-bit RSA',
    weakRsa,
    { alg: 'RS256' },
    'KEY_INVALID',
    'The RSA key has a 1024-bit modulus; RS256 needs at least 2048 bits.',
  ],
  [
    'P-256 key for ES384',
    readKeyFixture('ec-p256-pkcs8.pem'),
    { alg: 'ES384' },
    'KEY_INVALID',
    'The algorithm ES384 needs a key on curve P-384, not P-256.',
  ],
  [
    'RSA key for ES256',
    spki,
    { alg: 'ES256' },
    'KEY_INVALID',
    'The algorithm ES256 needs an EC key, not an RSA key.',
  ],
  [
    'embedded point mismatch',
    mismatchedPkcs8,
    { alg: 'ES256' },
    'KEY_INVALID',
    'The private key does not match the public key it embeds.',
  ],
  [
    'missing alg',
    spki,
    {} as ImportPemOptions,
    'OPTION_INVALID',
    `importPem needs the alg option to bind the key to, for example { alg: 'RS256' }.`,
  ],
  [
    'missing options',
    spki,
    undefined as unknown as ImportPemOptions,
    'OPTION_INVALID',
    `importPem needs the alg option to bind the key to, for example { alg: 'RS256' }.`,
  ],
  [
    'kid not string',
    spki,
    { alg: 'RS256', kid: 1 as unknown as string },
    'OPTION_INVALID',
    'The kid option of importPem must be a string, not a number.',
  ],
  [
    'unknown option',
    spki,
    { alg: 'RS256', use: 'sig' } as ImportPemOptions,
    'OPTION_INVALID',
    'importPem has no option "use".',
  ],
]

for (const [name, pem, options, code, message] of rejections) {
  test(`importPem rejects ${name}`, async () => {
    await assert.rejects(importPem(pem, options), jotError(code as 'KEY_INVALID', message))
  })
}

test('importPem rejects non-string PEM', async () => {
  const bytes = new TextEncoder().encode(spki)
  await assert.rejects(
    importPem(bytes as unknown as string, { alg: 'RS256' }),
    jotError('ARGUMENT_INVALID', 'importPem expects the PEM text as a string, not a Uint8Array.'),
  )
})
