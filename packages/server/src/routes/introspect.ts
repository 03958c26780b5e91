/** POST /introspect: token introspection (RFC 7662) for registered clients. */
import { isJotError } from '@jot/core'
import type { JwtClaims } from '@jot/core'
import type { FastifyInstance } from 'fastify'
import { authenticateClient } from '../clients.js'
import type { AuthenticatedClient } from '../clients.js'
import { invalidClient, readClientCredentials } from '../http/client-auth.js'
import { readParams, requireParameter } from '../http/params.js'
import { preventCaching } from '../http/security-headers.js'
import { limitByAddress } from '../rate-limit.js'
import { hashRefreshToken, isRefreshTokenSyntax } from '../refresh-tokens.js'
import type { TokenRouteDependencies } from './revoke.js'

/** The response of RFC 7662 section 2.2; an inactive token gets `{ active: false }` only. */
export type IntrospectionResponse =
  { readonly active: false } | ({ readonly active: true } & Record<string, unknown>)

const INACTIVE: IntrospectionResponse = { active: false }
// Members of an access token's claims that RFC 7662 section 2.2 defines.
const ACCESS_TOKEN_MEMBERS = [
  'scope',
  'client_id',
  'username',
  'exp',
  'iat',
  'nbf',
  'sub',
  'aud',
  'iss',
  'jti',
]

/**
 * Registers POST /introspect. Only registered clients that authenticate may call it
 * (RFC 7662 section 2.1), because the response reveals whether a token is valid. Any such client may
 * introspect access tokens, as a resource server does; a refresh token is active only for the
 * client it was issued to.
 */
export function registerIntrospectRoute(app: FastifyInstance, deps: TokenRouteDependencies): void {
  app.post(
    '/introspect',
    { onRequest: [preventCaching, limitByAddress(deps.limiter)] },
    async function introspectToken(request): Promise<IntrospectionResponse> {
      const params = readParams(request.body)
      const credentials = readClientCredentials(request.headers.authorization, params)
      if (credentials.method === 'none') throw invalidClient()
      const client = await authenticateClient(deps.store, credentials)
      const token = requireParameter(params, 'token')

      const result = isRefreshTokenSyntax(token)
        ? await introspectRefreshToken(deps, client, token)
        : await introspectAccessToken(deps, token)
      request.log.info({ clientId: client.id, active: result.active }, 'token introspected')
      return result
    },
  )
}

async function introspectAccessToken(
  deps: TokenRouteDependencies,
  token: string,
): Promise<IntrospectionResponse> {
  let claims: JwtClaims
  try {
    claims = deps.verifyAccessToken(token).claims
  } catch (error) {
    if (!isJotError(error)) throw error
    return INACTIVE
  }
  if (await deps.revocations.isAccessTokenRevoked(String(claims.jti), deps.now())) return INACTIVE
  const members = Object.fromEntries(
    ACCESS_TOKEN_MEMBERS.filter((name) => claims[name] !== undefined).map((name) => [
      name,
      claims[name],
    ]),
  )
  return { active: true, ...members, token_type: 'Bearer' }
}

async function introspectRefreshToken(
  deps: TokenRouteDependencies,
  client: AuthenticatedClient,
  token: string,
): Promise<IntrospectionResponse> {
  const found = await deps.store.findRefreshToken(hashRefreshToken(token))
  const now = deps.now()
  if (found === undefined || !found.isCurrent || found.family.clientId !== client.id)
    return INACTIVE
  const { family } = found
  if (family.revokedAt !== null || family.idleExpiresAt <= now || family.absoluteExpiresAt <= now) {
    return INACTIVE
  }
  const user = await deps.store.findUserById(family.userId)
  if (user === undefined) return INACTIVE
  return {
    active: true,
    ...(family.scopes.length === 0 ? {} : { scope: family.scopes.join(' ') }),
    client_id: family.clientId,
    username: user.username,
    sub: user.id,
    iat: found.issuedAt,
    exp: Math.min(family.idleExpiresAt, family.absoluteExpiresAt),
  }
}
