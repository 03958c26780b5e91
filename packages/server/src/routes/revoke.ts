/** POST /revoke: token revocation (RFC 7009) for access and refresh tokens. */
import { isJotError } from '@jot/core'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { AccessTokenVerifier } from '../access-tokens.js'
import { authenticateClient } from '../clients.js'
import type { AuthenticatedClient } from '../clients.js'
import { readClientCredentials } from '../http/client-auth.js'
import { readParams, requireParameter } from '../http/params.js'
import { preventCaching } from '../http/security-headers.js'
import { limitByAddress } from '../rate-limit.js'
import type { RateLimiter } from '../rate-limit.js'
import { hashRefreshToken, isRefreshTokenSyntax } from '../refresh-tokens.js'
import type { RevocationList, Store } from '../store/store.js'

/** Dependencies of the revocation and introspection routes. */
export interface TokenRouteDependencies {
  readonly store: Store
  readonly revocations: RevocationList
  readonly verifyAccessToken: AccessTokenVerifier
  readonly limiter: RateLimiter
  /** Current time in seconds since the Unix epoch. */
  readonly now: () => number
}

/**
 * Registers POST /revoke. The client authenticates as at the token endpoint, and may revoke
 * only tokens issued to it. RFC 7009 section 2.2 requires 200 for an invalid token. This route
 * also returns 200 for another client's token and leaves it alone, because an error would tell
 * the caller that the token is valid. `token_type_hint` is not needed, because the service's
 * refresh tokens and access tokens never look alike.
 */
export function registerRevokeRoute(app: FastifyInstance, deps: TokenRouteDependencies): void {
  app.post(
    '/revoke',
    { onRequest: [preventCaching, limitByAddress(deps.limiter)] },
    async function revokeToken(request, reply) {
      const params = readParams(request.body)
      const token = requireParameter(params, 'token')
      const credentials = readClientCredentials(request.headers.authorization, params)
      const client = await authenticateClient(deps.store, credentials)

      if (isRefreshTokenSyntax(token)) {
        await revokeRefreshToken(deps, client, token, request.log)
      } else {
        await revokeAccessToken(deps, client, token, request.log)
      }
      return reply.code(200).send()
    },
  )
}

async function revokeRefreshToken(
  deps: TokenRouteDependencies,
  client: AuthenticatedClient,
  token: string,
  log: FastifyBaseLogger,
): Promise<void> {
  const found = await deps.store.findRefreshToken(hashRefreshToken(token))
  if (found === undefined || found.family.clientId !== client.id) {
    log.info({ clientId: client.id, tokenType: 'refresh_token' }, 'revocation of unknown token')
    return
  }
  // RFC 7009 section 2.1: revoking a refresh token revokes its whole grant.
  await deps.store.revokeRefreshFamily(found.family.id, deps.now())
  log.info({ clientId: client.id, familyId: found.family.id }, 'refresh token family revoked')
  // NOTE: access tokens already issued from this family stay valid until they expire, at most
  // JOT_ACCESS_TOKEN_TTL_SEC, because the family does not record their jti values.
}

async function revokeAccessToken(
  deps: TokenRouteDependencies,
  client: AuthenticatedClient,
  token: string,
  log: FastifyBaseLogger,
): Promise<void> {
  let claims
  try {
    claims = deps.verifyAccessToken(token).claims
  } catch (error) {
    if (!isJotError(error)) throw error
    log.info({ clientId: client.id, code: error.code }, 'revocation of invalid token')
    return
  }
  if (claims['client_id'] !== client.id || typeof claims.exp !== 'number') {
    log.info({ clientId: client.id, tokenType: 'access_token' }, 'revocation of unknown token')
    return
  }
  await deps.revocations.revokeAccessToken(String(claims.jti), claims.exp, deps.now())
  log.info({ clientId: client.id, jti: claims.jti }, 'access token revoked')
}
