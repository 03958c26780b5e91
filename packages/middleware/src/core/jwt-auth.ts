/** createJwtAuth: the framework-neutral bearer token check that every adapter wraps. */
import { isJotError } from '@jot/core'
import { extractToken, isFormBodyRequest } from './extract-token.js'
import { failureForError, invalidRequestFailure, missingTokenFailure } from './failures.js'
import { createRoleGuard, createScopeGuard } from './guards.js'
import { prepareJwtAuthOptions } from './options.js'
import type { AuthFailure, AuthGuard, AuthOutcome, AuthRequest, JwtAuthOptions } from './types.js'

/** A prepared bearer token check and the guards that go with it. */
export interface JwtAuth {
  /**
   * Reads the token from the request, verifies it, and returns the verified header and
   * claims or the failure to send. Only errors that are not JotErrors, such as a bug in a
   * custom key resolver, are thrown.
   */
  authenticate(request: AuthRequest): Promise<AuthOutcome>
  /**
   * Returns a guard requiring every one of `scopes`: 403 `insufficient_scope` otherwise.
   * @throws JotError `OPTION_INVALID`.
   */
  requireScope(...scopes: string[]): AuthGuard
  /**
   * Returns a guard requiring at least one of `roles` in the `rolesClaim` array: 403
   * `access_denied` otherwise.
   * @throws JotError `OPTION_INVALID`.
   */
  requireRole(...roles: string[]): AuthGuard
  /** Tells an adapter whether to parse the request body before calling authenticate. */
  readsFormBody(method: string, contentType: string | undefined): boolean
}

/**
 * Creates the bearer token check of RFC 6750 with options checked once, here.
 * @throws JotError `OPTION_INVALID` for a bad option, including the verify options.
 * @example
 * const auth = createJwtAuth({ keys: publicKey, issuer: 'https://auth.example.com' })
 * const outcome = await auth.authenticate({ method: 'GET', headers: { authorization } })
 * if (!outcome.ok) respond(outcome.failure.status, outcome.failure.headers, outcome.failure.body)
 */
export function createJwtAuth(options: JwtAuthOptions): JwtAuth {
  const settings = prepareJwtAuthOptions(options)
  const { realm, onError } = settings

  function reject(failure: AuthFailure): AuthFailure {
    if (onError !== undefined) {
      // A logging hook that fails must not turn a 401 into a 500.
      try {
        onError(failure)
      } catch {
        // ignored, as documented on the option
      }
    }
    return failure
  }

  function guardReporting(guard: AuthGuard): AuthGuard {
    return function checkGuard(auth) {
      const failure = guard(auth)
      return failure === undefined ? undefined : reject(failure)
    }
  }

  async function authenticate(request: AuthRequest): Promise<AuthOutcome> {
    const extraction = extractToken(request, settings.locations)
    if (extraction.kind === 'invalid') {
      return { ok: false, failure: reject(invalidRequestFailure(realm, extraction.description)) }
    }
    if (extraction.kind === 'none') {
      if (!settings.credentialsRequired) return { ok: true, auth: undefined }
      return { ok: false, failure: reject(missingTokenFailure(realm)) }
    }

    try {
      return { ok: true, auth: await settings.verify(extraction.token) }
    } catch (error) {
      if (!isJotError(error)) throw error
      return { ok: false, failure: reject(failureForError(error, realm)) }
    }
  }

  return {
    authenticate,
    requireScope: (...scopes) => guardReporting(createScopeGuard(realm, scopes)),
    requireRole: (...roles) => guardReporting(createRoleGuard(realm, settings.rolesClaim, roles)),
    readsFormBody: (method, contentType) =>
      settings.locations.body && isFormBodyRequest(method, contentType),
  }
}
