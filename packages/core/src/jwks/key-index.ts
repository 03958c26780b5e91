/** Imports the keys of a JWK Set once and indexes them by `kid` and `alg` for lookups. */
import { JotError, isJotError } from '../errors.js'
import type { JotErrorCode } from '../errors.js'
import { getJwsAlgorithm, isJwsAlgorithm } from '../jwa/jws-algorithms.js'
import type { JwsAlgorithm } from '../jwa/jws-algorithms.js'
import type { JwsHeader } from '../jws/header.js'
import { importJwk } from '../keys/import-jwk.js'
import { readKeyType } from '../keys/jwk.js'
import type { Jwk } from '../keys/jwk.js'
import { assertKeyUsable } from '../keys/key.js'
import type { JotKey } from '../keys/key.js'
import { describeType, isPlainObject, ownMember } from '../keys/options.js'
import { toPublicKey } from '../keys/to-public-key.js'
import type { PreparedKeySetOptions } from './options.js'

/** A JWK Set (RFC 7517 section 5). Members other than `keys` are ignored. */
export interface JwkSet {
  readonly keys: readonly Jwk[]
}

/** A JWK of the set that cannot verify, and why. */
export interface SkippedKey {
  /** Position of the JWK in the set's `keys` array. */
  readonly index: number
  /** The JWK's `kid` when it is a string. */
  readonly kid: string | undefined
  readonly code: JotErrorCode
  readonly message: string
}

/** The usable keys of one JWK Set, with lookups by token header. */
export interface KeyIndex {
  /** Every imported key, one per algorithm for a JWK without `alg`. */
  readonly keys: readonly JotKey[]
  readonly skipped: readonly SkippedKey[]
  /** Tells whether some usable key carries this `kid`. */
  hasKid(kid: string): boolean
  /** Returns the keys bound to the header's `alg` and, when it has one, carrying its `kid`. */
  lookup(header: JwsHeader): JotKey[]
}

/**
 * Reads the `keys` array of a JWK Set.
 * @param what names the set in messages, such as "JWK Set".
 * @throws JotError `JWKS_INVALID`.
 */
export function readKeysArray(jwks: unknown, what: string): readonly unknown[] {
  if (!isPlainObject(jwks)) {
    throw new JotError(
      'JWKS_INVALID',
      `The ${what} must be an object with a "keys" array, not ${describeType(jwks)}.`,
    )
  }
  const keys = ownMember(jwks, 'keys')
  if (keys === undefined) throw new JotError('JWKS_INVALID', `The ${what} has no "keys" member.`)
  if (Array.isArray(keys)) return keys
  throw new JotError(
    'JWKS_INVALID',
    `The "keys" member of the ${what} must be an array, not ${describeType(keys)}.`,
  )
}

/**
 * Imports every JWK of a set for verification. A JWK that cannot verify is left out and listed
 * in `skipped` with its reason; it never fails the whole set.
 */
export async function buildKeyIndex(
  entries: readonly unknown[],
  options: PreparedKeySetOptions,
): Promise<KeyIndex> {
  const outcomes = await Promise.all(entries.map((entry) => importEntry(entry, options)))
  const keys: JotKey[] = []
  const skipped: SkippedKey[] = []
  outcomes.forEach((outcome, index) => {
    if (!(outcome instanceof JotError)) {
      keys.push(...outcome)
      return
    }
    const { code, message } = outcome
    skipped.push(Object.freeze({ index, kid: kidOf(entries[index]), code, message }))
  })
  return createIndex(Object.freeze(keys), Object.freeze(skipped), options.maxKeyCandidates)
}

function kidOf(entry: unknown): string | undefined {
  const kid = isPlainObject(entry) ? ownMember(entry, 'kid') : undefined
  return typeof kid === 'string' ? kid : undefined
}

async function importEntry(
  entry: unknown,
  options: PreparedKeySetOptions,
): Promise<JotKey[] | JotError> {
  let algorithms: readonly (JwsAlgorithm | undefined)[]
  try {
    algorithms = algorithmsFor(checkEntry(entry, options.acceptsSecrets), options.algorithms)
  } catch (error) {
    return skipReason(error)
  }
  const imported: JotKey[] = []
  let firstFailure: JotError | undefined
  for (const alg of algorithms) {
    try {
      imported.push(await importForVerification(entry as Jwk, alg))
    } catch (error) {
      firstFailure ??= skipReason(error)
    }
  }
  // An oct key may be too short for HS512 and still serve HS256, so the JWK counts as skipped
  // only when no algorithm could use it.
  return imported.length === 0 && firstFailure !== undefined ? firstFailure : imported
}

function skipReason(error: unknown): JotError {
  if (isJotError(error)) return error
  // Bad input should always raise a JotError. Any other error must still not cost the set its
  // other keys, so the JWK is skipped with a generic reason.
  return new JotError('KEY_INVALID', 'The JWK could not be imported.', { cause: error })
}

/**
 * Checks the members a JWK declares about itself before any import: its key type, whether a set of this
 * origin may hold it, and whether its `key_ops` allow verifying.
 * @throws JotError `KEY_INVALID` or `KEY_UNSUPPORTED`.
 */
function checkEntry(entry: unknown, acceptsSecrets: boolean): Readonly<Record<string, unknown>> {
  if (!isPlainObject(entry)) {
    throw new JotError('KEY_INVALID', `The JWK Set entry is ${describeType(entry)}, not a JWK.`)
  }
  const kty = ownMember(entry, 'kty')
  // A kty of another type is left to importJwk, which checks every member's type.
  if (typeof kty === 'string') readKeyType(entry)
  if (kty === 'oct' && !acceptsSecrets) {
    throw new JotError(
      'KEY_INVALID',
      'It is a secret (oct) key, which is never accepted from a remote JWK Set: anyone who can fetch the set could sign with it.',
    )
  }
  // A private JWK is imported as its public half, whose operation is verify. The JWK's own
  // key_ops still decide, so a key limited to signing does not verify through a set either.
  const keyOps = ownMember(entry, 'key_ops')
  if (Array.isArray(keyOps) && !keyOps.includes('verify')) {
    throw new JotError('KEY_INVALID', 'The key\'s key_ops do not include "verify".')
  }
  return entry
}

/**
 * Lists the algorithms to import a JWK for, where undefined means the JWK's own `alg`.
 * @throws JotError `ALG_UNSUPPORTED`, `ALG_NOT_ALLOWED` or `OPTION_INVALID`.
 */
function algorithmsFor(
  jwk: Readonly<Record<string, unknown>>,
  allowed: ReadonlySet<JwsAlgorithm> | null,
): readonly (JwsAlgorithm | undefined)[] {
  const alg = ownMember(jwk, 'alg')
  if (alg !== undefined) {
    // Encryption keys (RSA-OAEP, A128KW and the like) import fine but must not join a set of
    // verification keys. An `alg` that is not a string fails in importJwk, with its reason.
    if (typeof alg === 'string' && !isJwsAlgorithm(alg)) {
      throw new JotError(
        'ALG_UNSUPPORTED',
        `The JWK's alg "${alg.slice(0, 32)}" is not a supported JWS algorithm, so the key cannot verify signatures.`,
      )
    }
    if (allowed !== null && isJwsAlgorithm(alg) && !allowed.has(alg)) {
      throw new JotError(
        'ALG_NOT_ALLOWED',
        `The JWK's alg "${alg}" is not in the key set's "algorithms" option.`,
      )
    }
    return [undefined]
  }
  // RFC 8725 section 3.1: the verifier, not the token, picks the algorithm. A JWK without `alg`
  // is bound only to listed algorithms of its own key type and curve, so a token can never
  // turn an RSA public key into an HMAC secret.
  const fitting = [...(allowed ?? [])].filter((name) => fitsKey(name, jwk))
  if (fitting.length > 0) return fitting
  throw new JotError(
    'OPTION_INVALID',
    'The JWK has no "alg" member and the key set\'s "algorithms" option lists no algorithm for its key type; list the algorithms this key may verify there.',
  )
}

function fitsKey(alg: JwsAlgorithm, jwk: Readonly<Record<string, unknown>>): boolean {
  const entry = getJwsAlgorithm(alg)
  if (ownMember(jwk, 'kty') !== entry.kty) return false
  const curves: readonly unknown[] = entry.curves
  return curves.length === 0 || curves.includes(ownMember(jwk, 'crv'))
}

async function importForVerification(jwk: Jwk, alg: JwsAlgorithm | undefined): Promise<JotKey> {
  const imported = await importJwk(jwk, { alg, extractable: false })
  // Verifying needs only the public half, so a private JWK's secret part is not kept.
  const key = imported.kind === 'private' ? await toPublicKey(imported) : imported
  assertKeyUsable(key, key.alg, 'verify')
  return key
}

function createIndex(
  keys: readonly JotKey[],
  skipped: readonly SkippedKey[],
  maxCandidates: number,
): KeyIndex {
  // Both maps keep the set's order, so the first listed key is tried first.
  const byKid = new Map<string, JotKey[]>()
  const byAlg = new Map<string, JotKey[]>()
  for (const key of keys) {
    if (key.kid !== undefined) append(byKid, key.kid, key)
    append(byAlg, key.alg, key)
  }
  return {
    keys,
    skipped,
    hasKid: (kid) => byKid.has(kid),
    lookup(header) {
      if (header.kid === undefined) return (byAlg.get(header.alg) ?? []).slice(0, maxCandidates)
      const sameKid = byKid.get(header.kid) ?? []
      return sameKid.filter((key) => key.alg === header.alg).slice(0, maxCandidates)
    },
  }
}

function append(map: Map<string, JotKey[]>, name: string, key: JotKey): void {
  const list = map.get(name)
  if (list === undefined) map.set(name, [key])
  else list.push(key)
}
