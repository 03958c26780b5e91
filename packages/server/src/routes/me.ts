/** GET /me: returns the verified claims of the caller's access token (RFC 6750). */
import { isJotError } from '@jot/core'
import type { JwtClaims } from '@jot/core'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { AccessTokenVerifier } from '../access-tokens.js'
import { bearerChallenge, readBearerToken } from '../http/bearer.js'
import { HttpError } from '../http/http-error.js'
import type { RevocationList } from '../store/store.js'

/** Dependencies of GET /me. */
export interface MeRouteOptions {
  readonly verifyAccessToken: AccessTokenVerifier
  readonly revocations: RevocationList
  /** Current time in seconds since the Unix epoch. */
  readonly now: () => number
}

/** Registers GET /me, protected by the service's own access tokens. */
export function registerMeRoute(app: FastifyInstance, options: MeRouteOptions): void {
  // Not async: when the revocation cache already has the jti, the handler returns the body
  // without a promise, which spares each request the promise and microtask turns of an await.
  app.get('/me', function showClaims(request, reply) {
    const token = readBearerToken(request.headers.authorization)
    if (token === undefined) {
      // RFC 6750 section 3.1: a request without credentials gets no error code in the challenge.
      throw new HttpError(401, 'unauthorized', 'A bearer access token is required.', {
        headers: { 'www-authenticate': bearerChallenge() },
      })
    }

    const claims = verifyOrReject(options.verifyAccessToken, token)
    // requiredClaims makes the verifier reject a token without a string jti.
    const jti = String(claims.jti)
    if (options.revocations.isKnownNotRevoked?.(jti) === true) return claimsBody(reply, claims)
    return options.revocations.isAccessTokenRevoked(jti, options.now()).then((revoked) => {
      if (revoked) throw invalidToken('The access token has been revoked.')
      return claimsBody(reply, claims)
    })
  })
}

function claimsBody(reply: FastifyReply, claims: JwtClaims): { claims: JwtClaims } {
  void reply.header('cache-control', 'no-store')
  return { claims }
}

function verifyOrReject(verify: AccessTokenVerifier, token: string): JwtClaims {
  try {
    return verify(token).claims
  } catch (error) {
    if (!isJotError(error)) throw error
    // Only the code reaches the log and a fixed sentence reaches the client, never the token.
    const description =
      error.code === 'TOKEN_EXPIRED'
        ? 'The access token has expired.'
        : 'The access token is invalid.'
    throw invalidToken(description, error)
  }
}

function invalidToken(description: string, cause?: unknown): HttpError {
  return new HttpError(401, 'invalid_token', description, {
    headers: {
      'www-authenticate': bearerChallenge({
        error: 'invalid_token',
        errorDescription: description,
      }),
    },
    cause,
  })
}
