/** The client credentials grant (RFC 6749 section 4.4): a registered client acting for itself. */
import type { FastifyBaseLogger } from 'fastify'
import type { AuthenticatedClient } from '../clients.js'
import { readScopes } from '../http/params.js'
import type { Params } from '../http/params.js'
import { assertGrantAllowed, narrowScopes, tokenResponse } from './common.js'
import type { GrantContext, TokenResponse } from './common.js'

/**
 * Issues an access token whose subject is the client. RFC 6749 section 4.4.3 advises against a
 * refresh token here: the client can authenticate again at any time.
 */
export function grantClientCredentials(
  params: Params,
  client: AuthenticatedClient,
  context: GrantContext,
  log: FastifyBaseLogger,
): TokenResponse {
  const requested = readScopes(params)
  assertGrantAllowed(client, 'client_credentials')
  const scopes = narrowScopes(requested, client.record?.scopes ?? [], client)

  const accessToken = context.issueAccessToken({
    subject: { kind: 'client' },
    scopes,
    clientId: client.id,
  })
  log.info({ clientId: client.id, grantType: 'client_credentials' }, 'access token issued')
  return tokenResponse(accessToken, context.settings.accessTokenTtlSec, scopes)
}
