/** localKeySet: a JWK Set imported once, as a synchronous key resolver for every verifier. */
import type { JwsHeader } from '../jws/header.js'
import type { JotKey } from '../keys/key.js'
import { readOptions } from '../keys/options.js'
import { buildKeyIndex, readKeysArray } from './key-index.js'
import type { JwkSet, SkippedKey } from './key-index.js'
import { KEY_SET_OPTION_NAMES, prepareKeySetOptions } from './options.js'
import type { LocalKeySetOptions } from './options.js'

/**
 * A key set held in memory. Called with a token header, it returns the keys that may have
 * signed the token. verifyJwt, verifyCompact and createVerifier accept it as `keys`.
 */
export interface LocalKeySet {
  (header: JwsHeader): readonly JotKey[]
  /** Every imported key, one per algorithm for a JWK without `alg`; public halves only. */
  readonly keys: readonly JotKey[]
  /** The JWKs that cannot verify, each with the code and message of the reason. */
  readonly skipped: readonly SkippedKey[]
}

/**
 * Imports the keys of a JWK Set (RFC 7517 section 5) once and returns a synchronous resolver
 * that picks keys for a token: by `kid` in constant time, then by `alg`. A token without `kid`
 * gets at most `maxKeyCandidates` keys bound to its `alg`. Keys marked `use: "enc"`, or whose
 * `key_ops` lack `verify`, are never returned. A JWK that fails to import is skipped and listed
 * in `skipped`; it does not fail the set. Private JWKs are reduced to their public halves.
 *
 * @throws JotError `JWKS_INVALID` when `jwks` is not an object with a `keys` array;
 *   `OPTION_INVALID` for a bad option.
 * @example
 * const keys = await localKeySet(jwks, { algorithms: ['ES256'] })
 * const verify = createVerifier(keys, { algorithms: ['ES256'], issuer: 'https://auth.example.com' })
 */
export async function localKeySet(
  jwks: JwkSet,
  options?: LocalKeySetOptions,
): Promise<LocalKeySet> {
  const prepared = prepareKeySetOptions(
    readOptions(options, 'localKeySet', KEY_SET_OPTION_NAMES),
    'localKeySet',
    true,
  )
  const index = await buildKeyIndex(readKeysArray(jwks, 'JWK Set'), prepared)

  const resolveLocalKeys = (header: JwsHeader): readonly JotKey[] => index.lookup(header)
  return Object.freeze(
    Object.defineProperties(resolveLocalKeys, {
      keys: { value: index.keys, enumerable: true },
      skipped: { value: index.skipped, enumerable: true },
    }),
  ) as LocalKeySet
}
