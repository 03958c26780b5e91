/** Request parameters of the OAuth endpoints (RFC 6749 section 3.2), from a form or JSON body. */
import { parseScopeParameter } from '../scopes.js'
import { HttpError } from './http-error.js'

/** The parameters of a request body, by name. */
export type Params = Readonly<Record<string, unknown>>

/** `client_id` of requests that name no client. */
export const DEFAULT_CLIENT_ID = 'jot'
// RFC 6749 appendix A.1: client_id = *VSCHAR, printable ASCII including space.
const CLIENT_ID = /^[\x20-\x7e]{1,128}$/

/**
 * Returns the body as parameters.
 * @throws HttpError 400 `invalid_request` when the body is not an object.
 */
export function readParams(body: unknown): Params {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(
      400,
      'invalid_request',
      'The request body must be a form (application/x-www-form-urlencoded) or a JSON object.',
    )
  }
  return body as Params
}

/**
 * Reads a string parameter. RFC 6749 section 3.2 (and appendix A): a parameter sent without a
 * value is treated as if omitted, and unknown parameters are ignored.
 * @throws HttpError 400 `invalid_request` when the value is not a string.
 */
export function readParameter(params: Params, name: string): string | undefined {
  if (!Object.hasOwn(params, name)) return undefined
  const value = params[name]
  if (value === undefined || value === '') return undefined
  if (typeof value !== 'string') {
    throw new HttpError(400, 'invalid_request', `The ${name} parameter must be a string.`)
  }
  return value
}

/** Reads a parameter that must be present. */
export function requireParameter(params: Params, name: string): string {
  const value = readParameter(params, name)
  if (value === undefined) {
    throw new HttpError(400, 'invalid_request', `The ${name} parameter is missing.`)
  }
  return value
}

/**
 * Reads the `scope` parameter as a list of scope tokens.
 * @returns The tokens, or undefined when the request has no scope.
 */
export function readScopes(params: Params): string[] | undefined {
  const scope = readParameter(params, 'scope')
  if (scope === undefined) return undefined
  const scopes = parseScopeParameter(scope)
  if (scopes === undefined) {
    throw new HttpError(
      400,
      'invalid_scope',
      'The scope parameter must list scope tokens separated by single spaces.',
    )
  }
  return scopes
}

/** Checks the syntax of a `client_id` that a request names. */
export function checkClientId(clientId: string): string {
  if (!CLIENT_ID.test(clientId)) {
    throw new HttpError(
      400,
      'invalid_request',
      'The client_id parameter must be 1 to 128 printable ASCII characters.',
    )
  }
  return clientId
}
