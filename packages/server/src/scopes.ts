/** OAuth 2.0 scope syntax (RFC 6749 section 3.3) and scope narrowing. */

// scope-token = 1*( %x21 / %x23-5B / %x5D-7E ): printable ASCII without space, " or \.
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/

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
 * Narrows a request to the user's scopes. Without a request it grants every scope of the user,
 * and otherwise the requested scopes that the user has, in the order requested.
 */
export function grantScopes(
  requested: readonly string[] | undefined,
  userScopes: readonly string[],
): string[] {
  if (requested === undefined) return [...userScopes]
  return requested.filter((scope) => userScopes.includes(scope))
}
