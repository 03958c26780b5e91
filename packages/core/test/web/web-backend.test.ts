/** What only the Web Crypto backend does: its formats, its refusals, and interop with node:crypto. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicKey, verify as nodeVerify } from 'node:crypto'
import { useBackend } from '../../src/backend/use-backend.js'
import {
  createSigner,
  createVerifier,
  exportJwk,
  exportPem,
  exportPublicJwk,
  generateKeyPair,
  generateSecret,
  importJwk,
  importPem,
  signJwt,
  verifyJwt,
} from '../../src/index.js'
import type { JwsAlgorithm } from '../../src/index.js'
import { expectedJwks, jotError, publicPart, readKeyFixture } from '../keys/helpers.js'
import { NOW } from '../fixtures/tokens.js'

useBackend('web')

const SYNC_MESSAGE = (fn: string) =>
  `${fn} returns a synchronous function, which needs the Node.js crypto backend; with the Web Crypto backend use the async API (signJwt, verifyJwt).`

const pemImports: [string, string, JwsAlgorithm, Record<string, string>][] = [
  ['SPKI RSA', 'rsa-2048-spki.pem', 'RS256', publicPart(expectedJwks['rsa-2048'])],
  ['PKCS #8 RSA', 'rsa-2048-pkcs8.pem', 'PS384', expectedJwks['rsa-2048']],
  ['PKCS #8 EC', 'ec-p256-pkcs8.pem', 'ES256', expectedJwks['ec-p256']],
  ['PKCS #8 Ed25519', 'ed25519-pkcs8.pem', 'EdDSA', expectedJwks['ed25519']],
]

for (const [name, file, alg, jwk] of pemImports) {
  test(`web importPem ${name}`, async () => {
    const key = await importPem(readKeyFixture(file), { alg, kid: 'pem-1' })
    assert.deepEqual(await exportJwk(key), { ...jwk, alg, kid: 'pem-1' })
  })
}

const pemRefusals: [string, string, JwsAlgorithm, string][] = [
  ['PKCS #1 private', 'rsa-2048-pkcs1.pem', 'RS256', 'PKCS #1 RSA private key'],
  ['PKCS #1 public', 'rsa-2048-pkcs1-public.pem', 'RS256', 'PKCS #1 RSA public key'],
  ['SEC 1', 'ec-p256-sec1.pem', 'ES256', 'SEC 1 EC private key'],
  ['X.509', 'certificate.pem', 'ES256', 'X.509 certificate'],
]

for (const [name, file, alg, format] of pemRefusals) {
  test(`web importPem refuses ${name}`, async () => {
    await assert.rejects(
      importPem(readKeyFixture(file), { alg }),
      jotError(
        'KEY_UNSUPPORTED',
        `The Web Crypto backend cannot import a ${format}; convert it to SPKI or PKCS #8 first (for example with openssl pkey).`,
      ),
    )
  })
}

test('web importPem rejects garbage SPKI', async () => {
  const garbage = '-----BEGIN PUBLIC KEY-----\nAAECAwQF\n-----END PUBLIC KEY-----\n'
  await assert.rejects(
    importPem(garbage, { alg: 'ES256' }),
    jotError('KEY_INVALID', 'The key data is not a valid SPKI public key.'),
  )
})

const pemTypeRefusals: [string, string, string][] = [
  ['DSA', 'dsa-spki.pem', 'The key type is not supported.'],
  [
    'RSASSA-PSS',
    'rsa-pss-spki.pem',
    'RSASSA-PSS (id-RSASSA-PSS) keys are not supported; use an rsaEncryption RSA key for PS256, PS384 and PS512.',
  ],
]

for (const [name, file, message] of pemTypeRefusals) {
  test(`web importPem refuses ${name} key`, async () => {
    await assert.rejects(
      importPem(readKeyFixture(file), { alg: 'PS256' }),
      jotError('KEY_UNSUPPORTED', message),
    )
  })
}

test('web importPem X25519 for ECDH-ES', async () => {
  const key = await importPem(readKeyFixture('x25519-pkcs8.pem'), { alg: 'ECDH-ES' })
  assert.deepEqual([key.kind, key.kty, key.crv, key.bits], ['private', 'OKP', 'X25519', 255])
  const jwk = await exportJwk(key)
  assert.deepEqual(Object.keys(jwk).sort(), ['alg', 'crv', 'd', 'kty', 'x'])
  assert.equal(jwk['crv'], 'X25519')
})

test('web exportPem matches the fixtures', async () => {
  for (const file of ['rsa-2048-spki.pem', 'rsa-2048-pkcs8.pem', 'ec-p256-pkcs8.pem']) {
    const text = readKeyFixture(file)
    const alg = file.startsWith('ec') ? 'ES256' : 'RS256'
    assert.equal(await exportPem(await importPem(text, { alg })), text, file)
  }
})

test('web refuses secp256k1', async () => {
  const message =
    'The Web Crypto backend of this runtime does not support the curve secp256k1; use the Node.js backend for it.'
  await assert.rejects(generateKeyPair('ES256K'), jotError('KEY_UNSUPPORTED', message))
  const jwk = {
    kty: 'EC',
    crv: 'secp256k1',
    x: 'eb5mfvncu6xVoGKVzocLBwKb_NstzijZWfKBWxb4F5g',
    y: 'SDradyajxGVdpPv8DhEIqP0XtEimhVQZnEfQj_sQ1Lg',
  }
  await assert.rejects(importJwk(jwk, { alg: 'ES256K' }), jotError('KEY_UNSUPPORTED', message))
})

test('web rejects a mismatched private JWK', async () => {
  const { privateKey } = await generateKeyPair('ES256')
  const other = await generateKeyPair('ES256')
  const jwk = { ...(await exportJwk(privateKey)), ...(await exportPublicJwk(other.publicKey)) }
  await assert.rejects(
    importJwk(jwk, { alg: 'ES256' }),
    jotError('KEY_INVALID', 'The EC JWK is not a valid key.'),
  )
})

test('web refuses synchronous signers and verifiers', async () => {
  const key = await generateSecret('HS256')
  assert.throws(() => createSigner(key), jotError('ARGUMENT_INVALID', SYNC_MESSAGE('createSigner')))
  assert.throws(
    () => createVerifier(key),
    jotError('ARGUMENT_INVALID', SYNC_MESSAGE('createVerifier')),
  )
})

const roundTrips: [JwsAlgorithm, 'Ed25519' | 'Ed448' | undefined][] = [
  ['HS256', undefined],
  ['RS256', undefined],
  ['PS512', undefined],
  ['ES256', undefined],
  ['ES384', undefined],
  ['ES512', undefined],
  ['EdDSA', 'Ed25519'],
  ['EdDSA', 'Ed448'],
  ['Ed25519', undefined],
]

for (const [alg, crv] of roundTrips) {
  test(`web signJwt ${alg}${crv === undefined ? '' : ` ${crv}`} round trip`, async () => {
    const options = crv === undefined ? { kid: 'w1' } : { kid: 'w1', crv }
    const signing = alg.startsWith('HS')
      ? await generateSecret(alg)
      : (await generateKeyPair(alg, options)).privateKey
    const token = await signJwt({ sub: 'user-1' }, signing, { now: NOW, expiresInSec: 60 })
    const verifying =
      signing.kind === 'secret' ? signing : await importJwk(await exportPublicJwk(signing))
    assert.deepEqual(await verifyJwt(token, verifying, { now: NOW }), {
      header: { alg, typ: 'JWT', ...(signing.kid === undefined ? {} : { kid: signing.kid }) },
      claims: { sub: 'user-1', iat: NOW, exp: NOW + 60 },
    })
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BA' : 'AA')
    await assert.rejects(
      verifyJwt(tampered, verifying, { now: NOW }),
      jotError('SIGNATURE_INVALID', 'The signature is invalid.'),
    )
  })
}

test('web ES256 signature verifies with node:crypto', async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256')
  const token = await signJwt({ sub: 'user-1' }, privateKey, { now: NOW })
  const [header = '', payload = '', signature = ''] = token.split('.')
  const nodeKey = createPublicKey({
    key: { ...(await exportPublicJwk(publicKey)) },
    format: 'jwk',
  })
  const valid = nodeVerify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key: nodeKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  )
  assert.equal(valid, true)
})
