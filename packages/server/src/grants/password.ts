/** The resource owner password credentials grant (RFC 6749 section 4.3). */
import type { FastifyBaseLogger } from 'fastify'
import type { AuthenticatedClient } from '../clients.js'
import { HttpError } from '../http/http-error.js'
import { readScopes, requireParameter } from '../http/params.js'
import type { Params } from '../http/params.js'
import { startRefreshFamily } from '../refresh-tokens.js'
import { toPublicUser } from '../users.js'
import type { User } from '../users.js'
import { assertGrantAllowed, mayRefresh, narrowScopes, tokenResponse } from './common.js'
import type { GrantContext, TokenResponse } from './common.js'

// One message for an unknown user and a wrong password, so a response never reveals which
// usernames exist.
const BAD_CREDENTIALS = 'The username or password is incorrect.'

/** Logs a user in and starts a refresh token family, one per login. */
export async function grantPassword(
  params: Params,
  client: AuthenticatedClient,
  context: GrantContext,
  log: FastifyBaseLogger,
): Promise<TokenResponse> {
  const username = requireParameter(params, 'username')
  const password = requireParameter(params, 'password')
  const requested = readScopes(params)
  assertGrantAllowed(client, 'password')

  await context.limiter.checkLogin(username)
  const user = await authenticate(context, username, password)
  const scopes = narrowScopes(requested, user.scopes, client)

  const accessToken = context.issueAccessToken({
    subject: { kind: 'user', user },
    scopes,
    clientId: client.id,
  })
  const refreshToken = mayRefresh(client)
    ? await startRefreshFamily(
        context.store,
        { userId: user.id, clientId: client.id, scopes, now: context.now() },
        context.settings,
      )
    : undefined
  log.info({ userId: user.id, clientId: client.id, grantType: 'password' }, 'access token issued')
  return tokenResponse(accessToken, context.settings.accessTokenTtlSec, scopes, refreshToken)
}

async function authenticate(
  context: GrantContext,
  username: string,
  password: string,
): Promise<User> {
  const record = await context.store.findUserByUsername(username)
  const valid = await context.checkPassword(password, record?.passwordHash)
  if (record === undefined || !valid) {
    await context.limiter.countFailedLogin(username)
    throw new HttpError(400, 'invalid_grant', BAD_CREDENTIALS)
  }
  return toPublicUser(record)
}
