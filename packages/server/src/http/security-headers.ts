/** Response headers that keep browsers and caches from misusing the service's JSON responses. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/**
 * Headers on every response, errors and 404 included. The service only returns JSON, so the
 * content security policy allows nothing at all: no scripts, no framing, no loads.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
}

/** Adds SECURITY_HEADERS to every response of `app`. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', function addSecurityHeaders(_request, reply, done) {
    void reply.headers(SECURITY_HEADERS)
    done()
  })
}

/**
 * Marks a response as not cacheable, as RFC 6749 section 5.1 requires for responses with tokens
 * or credentials. It is an onRequest hook, so that error responses carry the headers too.
 */
export function preventCaching(
  _request: FastifyRequest,
  reply: FastifyReply,
  done: () => void,
): void {
  void reply.header('cache-control', 'no-store').header('pragma', 'no-cache')
  done()
}
