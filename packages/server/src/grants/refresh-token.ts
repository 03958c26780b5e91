/** The refresh token grant (RFC 6749 section 6), with rotation and reuse detection. */
import type { FastifyBaseLogger } from 'fastify'
import type { AuthenticatedClient } from '../clients.js'
import { HttpError } from '../http/http-error.js'
import { readScopes, requireParameter } from '../http/params.js'
import type { Params } from '../http/params.js'
import { createRefreshToken, hashRefreshToken, isRefreshTokenSyntax } from '../refresh-tokens.js'
import { intersectScopes } from '../scopes.js'
import { toPublicUser } from '../users.js'
import { assertGrantAllowed, narrowScopes, tokenResponse } from './common.js'
import type { GrantContext, TokenResponse } from './common.js'

// One message for every refused refresh token, so a response does not tell an attacker
// whether a guessed or stolen token ever existed.
const INVALID_REFRESH_TOKEN = 'The refresh token is invalid, expired or revoked.'

/**
 * Exchanges a refresh token for a new access token and a new refresh token; the presented one
 * is retired. The scopes are those of the login, narrowed by the request and by what the user
 * and the client may have now.
 */
export async function grantRefreshToken(
  params: Params,
  client: AuthenticatedClient,
  context: GrantContext,
  log: FastifyBaseLogger,
): Promise<TokenResponse> {
  const presented = requireParameter(params, 'refresh_token')
  const requested = readScopes(params)
  assertGrantAllowed(client, 'refresh_token')
  if (!isRefreshTokenSyntax(presented)) throw invalidGrant()

  const presentedHash = hashRefreshToken(presented)
  const found = await context.store.findRefreshToken(presentedHash)
  if (found === undefined || found.family.clientId !== client.id) throw invalidGrant()
  // RFC 6749 section 6: the request may not widen the scope granted at login.
  if (requested?.some((scope) => !found.family.scopes.includes(scope)) === true) {
    throw new HttpError(
      400,
      'invalid_scope',
      'The requested scope exceeds the scope granted with the refresh token.',
    )
  }
  const user = await context.store.findUserById(found.family.userId)
  if (user === undefined) throw invalidGrant()
  const scopes = narrowScopes(requested, intersectScopes(found.family.scopes, user.scopes), client)

  const next = createRefreshToken()
  const rotation = await context.store.rotateRefreshToken({
    presentedHash,
    newHash: next.hash,
    clientId: client.id,
    now: context.now(),
    idleTtlSec: context.settings.refreshIdleTtlSec,
  })
  if (rotation.outcome !== 'rotated') {
    const level = rotation.outcome === 'reused' ? 'warn' : 'info'
    log[level](
      { familyId: found.family.id, clientId: client.id, outcome: rotation.outcome },
      rotation.outcome === 'reused'
        ? 'retired refresh token reused; token family revoked'
        : 'refresh token refused',
    )
    throw invalidGrant()
  }

  const accessToken = context.issueAccessToken({
    subject: { kind: 'user', user: toPublicUser(user) },
    scopes,
    clientId: client.id,
  })
  log.info(
    { userId: user.id, clientId: client.id, grantType: 'refresh_token' },
    'access token issued',
  )
  return tokenResponse(accessToken, context.settings.accessTokenTtlSec, scopes, next.token)
}

function invalidGrant(): HttpError {
  return new HttpError(400, 'invalid_grant', INVALID_REFRESH_TOKEN)
}
