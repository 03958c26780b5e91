/** GET /me: returns the verified claims of the caller's access token (RFC 6750). */
import { isJotError } from '@jot/core'
import type { FastifyInstance } from 'fastify'
import type { AccessTokenVerifier } from '../access-tokens.js'
import { bearerChallenge, readBearerToken } from '../http/bearer.js'
import { HttpError } from '../http/http-error.js'

/** Registers GET /me, protected by the service's own access tokens. */
export function registerMeRoute(
  app: FastifyInstance,
  verifyAccessToken: AccessTokenVerifier,
): void {
  app.get('/me', function showClaims(request, reply) {
    const token = readBearerToken(request.headers.authorization)
    if (token === undefined) {
      // RFC 6750 section 3.1: a request without credentials gets no error code in the challenge.
      throw new HttpError(401, 'unauthorized', 'A bearer access token is required.', {
        headers: { 'www-authenticate': bearerChallenge() },
      })
    }

    let claims
    try {
      claims = verifyAccessToken(token).claims
    } catch (error) {
      if (!isJotError(error)) throw error
      // Only the code reaches the log and a fixed sentence reaches the client, never the token.
      const description =
        error.code === 'TOKEN_EXPIRED'
          ? 'The access token has expired.'
          : 'The access token is invalid.'
      throw new HttpError(401, 'invalid_token', description, {
        headers: {
          'www-authenticate': bearerChallenge({
            error: 'invalid_token',
            errorDescription: description,
          }),
        },
        cause: error,
      })
    }
    void reply.header('cache-control', 'no-store')
    return { claims }
  })
}
