/** The keys and algorithms `jot verify` uses, from a key file or a secret file. */
import {
  JotError,
  importJwk,
  importPem,
  importSecret,
  isJwsAlgorithm,
  toPublicKey,
} from '@jot/core'
import type { AsyncKeyResolver, JotKey, Jwk, JwsAlgorithm } from '@jot/core'
import { asJwk, importFromFile, isPlainObject, readKeyFile, readSecretFile } from './key-files.js'
import type { SecretEncoding } from './key-files.js'

/** A local source of verification keys: --key or --secret-file. remote-jwks.ts serves --jwks. */
export type KeySource =
  | { readonly kind: 'key-file'; readonly path: string }
  | { readonly kind: 'secret-file'; readonly path: string; readonly encoding: SecretEncoding }

/** A JWK of a set that could not be used, and why; shown with `--verbose`. */
export interface SkippedKey {
  readonly index: number
  readonly kid: string | undefined
  readonly reason: string
}

/** Keys ready for verifyJwt, with the algorithms they pin. */
export interface VerificationKeys {
  /**
   * A list for a JWK Set, picked by `kid` and `alg`; a resolver for one key's material or for
   * a remote JWK Set.
   */
  readonly keys: readonly JotKey[] | AsyncKeyResolver
  readonly algorithms: readonly JwsAlgorithm[]
  readonly skipped: readonly SkippedKey[]
}

/** A key bound to a signature algorithm, the only kind that can verify a JWS. */
export type SignatureKey = JotKey & { readonly alg: JwsAlgorithm }

/** The start of the message for a missing `--alg`. */
export const ALG_REQUIRED =
  '--alg is required: the verifier must pin the algorithm (RFC 8725 section 3.1)'

/**
 * Loads the verification keys. `algorithms` comes from `--alg`; without it, the `alg` of the
 * JWK, or of the keys in the JWK Set, is used. `flag` names the key file option in messages.
 * @throws JotError `OPTION_INVALID` for a missing `--alg` or an unusable file, `KEY_INVALID`
 *   or `KEY_UNSUPPORTED` for bad key material.
 */
export async function loadVerificationKeys(
  source: KeySource,
  algorithms: readonly JwsAlgorithm[] | undefined,
  flag = '--key',
): Promise<VerificationKeys> {
  switch (source.kind) {
    case 'secret-file': {
      const secret = await readSecretFile(source.path, source.encoding)
      const algs = requireAlgorithms(algorithms, 'with --secret-file')
      const importAs = (alg: JwsAlgorithm) =>
        importFromFile('--secret-file', source.path, () => importSecret(secret, { alg }))
      return singleMaterial(await importForEach(algs, importAs))
    }
    case 'key-file': {
      const content = await readKeyFile(source.path, flag)
      if (content.kind === 'jwks') {
        return fromKeySet(content.keys, algorithms, `${flag} "${source.path}"`)
      }
      if (content.kind === 'jwk') return fromJwk(content.jwk, algorithms, flag, source.path)
      const algs = requireAlgorithms(algorithms, 'with a PEM key file')
      const importAs = (alg: JwsAlgorithm) =>
        importFromFile(flag, source.path, () => importPem(content.pem, { alg }))
      return singleMaterial(await importForEach(algs, importAs))
    }
  }
}

async function fromJwk(
  jwk: Jwk,
  algorithms: readonly JwsAlgorithm[] | undefined,
  flag: string,
  path: string,
): Promise<VerificationKeys> {
  if (jwk.alg === undefined) {
    const algs = requireAlgorithms(algorithms, `because ${flag} "${path}" has no "alg"`)
    const importAs = (alg: JwsAlgorithm) =>
      importFromFile(flag, path, () => importJwk(jwk, { alg }))
    return singleMaterial(await importForEach(algs, importAs))
  }
  const key = await toVerificationKey(await importFromFile(flag, path, () => importJwk(jwk)))
  if (algorithms !== undefined && !algorithms.includes(key.alg)) {
    throw new JotError(
      'OPTION_INVALID',
      `--alg ${algorithms.join(',')} does not include ${key.alg}, the "alg" of ${flag} "${path}".`,
    )
  }
  return { keys: () => key, algorithms: algorithms ?? [key.alg], skipped: [] }
}

// One key's material imported once per algorithm. The token's `kid` plays no part here: the
// user named the key, so the resolver returns the import bound to the token's `alg`.
function singleMaterial(keys: readonly SignatureKey[]): VerificationKeys {
  return {
    keys: (header) => keys.find((key) => key.alg === header.alg),
    algorithms: keys.map((key) => key.alg),
    skipped: [],
  }
}

async function fromKeySet(
  jwks: readonly unknown[],
  algorithms: readonly JwsAlgorithm[] | undefined,
  label: string,
): Promise<VerificationKeys> {
  const keys: SignatureKey[] = []
  const skipped: SkippedKey[] = []
  for (const [index, jwk] of jwks.entries()) {
    try {
      keys.push(...(await importSetMember(jwk, algorithms)))
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      skipped.push({ index, kid: kidOf(jwk), reason })
    }
  }
  if (keys.length > 0) {
    return { keys, algorithms: algorithms ?? [...new Set(keys.map((key) => key.alg))], skipped }
  }
  const hasAlg = (jwk: unknown) => isPlainObject(jwk) && jwk['alg'] !== undefined
  if (algorithms === undefined && !jwks.some(hasAlg)) {
    throw new JotError(
      'OPTION_INVALID',
      `${ALG_REQUIRED}, because no key in ${label} has an "alg".`,
    )
  }
  // The user can fix a local file, so this is a usage error.
  throw new JotError(
    'OPTION_INVALID',
    `None of the ${jwks.length} keys in ${label} can verify ${describeAlgorithms(algorithms)}; ` +
      'run with --verbose for the reasons.',
    { cause: everyKeySkipped(skipped) },
  )
}

/** Returns the `kid` of a JWK when it is a string, for messages. */
export function kidOf(jwk: unknown): string | undefined {
  return isPlainObject(jwk) && typeof jwk['kid'] === 'string' ? jwk['kid'] : undefined
}

/** Lists the reasons of skipped keys as one cause, which --verbose prints. */
export function everyKeySkipped(skipped: readonly SkippedKey[]): AggregateError {
  const reasons = skipped.map((key) => new Error(`key ${key.index}: ${key.reason}`))
  return new AggregateError(reasons, 'Every key was skipped.')
}

// A member with its own `alg` is imported as is, if that alg is allowed. A member without one
// is imported once per allowed algorithm its key type supports.
async function importSetMember(
  jwk: unknown,
  algorithms: readonly JwsAlgorithm[] | undefined,
): Promise<SignatureKey[]> {
  if (!isPlainObject(jwk)) throw new Error('The key is not a JSON object.')
  if (jwk['alg'] !== undefined) {
    const key = await toVerificationKey(await importJwk(asJwk(jwk)))
    if (algorithms !== undefined && !algorithms.includes(key.alg)) {
      throw new Error(`Its alg ${key.alg} is not in --alg.`)
    }
    return [key]
  }
  if (algorithms === undefined) throw new Error('It has no "alg"; pass --alg to use it.')
  return importForEach(algorithms, (alg) => importJwk(asJwk(jwk), { alg }))
}

/**
 * Imports one key's material once for each algorithm it fits, so `--alg ES256,ES384` works
 * with a P-256 key, and keeps the public half of each import.
 * @throws the first import error when the material fits none of the algorithms.
 */
async function importForEach(
  algorithms: readonly JwsAlgorithm[],
  importKey: (alg: JwsAlgorithm) => Promise<JotKey>,
): Promise<SignatureKey[]> {
  const settled = await Promise.allSettled(algorithms.map(importKey))
  const keys = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  if (keys.length === 0) {
    const first = settled.find((result) => result.status === 'rejected')
    throw first?.reason instanceof Error ? first.reason : new Error('The key cannot be imported.')
  }
  return Promise.all(keys.map(toVerificationKey))
}

// A private JWK or PEM is accepted for verifying, but only its public half is used. A key bound
// to an encryption algorithm (RSA-OAEP, ECDH-ES, ...) can never verify a signature.
async function toVerificationKey(key: JotKey): Promise<SignatureKey> {
  if (!isJwsAlgorithm(key.alg)) {
    throw new JotError(
      'KEY_INVALID',
      `The key is bound to ${key.alg}, an encryption algorithm; verifying needs a signature key.`,
    )
  }
  const verificationKey = key.kind === 'private' ? await toPublicKey(key) : key
  // The cast is sound: toPublicKey keeps the algorithm checked above.
  return verificationKey as SignatureKey
}

function requireAlgorithms(
  algorithms: readonly JwsAlgorithm[] | undefined,
  context: string,
): readonly JwsAlgorithm[] {
  if (algorithms !== undefined) return algorithms
  throw new JotError('OPTION_INVALID', `${ALG_REQUIRED} ${context}.`)
}

/** Names the algorithms of `--alg` for a message, or "any algorithm" without it. */
export function describeAlgorithms(algorithms: readonly JwsAlgorithm[] | undefined): string {
  return algorithms === undefined ? 'any algorithm' : algorithms.join(', ')
}
