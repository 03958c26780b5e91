/** OAuth 2.0 scope syntax (RFC 6749 section 3.3) and scope narrowing. */
import { ServerError } from './errors.js'
import type { ServerErrorCode } from './errors.js'

// scope-token = 1*( %x21 / %x23-5B / %x5D-7E ): printable ASCII without space, " or \.
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/
const MAX_LIST_LENGTH = 100

/** Tells whether a value is a valid scope token of at most 128 characters. */
export function isScopeToken(value: unknown): value is string {
  return typeof value === 'string' && SCOPE_TOKEN.test(value)
}

/**
 * Splits a `scope` parameter into its tokens, dropping repeats.
 * @returns The tokens, or undefined when the value is not a list of scope tokens separated by
 *   single spaces.
 */
export function parseScopeParameter(value: string): string[] | undefined {
  const tokens = value.split(' ')
  return tokens.every(isScopeToken) ? [...new Set(tokens)] : undefined
}

/**
 * Narrows a request to the scopes the user or client may have. Without a request it grants
 * every allowed scope, and otherwise the requested scopes that are allowed, in the order
 * requested.
 */
export function grantScopes(
  requested: readonly string[] | undefined,
  allowed: readonly string[],
): string[] {
  if (requested === undefined) return [...allowed]
  return requested.filter((scope) => allowed.includes(scope))
}

/** Returns the scopes in both lists, in the order of the first. */
export function intersectScopes(first: readonly string[], second: readonly string[]): string[] {
  return first.filter((scope) => second.includes(scope))
}

/**
 * Checks a list of role or scope names given to addUser or addClient, and drops repeats.
 * @throws ServerError with `code` when the list is too long or an entry is not a scope token.
 */
export function checkScopeTokens(values: unknown, field: string, code: ServerErrorCode): string[] {
  if (!Array.isArray(values) || values.length > MAX_LIST_LENGTH) {
    throw new ServerError(code, `The ${field} must be a list of at most ${MAX_LIST_LENGTH} names.`)
  }
  for (const value of values) {
    if (!isScopeToken(value)) {
      const described = typeof value === 'string' ? `"${value.slice(0, 32)}"` : typeof value
      throw new ServerError(
        code,
        `The ${field} entry ${described} is invalid; use 1 to 128 printable ASCII characters ` +
          'without spaces, quotes or backslashes.',
      )
    }
  }
  return [...new Set(values as string[])]
}
