/** Scope and role checks on a verified token, created once per route. */
import { JotError } from '@jot/core'
import type { JwtClaims } from '@jot/core'
import { insufficientScopeFailure, missingRoleFailure, missingTokenFailure } from './failures.js'
import type { AuthGuard } from './types.js'

// RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/

/**
 * Returns a guard that passes a token granting every one of `scopes`, read from the `scope`
 * claim (space-separated, RFC 9068 section 2.2.3) or, when that is absent, an `scp` array.
 * @throws JotError `OPTION_INVALID` for an empty list or a value that is not a scope token.
 */
export function createScopeGuard(realm: string, scopes: readonly unknown[]): AuthGuard {
  if (scopes.length === 0 || !scopes.every(isScopeToken)) {
    throw new JotError(
      'OPTION_INVALID',
      'requireScope needs at least one scope, each printable ASCII without spaces, quotes or backslashes (RFC 6749 section 3.3).',
    )
  }
  const required = [...scopes]
  return function checkScopes(auth) {
    if (auth === undefined) return missingTokenFailure(realm)
    const granted = grantedScopes(auth.claims)
    return required.every((scope) => granted.has(scope))
      ? undefined
      : insufficientScopeFailure(realm, required)
  }
}

/**
 * Returns a guard that passes a token holding at least one of `roles` in the array claim
 * `rolesClaim`.
 * @throws JotError `OPTION_INVALID` for an empty list or a role that is not a non-empty string.
 */
export function createRoleGuard(
  realm: string,
  rolesClaim: string,
  roles: readonly unknown[],
): AuthGuard {
  if (roles.length === 0 || !roles.every((role) => typeof role === 'string' && role !== '')) {
    throw new JotError('OPTION_INVALID', 'requireRole needs at least one non-empty role name.')
  }
  const accepted = new Set(roles)
  return function checkRoles(auth) {
    if (auth === undefined) return missingTokenFailure(realm)
    const roleClaim = auth.claims[rolesClaim]
    const granted = Array.isArray(roleClaim) && roleClaim.some((role) => accepted.has(role))
    return granted ? undefined : missingRoleFailure()
  }
}

function isScopeToken(value: unknown): value is string {
  return typeof value === 'string' && SCOPE_TOKEN.test(value)
}

function grantedScopes(claims: JwtClaims): ReadonlySet<unknown> {
  const scope = claims['scope']
  if (typeof scope === 'string') return new Set(scope.split(' '))
  const scp = claims['scp']
  return new Set(Array.isArray(scp) ? scp : [])
}
