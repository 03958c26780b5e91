/** @jot/middleware: RFC 6750 bearer token verification, framework-neutral core. */
export { createJwtAuth } from './core/jwt-auth.js'
export type { JwtAuth } from './core/jwt-auth.js'
export { formatBearerChallenge } from './core/challenge.js'
export type { BearerChallengeParams } from './core/challenge.js'
export type {
  AuthErrorCode,
  AuthFailure,
  AuthGuard,
  AuthOutcome,
  AuthRequest,
  JwtAuthOptions,
  JwtAuthResult,
  JwtAuthWarning,
  TokenLocation,
} from './core/types.js'
