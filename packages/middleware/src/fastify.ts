/** Fastify adapter: jwtAuth is a preHandler hook that puts the verified token on `request.auth`. */
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import { createJwtAuth } from './core/jwt-auth.js'
import type { AuthFailure, AuthGuard, JwtAuthOptions, JwtAuthResult } from './core/types.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified token; undefined when credentials are optional and the request had none. */
    auth?: JwtAuthResult | undefined
  }
}

/** The jwtAuth hook, with guards for the routes behind it. */
export interface FastifyJwtAuth extends preHandlerAsyncHookHandler {
  /** Returns a preHandler hook requiring every one of `scopes` (403 `insufficient_scope`). */
  requireScope(...scopes: string[]): preHandlerAsyncHookHandler
  /** Returns a preHandler hook requiring one of `roles` (403 `access_denied`). */
  requireRole(...roles: string[]): preHandlerAsyncHookHandler
}

/**
 * Creates a Fastify hook that verifies the request's bearer token (RFC 6750) and sets
 * `request.auth`, or responds with 400, 401, 403, 500 or 503 with a JSON body. Register it as a
 * preHandler, after body parsing; Fastify parses form bodies only with a content type parser
 * such as @fastify/formbody.
 * @throws JotError `OPTION_INVALID` at creation.
 * @example
 * const auth = jwtAuth({ keys: publicKey, issuer: 'https://auth.example.com' })
 * app.addHook('preHandler', auth)
 * app.get('/orders', { preHandler: auth.requireScope('orders:read') }, (request) => ({
 *   user: request.auth?.claims.sub,
 * }))
 */
export function jwtAuth(options: JwtAuthOptions): FastifyJwtAuth {
  const auth = createJwtAuth(options)

  async function verifyRequest(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const outcome = await auth.authenticate({
      method: request.method,
      // request.headers keeps only the first Authorization header, headersDistinct every one.
      // Requests made by fastify.inject lack it.
      headers: request.raw.headersDistinct ?? request.headers,
      query: request.query,
      body: request.body,
    })
    if (!outcome.ok) return sendFailure(reply, outcome.failure)
    request.auth = outcome.auth
    return undefined
  }

  return Object.assign(verifyRequest, {
    requireScope: (...scopes: string[]) => guardHook(auth.requireScope(...scopes)),
    requireRole: (...roles: string[]) => guardHook(auth.requireRole(...roles)),
  })
}

function guardHook(guard: AuthGuard): preHandlerAsyncHookHandler {
  return async function checkGuard(request, reply) {
    const failure = guard(request.auth)
    return failure === undefined ? undefined : sendFailure(reply, failure)
  }
}

// An async hook that has sent the reply returns it, so Fastify stops the request there.
function sendFailure(reply: FastifyReply, failure: AuthFailure): FastifyReply {
  return reply.code(failure.status).headers(failure.headers).send(failure.body)
}
