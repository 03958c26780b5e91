/** The keys of a remote JWK Set for `jot verify --jwks`, fetched once with core's remoteKeySet. */
import { JotError, isJwsAlgorithm, remoteKeySet } from '@jot/core'
import type { JotKey, JwsAlgorithm } from '@jot/core'
import { isPlainObject } from './key-files.js'
import { ALG_REQUIRED, describeAlgorithms, everyKeySkipped, kidOf } from './verification-keys.js'
import type { SignatureKey, SkippedKey, VerificationKeys } from './verification-keys.js'

/** Limits of the JWKS request. */
export interface RemoteKeyLimits {
  /** Time allowed for the request, body included, in milliseconds. Default 5000. */
  readonly timeoutMs: number
  /** Largest response body accepted, in bytes. Default 1048576 (1 MiB). */
  readonly maxResponseBytes: number
}

const DEFAULT_LIMITS: RemoteKeyLimits = { timeoutMs: 5000, maxResponseBytes: 1024 * 1024 }

/**
 * Parses and checks a `--jwks` value: an absolute http or https URL. remoteKeySet then accepts
 * plain http only for loopback hosts.
 * @throws JotError `OPTION_INVALID`.
 */
export function parseJwksUrl(text: string): URL {
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new JotError(
      'OPTION_INVALID',
      `--jwks must be an absolute http or https URL, not "${text.slice(0, 64)}".`,
    )
  }
  return url
}

/**
 * Fetches the JWK Set at `url` once and returns its keys for verifyJwt. remoteKeySet skips
 * secret (oct) keys: a JWK Set served over HTTP is public, so a shared secret in it would let
 * anyone who fetches it forge tokens.
 * @throws JotError `OPTION_INVALID` for a URL that remoteKeySet rejects, and for a set whose
 *   keys all lack `alg` when `--alg` is absent. `JWKS_FETCH_FAILED` or `JWKS_INVALID` when the
 *   set cannot be fetched or read. `NO_MATCHING_KEY` when no key of the set can verify.
 */
export async function loadRemoteKeys(
  url: URL,
  algorithms: readonly JwsAlgorithm[] | undefined,
  limits: RemoteKeyLimits = DEFAULT_LIMITS,
): Promise<VerificationKeys> {
  const remote = remoteKeySet(url, {
    ...(algorithms === undefined ? {} : { algorithms }),
    ...limits,
  })
  await remote.reload()

  const served = remote.exportCache()?.jwks.keys ?? []
  const skipped = remote.skipped.map(({ index, message }) => ({
    index,
    kid: kidOf(served[index]),
    reason: message,
  }))
  const keys = remote.keys.filter(isSignatureKey)
  if (keys.length === 0) throw noUsableKey(served, algorithms, skipped)
  return {
    keys: async (header) => (await remote(header)).filter(isSignatureKey),
    algorithms: algorithms ?? [...new Set(keys.map((key) => key.alg))],
    skipped,
  }
}

// A remote set holds only keys bound to JWS algorithms; the guard gives them that type.
function isSignatureKey(key: JotKey): key is SignatureKey {
  return isJwsAlgorithm(key.alg)
}

function noUsableKey(
  served: readonly unknown[],
  algorithms: readonly JwsAlgorithm[] | undefined,
  skipped: readonly SkippedKey[],
): JotError {
  const hasAlg = (jwk: unknown) => isPlainObject(jwk) && jwk['alg'] !== undefined
  if (algorithms === undefined && served.length > 0 && !served.some(hasAlg)) {
    return new JotError(
      'OPTION_INVALID',
      `${ALG_REQUIRED}, because no key in the JWKS has an "alg".`,
    )
  }
  if (served.length === 0) return new JotError('NO_MATCHING_KEY', 'The JWKS contains no keys.')
  // A set with keys that cannot verify this token makes the token unverifiable, not the set
  // malformed, so this is the token failure NO_MATCHING_KEY.
  return new JotError(
    'NO_MATCHING_KEY',
    `None of the ${served.length} keys in the JWKS can verify ${describeAlgorithms(algorithms)}; ` +
      'run with --verbose for the reasons.',
    { cause: everyKeySkipped(skipped) },
  )
}
