/** Express adapter: jwtAuth verifies the bearer token and puts it on `req.auth`. */
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { createJwtAuth } from './core/jwt-auth.js'
import type { AuthFailure, AuthGuard, JwtAuthOptions, JwtAuthResult } from './core/types.js'

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express types its Request through this global namespace
  namespace Express {
    interface Request {
      /** The verified token; undefined when credentials are optional and the request had none. */
      auth?: JwtAuthResult | undefined
    }
  }
}

/** The jwtAuth middleware, with guards for the routes behind it. */
export interface ExpressJwtAuth extends RequestHandler {
  /** Returns middleware requiring every one of `scopes` (403 `insufficient_scope`). */
  requireScope(...scopes: string[]): RequestHandler
  /** Returns middleware requiring one of `roles` (403 `access_denied`). */
  requireRole(...roles: string[]): RequestHandler
}

/**
 * Creates Express middleware that verifies the request's bearer token (RFC 6750) and sets
 * `req.auth`, or responds with 400, 401, 403, 500 or 503 with a JSON body. For body tokens, mount
 * `express.urlencoded()` before it.
 * @throws JotError `OPTION_INVALID` at creation.
 * @example
 * const auth = jwtAuth({ keys: publicKey, issuer: 'https://auth.example.com' })
 * app.get('/orders', auth, auth.requireScope('orders:read'), (req, res) => {
 *   res.json({ user: req.auth?.claims.sub })
 * })
 */
export function jwtAuth(options: JwtAuthOptions): ExpressJwtAuth {
  const auth = createJwtAuth(options)

  async function verifyRequest(req: Request, res: Response, next: NextFunction): Promise<void> {
    const outcome = await auth.authenticate({
      method: req.method,
      // req.headers keeps only the first Authorization header, headersDistinct every one.
      // Mock requests that are not an IncomingMessage lack it.
      headers: req.headersDistinct ?? req.headers,
      query: req.query,
      body: req.body,
    })
    if (!outcome.ok) {
      sendFailure(res, outcome.failure)
      return
    }
    req.auth = outcome.auth
    next()
  }

  return Object.assign(verifyRequest, {
    requireScope: (...scopes: string[]) => guardMiddleware(auth.requireScope(...scopes)),
    requireRole: (...roles: string[]) => guardMiddleware(auth.requireRole(...roles)),
  })
}

function guardMiddleware(guard: AuthGuard): RequestHandler {
  return function checkGuard(req, res, next) {
    const failure = guard(req.auth)
    if (failure !== undefined) {
      sendFailure(res, failure)
      return
    }
    next()
  }
}

function sendFailure(res: Response, failure: AuthFailure): void {
  res.status(failure.status).set(failure.headers).json(failure.body)
}
