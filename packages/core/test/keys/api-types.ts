/** Compile-time checks of the key API's public types; tsc runs this file, the test runner does not. */
import {
  exportJwk,
  generateKeyPair,
  importJwk,
  importPem,
  importSecret,
  thumbprint,
} from '../../src/index.js'
import type { GenerateKeyPairResult, JotKey, Jwk } from '../../src/index.js'

export async function checkKeyTypes(jwk: Jwk, json: Record<string, unknown>, pem: string) {
  const fromJwk: JotKey = await importJwk(jwk)
  const fromJson: JotKey = await importJwk(json, { alg: 'ES256', extractable: false })
  const fromPem: JotKey = await importPem(pem, { alg: 'RS256', kid: 'k' })
  const pair: GenerateKeyPairResult = await generateKeyPair('EdDSA', { crv: 'Ed448' })
  const exported: Jwk = await exportJwk(pair.privateKey)
  const id: string = await thumbprint(exported, 'sha512')

  // @ts-expect-error a secret is bytes, never a string
  await importSecret('secret', { alg: 'HS256' })
  // @ts-expect-error importPem needs its options with alg
  await importPem(pem)
  // @ts-expect-error the alg must name a supported JWS or JWE algorithm, which RSA1_5 is not
  await importJwk(jwk, { alg: 'RSA1_5' })
  // @ts-expect-error kid is not an importJwk option: it comes from the JWK
  await importJwk(jwk, { alg: 'ES256', kid: 'k' })
  // @ts-expect-error thumbprints use SHA-2 only
  await thumbprint(jwk, 'sha1')
  // @ts-expect-error exported JWK members are read-only
  exported.kid = 'other'

  return [fromJwk, fromJson, fromPem, id]
}
