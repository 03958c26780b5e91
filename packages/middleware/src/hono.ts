/** Hono adapter: jwtAuth verifies the bearer token and sets the `auth` context variable. */
import type { Context, MiddlewareHandler } from 'hono'
import { createJwtAuth } from './core/jwt-auth.js'
import type { AuthFailure, AuthGuard, JwtAuthOptions, JwtAuthResult } from './core/types.js'

/** The context variables jwtAuth sets; use it as the app's or route's Env. */
export interface JwtAuthEnv {
  Variables: {
    /** The verified token; undefined when credentials are optional and the request had none. */
    auth: JwtAuthResult | undefined
  }
}

/** The jwtAuth middleware, with guards for the routes behind it. */
export interface HonoJwtAuth extends MiddlewareHandler<JwtAuthEnv> {
  /** Returns middleware requiring every one of `scopes` (403 `insufficient_scope`). */
  requireScope(...scopes: string[]): MiddlewareHandler<JwtAuthEnv>
  /** Returns middleware requiring one of `roles` (403 `access_denied`). */
  requireRole(...roles: string[]): MiddlewareHandler<JwtAuthEnv>
}

/**
 * Creates Hono middleware that verifies the request's bearer token (RFC 6750) and sets
 * `c.get('auth')`, or responds with 400, 401, 403, 500 or 503 with a JSON body. A form body is
 * parsed only when `tokenLocations` lists `body` and the request is form-encoded.
 * @throws JotError `OPTION_INVALID` at creation.
 * @example
 * const auth = jwtAuth({ keys: publicKey, issuer: 'https://auth.example.com' })
 * const app = new Hono<JwtAuthEnv>()
 * app.get('/orders', auth, auth.requireScope('orders:read'), (c) =>
 *   c.json({ user: c.get('auth')?.claims.sub }),
 * )
 */
export function jwtAuth(options: JwtAuthOptions): HonoJwtAuth {
  const auth = createJwtAuth(options)

  const verifyRequest: MiddlewareHandler<JwtAuthEnv> = async function verifyRequest(c, next) {
    const method = c.req.method
    const body = auth.readsFormBody(method, c.req.header('content-type'))
      ? await c.req.parseBody({ all: true })
      : undefined
    const outcome = await auth.authenticate({
      method,
      headers: c.req.header(),
      query: c.req.queries(),
      body,
    })
    if (!outcome.ok) return sendFailure(c, outcome.failure)
    c.set('auth', outcome.auth)
    await next()
    return undefined
  }

  return Object.assign(verifyRequest, {
    requireScope: (...scopes: string[]) => guardMiddleware(auth.requireScope(...scopes)),
    requireRole: (...roles: string[]) => guardMiddleware(auth.requireRole(...roles)),
  })
}

function guardMiddleware(guard: AuthGuard): MiddlewareHandler<JwtAuthEnv> {
  return async function checkGuard(c, next) {
    const failure = guard(c.get('auth'))
    if (failure !== undefined) return sendFailure(c, failure)
    await next()
    return undefined
  }
}

function sendFailure(c: Context<JwtAuthEnv>, failure: AuthFailure): Response {
  return c.json(failure.body, failure.status, failure.headers)
}
