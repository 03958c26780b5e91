/** GET /.well-known/oauth-authorization-server: authorization server metadata (RFC 8414). */
import type { FastifyInstance } from 'fastify'
import { JWKS_MAX_AGE_SEC } from '../config.js'

const PATH = '/.well-known/oauth-authorization-server'
const AUTH_METHODS = ['client_secret_basic', 'client_secret_post']

/**
 * Registers the metadata route. RFC 8414 section 3 puts the well-known segment before the
 * issuer's path, so an issuer `https://host/auth` is served at
 * `/.well-known/oauth-authorization-server/auth` as well as at the plain path.
 */
export function registerMetadataRoute(app: FastifyInstance, issuer: string): void {
  const base = issuer.replace(/\/+$/, '')
  const body = {
    issuer,
    token_endpoint: `${base}/token`,
    jwks_uri: `${base}/.well-known/jwks.json`,
    revocation_endpoint: `${base}/revoke`,
    introspection_endpoint: `${base}/introspect`,
    // Required by RFC 8414 section 2; the service has no authorization endpoint, so no
    // response type is supported.
    response_types_supported: [],
    grant_types_supported: ['password', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_methods_supported: [...AUTH_METHODS, 'none'],
    revocation_endpoint_auth_methods_supported: [...AUTH_METHODS, 'none'],
    introspection_endpoint_auth_methods_supported: AUTH_METHODS,
  }
  const issuerPath = new URL(issuer).pathname.replace(/\/+$/, '')
  const paths = issuerPath === '' ? [PATH] : [PATH, `${PATH}${issuerPath}`]
  for (const path of paths) {
    app.get(path, function showMetadata(_request, reply) {
      void reply.header('cache-control', `public, max-age=${JWKS_MAX_AGE_SEC}`)
      return body
    })
  }
}
