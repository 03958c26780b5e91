import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  JWS_ALGORITHMS,
  exportJwk,
  exportPem,
  exportPublicJwk,
  generateKeyPair,
  importJwk,
  importPem,
} from '../../src/index.js'
import type { Curve, GenerateKeyPairOptions, JotKey, JwsAlgorithm } from '../../src/index.js'
import { signatureBackend } from '../../src/backend/index.js'
import { getJwsAlgorithm } from '../../src/jwa/jws-algorithms.js'
import { describeKey, jotError } from './helpers.js'

const CURVE_BITS: Record<string, number> = {
  'P-256': 256,
  'P-384': 384,
  'P-521': 521,
  secp256k1: 256,
  Ed25519: 255,
  Ed448: 448,
}

const cases: [JwsAlgorithm, Curve | undefined][] = JWS_ALGORITHMS.filter(
  (alg) => !alg.startsWith('HS'),
).map((alg) => [alg, undefined])
cases.push(['EdDSA', 'Ed448'])

async function assertPairWorks(
  alg: JwsAlgorithm,
  privateKey: JotKey,
  publicKey: JotKey,
): Promise<void> {
  const entry = getJwsAlgorithm(alg)
  const data = new TextEncoder().encode('generated key pair')
  const signature = await signatureBackend.sign(entry, privateKey, data)
  assert.equal(await signatureBackend.verify(entry, publicKey, data, signature), true)
}

for (const [alg, crv] of cases) {
  test(`generateKeyPair ${alg}${crv === undefined ? '' : ` ${crv}`} round trips`, async () => {
    const options = crv === undefined ? { kid: 'g1' } : { kid: 'g1', crv }
    const { privateKey, publicKey } = await generateKeyPair(alg, options)
    const entry = getJwsAlgorithm(alg)
    const curve = entry.kty === 'RSA' ? undefined : (crv ?? entry.curves[0])
    const expected = {
      kty: entry.kty,
      crv: curve,
      bits: curve === undefined ? 2048 : CURVE_BITS[curve],
      alg,
      kid: 'g1',
      use: undefined,
      keyOps: undefined,
      extractable: true,
    }
    assert.deepEqual(describeKey(privateKey), { kind: 'private', ...expected })
    assert.deepEqual(describeKey(publicKey), { kind: 'public', ...expected })
    await assertPairWorks(alg, privateKey, publicKey)

    const privateJwk = await exportJwk(privateKey)
    const publicJwk = await exportJwk(publicKey)
    assert.deepEqual(await exportPublicJwk(privateKey), publicJwk)
    assert.deepEqual(await exportJwk(await importJwk(privateJwk)), privateJwk)
    assert.deepEqual(await exportJwk(await importJwk(publicJwk)), publicJwk)

    const fromPrivatePem = await importPem(await exportPem(privateKey), { alg, kid: 'g1' })
    const fromPublicPem = await importPem(await exportPem(publicKey), { alg, kid: 'g1' })
    assert.deepEqual(await exportJwk(fromPrivatePem), privateJwk)
    assert.deepEqual(await exportJwk(fromPublicPem), publicJwk)
  })
}

test('generateKeyPair RSA modulus length', async () => {
  const { privateKey, publicKey } = await generateKeyPair('PS256', { modulusLength: 3072 })
  assert.equal(privateKey.bits, 3072)
  assert.equal(publicKey.bits, 3072)
  await assertPairWorks('PS256', privateKey, publicKey)
})

test('generateKeyPair non-extractable private key', async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: false })
  assert.equal(privateKey.extractable, false)
  assert.equal(publicKey.extractable, true)
  assert.deepEqual(await exportPublicJwk(privateKey), await exportJwk(publicKey))
})

const rejections: [string, JwsAlgorithm, GenerateKeyPairOptions | undefined, string, string][] = [
  [
    'HMAC algorithm',
    'HS256',
    undefined,
    'ARGUMENT_INVALID',
    'generateKeyPair makes asymmetric keys; use generateSecret for HS256.',
  ],
  [
    'none',
    'none' as JwsAlgorithm,
    undefined,
    'ALG_NOT_ALLOWED',
    'The algorithm "none" is not allowed.',
  ],
  [
    'unknown alg',
    'RS1' as JwsAlgorithm,
    undefined,
    'ALG_UNSUPPORTED',
    'The JWS algorithm "RS1" is not supported.',
  ],
  [
    'small modulus',
    'RS256',
    { modulusLength: 1024 },
    'OPTION_INVALID',
    'The modulusLength option must be an integer from 2048 to 16384, not 1024.',
  ],
  [
    'fractional modulus',
    'RS256',
    { modulusLength: 2048.5 },
    'OPTION_INVALID',
    'The modulusLength option must be an integer from 2048 to 16384, not 2048.5.',
  ],
  [
    'huge modulus',
    'RS256',
    { modulusLength: 16392 },
    'OPTION_INVALID',
    'The modulusLength option must be an integer from 2048 to 16384, not 16392.',
  ],
  [
    'NaN modulus',
    'RS256',
    { modulusLength: NaN },
    'OPTION_INVALID',
    'The modulusLength option must be an integer from 2048 to 16384, not NaN.',
  ],
  [
    'string modulus',
    'RS256',
    { modulusLength: '2048' as unknown as number },
    'OPTION_INVALID',
    'The modulusLength option must be an integer from 2048 to 16384, not a string.',
  ],
  [
    'modulus for EC',
    'ES256',
    { modulusLength: 2048 },
    'OPTION_INVALID',
    'The modulusLength option does not apply to ES256.',
  ],
  [
    'crv for RSA',
    'RS256',
    { crv: 'P-256' },
    'OPTION_INVALID',
    'The crv option does not apply to RS256.',
  ],
  [
    'wrong curve for ES256',
    'ES256',
    { crv: 'P-384' },
    'OPTION_INVALID',
    'The crv option of generateKeyPair must be P-256 for ES256, not "P-384".',
  ],
  [
    'X25519 for EdDSA',
    'EdDSA',
    { crv: 'X25519' },
    'OPTION_INVALID',
    'The crv option of generateKeyPair must be Ed25519 or Ed448 for EdDSA, not "X25519".',
  ],
  [
    'crv not string',
    'EdDSA',
    { crv: 25519 as unknown as Curve },
    'OPTION_INVALID',
    'The crv option of generateKeyPair must be a string, not a number.',
  ],
  [
    'kid not string',
    'ES256',
    { kid: {} as string },
    'OPTION_INVALID',
    'The kid option of generateKeyPair must be a string, not an object.',
  ],
  [
    'unknown option',
    'ES256',
    { alg: 'ES256' } as GenerateKeyPairOptions,
    'OPTION_INVALID',
    'generateKeyPair has no option "alg".',
  ],
  [
    'options array',
    'ES256',
    [] as GenerateKeyPairOptions,
    'OPTION_INVALID',
    'The options of generateKeyPair must be an object, not an array.',
  ],
]

for (const [name, alg, options, code, message] of rejections) {
  test(`generateKeyPair rejects ${name}`, async () => {
    await assert.rejects(generateKeyPair(alg, options), jotError(code as 'OPTION_INVALID', message))
  })
}
