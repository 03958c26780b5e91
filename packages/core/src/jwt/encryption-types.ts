/** Types of the encrypted and nested JWT functions. */
import type { EncryptOptionsBase } from '../jwe/encrypt.js'
import type { JweHeader } from '../jwe/header.js'
import type { DecryptionKeys } from '../jwe/key-selection.js'
import type { DecryptOptions } from '../jwe/options.js'
import type { JotKey } from '../keys/key.js'
import type { JwsHeader } from '../jws/header.js'
import type { AsyncKeyResolver, VerificationKeys } from '../jws/key-selection.js'
import type { VerifyJwsOptions } from '../jws/options.js'
import type { JwtClaims, SignJwtOptions, VerifyClaimsOptions } from './types.js'

/**
 * Options for encrypting a JWT: the claim options of signJwt, the JWE encryption options, and
 * `header` for further protected JWE header parameters. `typ` defaults to "JWT"; `kid`
 * defaults to the key's.
 */
export interface EncryptJwtOptions extends SignJwtOptions, EncryptOptionsBase {}

/** Options for decrypting a JWT: the JWE decryption limits and the claim checks of verifyJwt. */
export interface DecryptJwtOptions
  extends VerifyClaimsOptions, Omit<DecryptOptions, 'returnContentEncryptionKey'> {}

/** A decrypted JWT: the JWE protected header and the checked claims. */
export interface DecryptJwtResult<C extends JwtClaims = JwtClaims> {
  readonly header: JweHeader
  readonly claims: C
}

/** The two keys of a nested JWT: one signs the inner JWS, the other encrypts it. */
export interface SignAndEncryptKeys {
  /** A private key or secret bound to a JWS algorithm. */
  readonly signingKey: JotKey
  /** The recipient's key, bound to a JWE key management algorithm. */
  readonly encryptionKey: JotKey
}

/**
 * Options for a nested JWT. The signJwt options (`header`, `typ`, `kid` included) shape the
 * inner JWS; `enc`, `zip`, `pbes2Count` and `fixedRandomness` the outer JWE, whose protected
 * header always carries `cty: "JWT"` and takes further parameters from `encryptionHeader`.
 */
export interface SignAndEncryptJwtOptions extends SignJwtOptions, EncryptOptionsBase {
  /** Further protected parameters of the outer JWE header. `cty` is always "JWT". */
  readonly encryptionHeader?: Readonly<Record<string, unknown>> | undefined
}

/** The keys that open a nested JWT: one set decrypts the outer JWE, the other verifies the JWS. */
export interface DecryptAndVerifyKeys {
  readonly decryptionKeys: DecryptionKeys
  readonly verificationKeys: VerificationKeys | AsyncKeyResolver
}

/**
 * Options for opening a nested JWT. The claim checks apply to the inner JWT, whose header
 * `typ` is the one compared; `decryption` configures the outer JWE and `verification` the
 * inner JWS.
 */
export interface DecryptAndVerifyJwtOptions extends VerifyClaimsOptions {
  readonly decryption?: Omit<DecryptOptions, 'returnContentEncryptionKey'> | undefined
  readonly verification?: VerifyJwsOptions | undefined
}

/** An opened nested JWT: the inner JWS header, the claims, and the outer JWE header. */
export interface DecryptAndVerifyJwtResult<C extends JwtClaims = JwtClaims> {
  readonly header: JwsHeader
  readonly claims: C
  readonly encryptionHeader: JweHeader
}
