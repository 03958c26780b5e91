/** The access token every contender signs and verifies, and the claims the verifiers expect. */

export const ISSUER = 'https://auth.example.com'
export const AUDIENCE = 'https://api.example.com'

/** The payload of a typical access token: subject, issuer, audience, lifetime, scope, roles. */
// A type alias rather than an interface, so it fits the libraries' index-signature claim types.
export type Claims = {
  readonly sub: string
  readonly iss: string
  readonly aud: string
  readonly iat: number
  readonly exp: number
  // Optional only so the growth mode can leave them out; CLAIMS has both.
  readonly scope?: string
  readonly roles?: readonly string[]
  /** Set only where tokens must differ, as in the memory mode. */
  readonly jti?: string
  /** Padding, set only by the growth mode to reach a payload size. */
  readonly pad?: string
}

// 245 bytes as JSON. `exp` is 2100-01-01 so the benchmark never runs into expiry, and `iat` is
// fixed so that every contender signs the same bytes, whatever the clock reads.
export const CLAIMS: Claims = Object.freeze({
  sub: 'user_5f2b7c1e9a3d4e60b8a1c7d3e2',
  iss: ISSUER,
  aud: AUDIENCE,
  iat: 1767225600,
  exp: 4102444800,
  scope: 'openid profile email orders:read orders:write payments:read',
  roles: Object.freeze(['customer', 'beta-tester']),
})
