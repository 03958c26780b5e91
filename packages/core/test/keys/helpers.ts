/** Shared fixtures and matchers for the key tests. */
import { readFileSync } from 'node:fs'
import { readShared } from '../fixtures/shared.js'
import type { JotErrorCode, JotKey, Jwk } from '../../src/index.js'

/** Reads a file under test/fixtures/keys as text. */
export function readKeyFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/keys/${name}`, import.meta.url), 'utf8')
}

/** JWKs of the PEM fixtures, computed with Python's cryptography package, not with jot. */
export const expectedJwks = JSON.parse(readKeyFixture('expected-jwks.json')) as Record<
  'rsa-2048' | 'ec-p256' | 'ed25519' | 'certificate',
  Record<string, string>
>

/** Returns the public members of a private JWK. */
export function publicPart(jwk: Readonly<Record<string, string>>): Record<string, string> {
  const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi']
  return Object.fromEntries(Object.entries(jwk).filter(([name]) => !privateMembers.includes(name)))
}

/** Builds a matcher for assert.rejects and assert.throws: a JotError with this code and message. */
export function jotError(code: JotErrorCode, message: string) {
  return { name: 'JotError', code, message }
}

/** Returns the public fields of a key for deep equality, leaving out the backend handle. */
export function describeKey(key: JotKey) {
  const { kind, kty, crv, bits, alg, kid, use, keyOps, extractable } = key
  return { kind, kty, crv, bits, alg, kid, use, keyOps, extractable }
}

/** A JWS example from the project's vector file. */
export interface JwsVector {
  readonly source: string
  readonly name: string
  readonly alg: string
  readonly key: Jwk
}

/** The JWS examples of RFC 7520, RFC 7797, RFC 8037 and the ML-DSA draft. */
export const jwsVectors = (
  readShared('vectors/jws-examples.json') as { vectors: readonly JwsVector[] }
).vectors
