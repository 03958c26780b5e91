/** GET /.well-known/jwks.json: the public signing keys, for anyone verifying the tokens. */
import type { FastifyInstance } from 'fastify'
import type { KeyRing } from '../keys/signing-keys.js'

/** Seconds that clients and proxies may cache the key set. */
export const JWKS_MAX_AGE_SEC = 300

/** Registers the JWKS route (RFC 7517 section 5). */
export function registerJwksRoute(app: FastifyInstance, keys: KeyRing): void {
  const body = { keys: keys.published.map((key) => key.publicJwk) }
  app.get('/.well-known/jwks.json', function showKeySet(_request, reply) {
    void reply.header('cache-control', `public, max-age=${JWKS_MAX_AGE_SEC}`)
    return body
  })
}
