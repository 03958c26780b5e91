/** The script of the browser test page: runs jot on Chromium's Web Crypto and returns what it saw. */
import {
  createVerifier,
  decryptAndVerifyJwt,
  decryptCompact,
  encryptCompact,
  exportPublicJwk,
  generateKeyPair,
  generateSecret,
  importJwk,
  isJotError,
  remoteKeySet,
  signAndEncryptJwt,
  signJwt,
  verifyJwt,
} from '@jot/core'
import type { JotKey, Jwk, JwsAlgorithm } from '@jot/core'

/** What the test passes to the page. */
export interface PageInput {
  readonly now: number
  readonly jwksUrl: string
  readonly serviceToken: string
  readonly issuer: string
  readonly audience: string
  /** A compact JWE made on Node.js, and the recipient's private JWK. */
  readonly nodeJwe: { readonly token: string; readonly jwk: Jwk }
  /** A compact ECDH-ES JWE whose epk lies off P-256, and a P-256 private JWK. */
  readonly offCurveJwe: { readonly token: string; readonly jwk: Jwk }
}

function errorOf(error: unknown): { code: string; message: string } | string {
  return isJotError(error) ? { code: error.code, message: error.message } : String(error)
}

async function signingKeys(alg: JwsAlgorithm): Promise<{ sign: JotKey; verify: JotKey }> {
  if (alg === 'HS256') {
    const secret = await generateSecret('HS256', { kid: 'page-hs' })
    return { sign: secret, verify: secret }
  }
  const pair = await generateKeyPair(alg, { kid: `page-${alg.toLowerCase()}` })
  // The public half goes through its JWK, as a verifier elsewhere would receive it.
  return { sign: pair.privateKey, verify: await importJwk(await exportPublicJwk(pair.publicKey)) }
}

async function roundTrip(alg: JwsAlgorithm, now: number): Promise<unknown> {
  const keys = await signingKeys(alg)
  const token = await signJwt({ sub: 'page-user' }, keys.sign, { now, expiresInSec: 60 })
  const verified = await verifyJwt(token, keys.verify, { now })
  const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BA' : 'AA')
  const rejected = await verifyJwt(tampered, keys.verify, { now }).then(() => 'accepted', errorOf)
  return { verified, rejected }
}

const decoder = new TextDecoder()

// Encrypts on the page and decrypts again, returning the text and the header's algorithms.
async function encryptionRoundTrip(encryptionKey: JotKey, decryptionKey: JotKey) {
  const token = await encryptCompact('order 1234', encryptionKey, { enc: 'A256GCM' })
  const { plaintext, protectedHeader } = await decryptCompact(token, decryptionKey)
  const { alg, enc, kid } = protectedHeader
  return { text: decoder.decode(plaintext), alg, enc, kid }
}

async function nestedRoundTrip(now: number) {
  const issuer = await generateKeyPair('ES256', { kid: 'page-sig' })
  const recipient = await generateKeyPair('ECDH-ES+A256KW', { kid: 'page-enc' })
  const keys = { signingKey: issuer.privateKey, encryptionKey: recipient.publicKey }
  const token = await signAndEncryptJwt({ sub: 'page-user' }, keys, { enc: 'A256GCM', now })
  const openKeys = { decryptionKeys: recipient.privateKey, verificationKeys: issuer.publicKey }
  const { header, claims } = await decryptAndVerifyJwt(token, openKeys, { now })
  return { header, claims }
}

async function encryptionChecks(input: PageInput): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {}
  const ecdh = await generateKeyPair('ECDH-ES+A256KW', { kid: 'page-ecdh' })
  results['ECDH-ES+A256KW'] = await encryptionRoundTrip(ecdh.publicKey, ecdh.privateKey).catch(
    errorOf,
  )
  const secret = await generateSecret('dir', { enc: 'A256GCM', kid: 'page-dir' })
  results['dir'] = await encryptionRoundTrip(secret, secret).catch(errorOf)
  results['nested'] = await nestedRoundTrip(input.now).catch(errorOf)
  results['nodeJwe'] = await importJwk(input.nodeJwe.jwk)
    .then((key) => decryptCompact(input.nodeJwe.token, key))
    .then(({ plaintext }) => decoder.decode(plaintext), errorOf)
  results['offCurveJwe'] = await importJwk(input.offCurveJwe.jwk)
    .then((key) => decryptCompact(input.offCurveJwe.token, key))
    .then(() => 'decrypted', errorOf)
  const aes192 = await generateSecret('A128KW')
  results['A192GCM'] = await encryptCompact('x', aes192, { enc: 'A192GCM' }).then(
    () => 'encrypted',
    errorOf,
  )
  results['X448'] = await generateKeyPair('ECDH-ES', { crv: 'X448' }).then(
    () => 'generated',
    errorOf,
  )
  return results
}

async function runJotChecks(input: PageInput): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {}
  for (const alg of ['ES256', 'HS256', 'EdDSA'] as const) {
    results[alg] = await roundTrip(alg, input.now).catch(errorOf)
  }
  const secret = await generateSecret('HS256')
  try {
    createVerifier(secret)
    results['createVerifier'] = 'created'
  } catch (error) {
    results['createVerifier'] = errorOf(error)
  }
  results['encryption'] = await encryptionChecks(input)
  const keySet = remoteKeySet(input.jwksUrl, { algorithms: ['ES256'] })
  results['service'] = await verifyJwt(input.serviceToken, keySet, {
    algorithms: ['ES256'],
    issuer: input.issuer,
    audience: input.audience,
    typ: 'at+jwt',
    now: input.now,
  }).catch(errorOf)
  return results
}

;(globalThis as { runJotChecks?: typeof runJotChecks }).runJotChecks = runJotChecks
