/** Validation of the JWS verification options shared by the compact and JWT verifiers. */
import { JotError } from '../errors.js'
import { getJwsAlgorithm } from '../jwa/jws-algorithms.js'
import type { JwsAlgorithm, JwsAlgorithmEntry } from '../jwa/jws-algorithms.js'
import { DEFAULT_MAX_TOKEN_LENGTH } from './compact-parse.js'
import { DEFAULT_MAX_KEY_CANDIDATES } from './key-selection.js'

/** Options for verifying a JWS. */
export interface VerifyJwsOptions {
  /**
   * The algorithms accepted. Default: only the algorithm each key is bound to, which already
   * pins the algorithm; a list narrows further. `none` is never accepted here.
   */
  readonly algorithms?: readonly JwsAlgorithm[] | undefined
  /**
   * Extension header parameters the caller processes, which `crit` may then list. Default none.
   * verifyCompact and verifyJson also accept `b64` (RFC 7797), which jot processes itself.
   */
  readonly crit?: readonly string[] | undefined
  /** Maximum token length in characters. Default 16384. */
  readonly maxTokenLength?: number | undefined
  /** Maximum number of keys tried when several could have signed the token. Default 3. */
  readonly maxKeyCandidates?: number | undefined
}

/** Verification options checked once and resolved to lookup structures. */
export interface PreparedJwsOptions {
  readonly algorithms: ReadonlySet<string> | null
  readonly crit: ReadonlySet<string>
  readonly maxTokenLength: number
  readonly maxKeyCandidates: number
}

/**
 * Checks JWS verification options where they are supplied.
 * @throws JotError `OPTION_INVALID`.
 */
export function prepareJwsOptions(options: VerifyJwsOptions | undefined): PreparedJwsOptions {
  const algorithms = options?.algorithms
  let allowed: Set<string> | null = null
  if (algorithms !== undefined) {
    if (!Array.isArray(algorithms) || algorithms.length === 0) {
      throw new JotError(
        'OPTION_INVALID',
        'The "algorithms" option must be a non-empty array of JWS algorithm names.',
      )
    }
    allowed = new Set(algorithms.map((alg) => resolveAllowed(alg).alg))
  }
  const crit = options?.crit ?? []
  if (!Array.isArray(crit) || !crit.every((name) => typeof name === 'string')) {
    throw new JotError(
      'OPTION_INVALID',
      'The "crit" option must be an array of header parameter names.',
    )
  }
  return {
    algorithms: allowed,
    crit: new Set(crit),
    maxTokenLength: positiveInteger(
      options?.maxTokenLength,
      'maxTokenLength',
      DEFAULT_MAX_TOKEN_LENGTH,
    ),
    maxKeyCandidates: positiveInteger(
      options?.maxKeyCandidates,
      'maxKeyCandidates',
      DEFAULT_MAX_KEY_CANDIDATES,
    ),
  }
}

function resolveAllowed(alg: unknown): JwsAlgorithmEntry {
  try {
    return getJwsAlgorithm(alg)
  } catch (cause) {
    const shown = typeof alg === 'string' ? `"${alg.slice(0, 32)}"` : typeof alg
    throw new JotError(
      'OPTION_INVALID',
      `The "algorithms" option lists ${shown}, which is not a supported JWS algorithm.`,
      { cause },
    )
  }
}

/**
 * Reads an optional whole-number option.
 * @throws JotError `OPTION_INVALID`.
 */
export function positiveInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new JotError('OPTION_INVALID', `The "${name}" option must be a positive whole number.`)
  }
  return value
}
