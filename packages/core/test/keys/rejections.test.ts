import { test } from 'node:test'
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { exportJwk, exportPem, importJwk, importPem, importSecret } from '../../src/index.js'
import type { JwsAlgorithm } from '../../src/index.js'
import { expectedJwks, jotError, publicPart, readKeyFixture } from './helpers.js'

const rsaPublic = publicPart(expectedJwks['rsa-2048'])
const ecPublic = publicPart(expectedJwks['ec-p256'])
const weakRsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
  format: 'jwk',
})
const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({
  format: 'jwk',
})

function tamperedY(): string {
  const y = Buffer.from(ecPublic['y']!, 'base64url')
  y[0]! ^= 0x40
  return y.toString('base64url')
}

const stringSecret = 'a-password-that-is-long-enough-for-hs256' as unknown as Uint8Array

const cases: [string, () => Promise<unknown>, string, string][] = [
  [
    '1024-bit RSA',
    () => importJwk(weakRsa, { alg: 'RS256' }),
    'KEY_INVALID',
    'The RSA key has a 1024-bit modulus; RS256 needs at least 2048 bits.',
  ],
  [
    'RSA exponent 1',
    () => importJwk({ ...rsaPublic, e: 'AQ' }, { alg: 'RS256' }),
    'KEY_INVALID',
    'The RSA public exponent is 1; it must be odd, greater than 1 and at most 2^32.',
  ],
  [
    'RSA exponent 4',
    () => importJwk({ ...rsaPublic, e: 'BA' }, { alg: 'PS256' }),
    'KEY_INVALID',
    'The RSA public exponent is 4; it must be odd, greater than 1 and at most 2^32.',
  ],
  [
    '31-byte HS256 secret',
    () => importJwk({ kty: 'oct', k: Buffer.alloc(31, 1).toString('base64url') }, { alg: 'HS256' }),
    'KEY_INVALID',
    'The HMAC secret is 31 bytes long; HS256 needs at least 32 bytes, the size of its hash output.',
  ],
  [
    'ES256 with a P-384 JWK',
    () => importJwk(p384, { alg: 'ES256' }),
    'KEY_INVALID',
    'The algorithm ES256 needs a key on curve P-256, not P-384.',
  ],
  [
    'HS256 with an RSA JWK',
    () => importJwk(rsaPublic, { alg: 'HS256' }),
    'KEY_INVALID',
    'The algorithm HS256 needs an oct key, not an RSA key.',
  ],
  [
    'HS256 with a PEM',
    () => importPem(readKeyFixture('rsa-2048-spki.pem'), { alg: 'HS256' }),
    'KEY_INVALID',
    'A PEM key cannot serve as an HMAC secret for HS256; import HMAC secrets with importSecret or an oct JWK.',
  ],
  [
    'off-curve EC point',
    () => importJwk({ ...ecPublic, y: tamperedY() }, { alg: 'ES256' }),
    'KEY_INVALID',
    'The EC JWK is not a valid key.',
  ],
  [
    'non-canonical base64url member',
    () => importJwk({ ...rsaPublic, e: 'AQAB=' }, { alg: 'RS256' }),
    'KEY_INVALID',
    'The JWK member "e" is not canonical unpadded base64url.',
  ],
  [
    'alg mismatch',
    () => importJwk({ ...ecPublic, alg: 'ES256' }, { alg: 'ES384' }),
    'KEY_INVALID',
    `The JWK's alg "ES256" differs from the alg option "ES384".`,
  ],
  [
    'missing alg',
    () => importJwk(ecPublic),
    'OPTION_INVALID',
    `The JWK has no "alg" member; pass the algorithm to bind the key to, for example importJwk(jwk, { alg: 'ES256' }).`,
  ],
  [
    'alg none in JWK',
    () => importJwk({ ...ecPublic, alg: 'none' }),
    'ALG_NOT_ALLOWED',
    'The algorithm "none" is not allowed.',
  ],
  [
    'alg none as option',
    () => importJwk(ecPublic, { alg: 'none' as JwsAlgorithm }),
    'ALG_NOT_ALLOWED',
    'The algorithm "none" is not allowed.',
  ],
  [
    'string secret',
    () => importSecret(stringSecret, { alg: 'HS256' }),
    'ARGUMENT_INVALID',
    'importSecret takes the secret as a Uint8Array, not a string; encode it explicitly, for example with TextEncoder, so no PEM or password is taken for a secret by accident.',
  ],
  [
    'encrypted PEM',
    () => importPem(readKeyFixture('encrypted-pkcs8.pem'), { alg: 'ES256' }),
    'KEY_UNSUPPORTED',
    'Encrypted PEM keys are not supported; decrypt the key first, for example with openssl pkey.',
  ],
  [
    'non-extractable JWK export',
    async () =>
      exportJwk(await importJwk(expectedJwks['ec-p256'], { alg: 'ES256', extractable: false })),
    'KEY_INVALID',
    'The private key is not extractable, so exportJwk cannot reveal its material; exportPublicJwk returns its public part.',
  ],
  [
    'non-extractable PEM export',
    async () =>
      exportPem(
        await importPem(readKeyFixture('rsa-2048-pkcs8.pem'), { alg: 'RS256', extractable: false }),
      ),
    'KEY_INVALID',
    'The private key is not extractable, so exportPem cannot reveal its material; exportPublicJwk returns its public part.',
  ],
]

for (const [name, run, code, message] of cases) {
  test(`key rejection ${name}`, async () => {
    await assert.rejects(run(), jotError(code as 'KEY_INVALID', message))
  })
}
