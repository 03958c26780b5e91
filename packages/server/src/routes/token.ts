/** POST /token: the OAuth 2.0 token endpoint (RFC 6749) with its three grants. */
import type { FastifyInstance } from 'fastify'
import { authenticateClient } from '../clients.js'
import { grantClientCredentials } from '../grants/client-credentials.js'
import type { GrantContext, TokenResponse } from '../grants/common.js'
import { grantPassword } from '../grants/password.js'
import { grantRefreshToken } from '../grants/refresh-token.js'
import { readClientCredentials } from '../http/client-auth.js'
import { HttpError } from '../http/http-error.js'
import { readParameter, readParams } from '../http/params.js'
import { preventCaching } from '../http/security-headers.js'
import { limitByAddress } from '../rate-limit.js'
import type { RateLimiter } from '../rate-limit.js'

const GRANT_TYPES = ['password', 'refresh_token', 'client_credentials'] as const

/** Registers POST /token. */
export function registerTokenRoute(
  app: FastifyInstance,
  context: GrantContext & { readonly limiter: RateLimiter },
): void {
  app.post(
    '/token',
    { onRequest: [preventCaching, limitByAddress(context.limiter)] },
    async function issueToken(request): Promise<TokenResponse> {
      const params = readParams(request.body)
      const grantType = readGrantType(readParameter(params, 'grant_type'))
      const credentials = readClientCredentials(request.headers.authorization, params)
      const client = await authenticateClient(context.store, credentials)

      switch (grantType) {
        case 'password':
          return grantPassword(params, client, context, request.log)
        case 'refresh_token':
          return grantRefreshToken(params, client, context, request.log)
        case 'client_credentials':
          return grantClientCredentials(params, client, context, request.log)
      }
    },
  )
}

function readGrantType(grantType: string | undefined): (typeof GRANT_TYPES)[number] {
  if (grantType === undefined) {
    throw new HttpError(400, 'invalid_request', 'The grant_type parameter is missing.')
  }
  const known = GRANT_TYPES.find((name) => name === grantType)
  if (known === undefined) {
    throw new HttpError(
      400,
      'unsupported_grant_type',
      `The grant type "${grantType.slice(0, 32)}" is not supported; use password, ` +
        'refresh_token or client_credentials.',
    )
  }
  return known
}
