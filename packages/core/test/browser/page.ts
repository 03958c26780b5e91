/** The script of the browser test page: runs jot on Chromium's Web Crypto and returns what it saw. */
import {
  createVerifier,
  encryptCompact,
  exportPublicJwk,
  generateKeyPair,
  generateSecret,
  importJwk,
  isJotError,
  remoteKeySet,
  signJwt,
  verifyJwt,
} from '@jot/core'
import type { JotKey, JwsAlgorithm } from '@jot/core'

/** What the test passes to the page. */
export interface PageInput {
  readonly now: number
  readonly jwksUrl: string
  readonly serviceToken: string
  readonly issuer: string
  readonly audience: string
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
  const recipient = await generateKeyPair('ECDH-ES+A256KW')
  results['encryptCompact'] = await encryptCompact('order 1234', recipient.publicKey, {
    enc: 'A256GCM',
  }).then(() => 'encrypted', errorOf)
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
