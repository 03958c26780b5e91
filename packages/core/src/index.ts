/** @jot/core: JWS, JWE, JWK and JWT with zero runtime dependencies. */
export * from './errors.js'
export * from './keys/index.js'
export { JWS_ALGORITHMS, isJwsAlgorithm } from './jwa/jws-algorithms.js'
export type { Curve, EcCurve, JwsAlgorithm, KeyType, OkpCurve } from './jwa/jws-algorithms.js'
export * from './jws/index.js'
export * from './jwe/index.js'
export * from './jwt/index.js'
export * from './jwks/index.js'
