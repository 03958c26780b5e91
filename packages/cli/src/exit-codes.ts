/** The exit codes of jot, the one table that maps error codes to them, and error reporting. */
import type { JotErrorCode } from '@jot/core'
import type { ServerErrorCode } from '@jot/server'
import type { CliErrorCode } from './errors.js'

/** Success: the token is valid, or the command did its job. */
export const EXIT_OK = 0
/** The token is invalid: malformed, wrongly signed, expired, or failing a claim check. */
export const EXIT_INVALID_TOKEN = 1
/** Usage or input error: unknown command or flag, missing argument, unusable key file. */
export const EXIT_USAGE = 2
/** The command could not run: network, store or unexpected failure. */
export const EXIT_FAILURE = 3
/** Interrupted with Ctrl-C, following the shell convention of 128 + SIGINT. */
export const EXIT_INTERRUPTED = 130

/** The code printed for an error that carries none of the codes below. */
export const INTERNAL_ERROR = 'INTERNAL_ERROR'

type ErrorCode = JotErrorCode | ServerErrorCode | CliErrorCode

// A Record over the unions makes the compiler reject this table when a package adds a code.
const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  TOKEN_MALFORMED: EXIT_INVALID_TOKEN,
  INPUT_TOO_LARGE: EXIT_INVALID_TOKEN,
  ALG_NOT_ALLOWED: EXIT_INVALID_TOKEN,
  ALG_UNSUPPORTED: EXIT_INVALID_TOKEN,
  CRIT_UNSUPPORTED: EXIT_INVALID_TOKEN,
  NO_MATCHING_KEY: EXIT_INVALID_TOKEN,
  SIGNATURE_INVALID: EXIT_INVALID_TOKEN,
  TOKEN_EXPIRED: EXIT_INVALID_TOKEN,
  TOKEN_NOT_YET_VALID: EXIT_INVALID_TOKEN,
  TOKEN_TOO_OLD: EXIT_INVALID_TOKEN,
  CLAIM_INVALID: EXIT_INVALID_TOKEN,
  TYP_MISMATCH: EXIT_INVALID_TOKEN,
  DECRYPTION_FAILED: EXIT_INVALID_TOKEN,
  KEY_INVALID: EXIT_USAGE,
  KEY_UNSUPPORTED: EXIT_USAGE,
  OPTION_INVALID: EXIT_USAGE,
  ARGUMENT_INVALID: EXIT_USAGE,
  CONFIG_INVALID: EXIT_USAGE,
  STORE_UNSUPPORTED: EXIT_USAGE,
  STORE_INVALID: EXIT_FAILURE,
  STORE_UNAVAILABLE: EXIT_FAILURE,
  CLIENT_ID_INVALID: EXIT_USAGE,
  CLIENT_ID_TAKEN: EXIT_USAGE,
  GRANT_TYPES_INVALID: EXIT_USAGE,
  MASTER_KEY_MISMATCH: EXIT_FAILURE,
  USERNAME_INVALID: EXIT_USAGE,
  USERNAME_TAKEN: EXIT_USAGE,
  PASSWORD_INVALID: EXIT_USAGE,
  ROLES_INVALID: EXIT_USAGE,
  SCOPES_INVALID: EXIT_USAGE,
  JWKS_FETCH_FAILED: EXIT_FAILURE,
  JWKS_INVALID: EXIT_FAILURE,
  INTERRUPTED: EXIT_INTERRUPTED,
}

const ERROR_NAMES = new Set(['JotError', 'ServerError', 'CliError'])

/**
 * Returns the stable code of a JotError, ServerError or CliError, or INTERNAL_ERROR for
 * anything else. The check goes by name and code, so @jot/server need not be loaded.
 */
export function errorCodeOf(error: unknown): string {
  if (!(error instanceof Error) || !ERROR_NAMES.has(error.name)) return INTERNAL_ERROR
  const code: unknown = (error as Error & { code?: unknown }).code
  return typeof code === 'string' && Object.hasOwn(EXIT_CODES, code) ? code : INTERNAL_ERROR
}

/** Returns the exit code for an error thrown by a command. */
export function exitCodeOf(error: unknown): number {
  const code = errorCodeOf(error)
  return code === INTERNAL_ERROR ? EXIT_FAILURE : EXIT_CODES[code as ErrorCode]
}

/** Formats the one-line diagnostic `jot: <CODE>: <message>`. */
export function formatError(error: unknown): string {
  return `jot: ${errorCodeOf(error)}: ${messageOf(error)}`
}

/** Formats the cause chain of an error, one indented line per cause, for `--verbose`. */
export function formatCauses(error: unknown): string[] {
  const lines: string[] = []
  const seen = new Set<unknown>([error])
  let cause = error instanceof Error ? error.cause : undefined
  // A cycle of causes is possible in principle, so each is printed at most once.
  while (cause !== undefined && !seen.has(cause)) {
    seen.add(cause)
    lines.push(`  caused by: ${describeCause(cause)}`)
    // An AggregateError, such as every key of a JWK Set failing, lists its parts.
    if (cause instanceof AggregateError) {
      for (const part of cause.errors) lines.push(`    - ${describeCause(part)}`)
    }
    cause = cause instanceof Error ? cause.cause : undefined
  }
  return lines
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause)
  const code: unknown = (cause as Error & { code?: unknown }).code
  const label = typeof code === 'string' ? `${cause.name} ${code}` : cause.name
  return `${label}: ${cause.message}`
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
