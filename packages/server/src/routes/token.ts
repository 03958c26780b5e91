/** POST /token: the OAuth 2.0 token endpoint (RFC 6749), password grant only for now. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AccessTokenIssuer } from '../access-tokens.js'
import { HttpError } from '../http/http-error.js'
import type { PasswordChecker } from '../passwords.js'
import { grantScopes, parseScopeParameter } from '../scopes.js'
import type { Store } from '../store/store.js'
import type { User } from '../users.js'

/** Dependencies of the token route. */
export interface TokenRouteOptions {
  readonly store: Store
  readonly checkPassword: PasswordChecker
  readonly issueAccessToken: AccessTokenIssuer
  /** Lifetime of issued access tokens in seconds, reported as `expires_in`. */
  readonly expiresInSec: number
}

interface PasswordGrantRequest {
  readonly username: string
  readonly password: string
  /** Undefined when the request has no `scope`. */
  readonly scopes: readonly string[] | undefined
  readonly clientId: string
}

/** `client_id` of tokens whose request names no client. */
export const DEFAULT_CLIENT_ID = 'jot'
// RFC 6749 appendix A.1: client_id = *VSCHAR, printable ASCII including space.
const CLIENT_ID = /^[\x20-\x7e]{1,128}$/
// One message for an unknown user and a wrong password, so a response never reveals which
// usernames exist.
const BAD_CREDENTIALS = 'The username or password is incorrect.'

/** Registers POST /token. */
export function registerTokenRoute(app: FastifyInstance, options: TokenRouteOptions): void {
  app.post('/token', { onRequest: preventCaching }, async function issueToken(request) {
    const grant = readPasswordGrant(request.body)
    // NOTE: clients are not registered or authenticated yet; any client_id is accepted and
    // copied into the token.
    const user = await authenticate(options, grant.username, grant.password)
    const scopes = grantScopes(grant.scopes, user.scopes)
    if (grant.scopes !== undefined && scopes.length === 0) {
      throw new HttpError(
        400,
        'invalid_scope',
        'None of the requested scopes is granted to the user.',
      )
    }

    const accessToken = options.issueAccessToken({ user, scopes, clientId: grant.clientId })
    request.log.info({ userId: user.id, clientId: grant.clientId }, 'access token issued')
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: options.expiresInSec,
      ...(scopes.length === 0 ? {} : { scope: scopes.join(' ') }),
    }
  })
}

// RFC 6749 section 5.1: responses with tokens or credentials must not be cached.
function preventCaching(_request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  void reply.header('cache-control', 'no-store').header('pragma', 'no-cache')
  done()
}

async function authenticate(
  options: TokenRouteOptions,
  username: string,
  password: string,
): Promise<User> {
  const record = await options.store.findUserByUsername(username)
  const valid = await options.checkPassword(password, record?.passwordHash)
  if (record === undefined || !valid) throw new HttpError(400, 'invalid_grant', BAD_CREDENTIALS)
  return {
    id: record.id,
    username: record.username,
    roles: record.roles,
    scopes: record.scopes,
    createdAt: record.createdAt,
  }
}

function readPasswordGrant(body: unknown): PasswordGrantRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(
      400,
      'invalid_request',
      'The request body must be a form (application/x-www-form-urlencoded) or a JSON object.',
    )
  }
  const params = body as Readonly<Record<string, unknown>>

  const grantType = readParameter(params, 'grant_type')
  if (grantType === undefined) {
    throw new HttpError(400, 'invalid_request', 'The grant_type parameter is missing.')
  }
  if (grantType !== 'password') {
    throw new HttpError(
      400,
      'unsupported_grant_type',
      `The grant type "${grantType.slice(0, 32)}" is not supported; use "password".`,
    )
  }
  return {
    username: requireParameter(params, 'username'),
    password: requireParameter(params, 'password'),
    scopes: readScopes(params),
    clientId: readClientId(params),
  }
}

// RFC 6749 section 3.2 (and appendix A): a parameter sent without a value is treated as if
// omitted, and unknown parameters are ignored.
function readParameter(
  params: Readonly<Record<string, unknown>>,
  name: string,
): string | undefined {
  if (!Object.hasOwn(params, name)) return undefined
  const value = params[name]
  if (value === undefined || value === '') return undefined
  if (typeof value !== 'string') {
    throw new HttpError(400, 'invalid_request', `The ${name} parameter must be a string.`)
  }
  return value
}

function requireParameter(params: Readonly<Record<string, unknown>>, name: string): string {
  const value = readParameter(params, name)
  if (value === undefined) {
    throw new HttpError(400, 'invalid_request', `The ${name} parameter is missing.`)
  }
  return value
}

function readScopes(params: Readonly<Record<string, unknown>>): string[] | undefined {
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

function readClientId(params: Readonly<Record<string, unknown>>): string {
  const clientId = readParameter(params, 'client_id') ?? DEFAULT_CLIENT_ID
  if (!CLIENT_ID.test(clientId)) {
    throw new HttpError(
      400,
      'invalid_request',
      'The client_id parameter must be 1 to 128 printable ASCII characters.',
    )
  }
  return clientId
}
