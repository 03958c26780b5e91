import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createPrivateKey, createPublicKey, createSecretKey } from 'node:crypto'
import * as jose from 'jose'
import jsonwebtoken from 'jsonwebtoken'
import {
  exportJwk,
  exportPublicJwk,
  generateKeyPair,
  generateSecret,
  signJwt,
  verifyJwt,
} from '../../src/index.js'
import type { JotKey, JwsAlgorithm } from '../../src/index.js'
import { NOW } from '../fixtures/tokens.js'

// jose 6 dropped ES256K and Ed448; jsonwebtoken 9 has neither EdDSA nor ES256K.
const JOSE_ALGS: JwsAlgorithm[] = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
]
const JSONWEBTOKEN_ALGS: JwsAlgorithm[] = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
]

interface KeyPairForAlg {
  readonly signKey: JotKey
  readonly verifyKey: JotKey
}

async function keysFor(alg: JwsAlgorithm): Promise<KeyPairForAlg> {
  if (alg.startsWith('HS')) {
    const secret = await generateSecret(alg)
    return { signKey: secret, verifyKey: secret }
  }
  const pair = await generateKeyPair(alg)
  return { signKey: pair.privateKey, verifyKey: pair.publicKey }
}

const claims = { sub: 'user-1', iss: 'https://issuer.test', aud: 'api', scope: 'read write' }
const verifyOptions = { issuer: 'https://issuer.test', audience: 'api', now: NOW }

for (const alg of JOSE_ALGS) {
  test(`jose interop ${alg}`, async () => {
    const { signKey, verifyKey } = await keysFor(alg)
    const privateJwk = await exportJwk(signKey)
    const publicJwk = signKey === verifyKey ? privateJwk : await exportPublicJwk(verifyKey)
    const joseSignKey = await jose.importJWK(privateJwk as jose.JWK, alg)
    const joseVerifyKey = await jose.importJWK(publicJwk as jose.JWK, alg)

    const fromJot = await signJwt(claims, signKey, { now: NOW, expiresInSec: 600 })
    const verified = await jose.jwtVerify(fromJot, joseVerifyKey, {
      algorithms: [alg],
      currentDate: new Date(NOW * 1000),
      ...verifyOptions,
    })
    assert.deepEqual(verified.payload, { ...claims, iat: NOW, exp: NOW + 600 })

    const fromJose = await new jose.SignJWT(claims)
      .setProtectedHeader({ alg })
      .setIssuedAt(NOW)
      .setExpirationTime(NOW + 600)
      .sign(joseSignKey)
    const result = await verifyJwt(fromJose, verifyKey, verifyOptions)
    assert.deepEqual(result, { header: { alg }, claims: { ...claims, iat: NOW, exp: NOW + 600 } })
  })
}

for (const alg of JSONWEBTOKEN_ALGS) {
  test(`jsonwebtoken interop ${alg}`, async () => {
    const { signKey, verifyKey } = await keysFor(alg)
    const privateJwk = (await exportJwk(signKey)) as unknown as Record<string, string>
    const isSecret = alg.startsWith('HS')
    const nodeSignKey = isSecret
      ? createSecretKey(Buffer.from(privateJwk['k']!, 'base64url'))
      : createPrivateKey({ key: privateJwk, format: 'jwk' })
    const nodeVerifyKey = isSecret
      ? nodeSignKey
      : createPublicKey({
          key: (await exportPublicJwk(verifyKey)) as unknown as Record<string, string>,
          format: 'jwk',
        })

    const fromJot = await signJwt(claims, signKey, { now: NOW, expiresInSec: 600 })
    const verified = jsonwebtoken.verify(fromJot, nodeVerifyKey, {
      algorithms: [alg as jsonwebtoken.Algorithm],
      clockTimestamp: NOW,
      issuer: 'https://issuer.test',
      audience: 'api',
    })
    assert.deepEqual(verified, { ...claims, iat: NOW, exp: NOW + 600 })

    const fromLibrary = jsonwebtoken.sign({ ...claims, iat: NOW, exp: NOW + 600 }, nodeSignKey, {
      algorithm: alg as jsonwebtoken.Algorithm,
    })
    const result = await verifyJwt(fromLibrary, verifyKey, verifyOptions)
    assert.deepEqual(result, {
      header: { alg, typ: 'JWT' },
      claims: { ...claims, iat: NOW, exp: NOW + 600 },
    })
  })
}
