/** JWS: compact, flattened and general JSON serializations. */
export { signCompact } from './compact-sign.js'
export type { SignCompactOptions } from './compact-sign.js'
export { verifyCompact } from './compact-verify.js'
export type { VerifyCompactOptions, VerifyCompactResult } from './compact-verify.js'
export { signJson } from './json-sign.js'
export type {
  FlattenedJws,
  GeneralJws,
  GeneralJwsSignature,
  JsonSigner,
  SignJsonOptions,
} from './json-sign.js'
export { verifyJson } from './json-verify.js'
export type { VerifyJsonOptions, VerifyJsonResult } from './json-verify.js'
export type { JwsHeader } from './header.js'
export type { JwsHeaderParameters } from './json-header.js'
export type { AsyncKeyResolver, KeyResolver, VerificationKeys } from './key-selection.js'
export type { VerifyJwsOptions } from './options.js'
