/** JWS: compact serialization. */
export { signCompact } from './compact-sign.js'
export type { SignCompactOptions } from './compact-sign.js'
export { verifyCompact } from './compact-verify.js'
export type { VerifyCompactResult } from './compact-verify.js'
export type { JwsHeader } from './header.js'
export type { AsyncKeyResolver, KeyResolver, VerificationKeys } from './key-selection.js'
export type { VerifyJwsOptions } from './options.js'
