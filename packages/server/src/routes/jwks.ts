/** GET /.well-known/jwks.json: the public signing keys, for anyone verifying the tokens. */
import type { FastifyInstance } from 'fastify'
import { JWKS_MAX_AGE_SEC } from '../config.js'
import type { SigningKeySet } from '../keys/key-set.js'

/**
 * Registers the JWKS route (RFC 7517 section 5): every key published at the time of the
 * request, the next key before it signs and retired keys until their tokens have expired.
 */
export function registerJwksRoute(
  app: FastifyInstance,
  keys: SigningKeySet,
  now: () => number,
): void {
  app.get('/.well-known/jwks.json', function showKeySet(_request, reply) {
    void reply.header('cache-control', `public, max-age=${JWKS_MAX_AGE_SEC}`)
    // A key set contains public keys only, so any origin may read it. Without this header a
    // browser page on another origin could not verify tokens with remoteKeySet.
    void reply.header('access-control-allow-origin', '*')
    return { keys: keys.publishedAt(now()).map((key) => key.publicJwk) }
  })
}
