/** The storage interfaces of the service, whatever the database. Times are Unix seconds. */

/** A user as stored, including the password hash. */
export interface UserRecord {
  /** Random UUID; the `sub` of the user's tokens. */
  readonly id: string
  /** 1 to 64 characters; unique without regard to ASCII case. */
  readonly username: string
  /** Self-describing hash from hashPassword. */
  readonly passwordHash: string
  readonly roles: readonly string[]
  readonly scopes: readonly string[]
  readonly createdAt: number
}

/** The OAuth 2.0 grant types of POST /token. */
export type GrantType = 'password' | 'refresh_token' | 'client_credentials'

/** A registered (confidential) OAuth client as stored. */
export interface ClientRecord {
  /** The `client_id`; unique. */
  readonly id: string
  /** Self-describing hash of the client secret from hashClientSecret. */
  readonly secretHash: string
  /** Scopes the client may be granted. */
  readonly scopes: readonly string[]
  /** Grants the client may use at POST /token. */
  readonly grantTypes: readonly GrantType[]
  readonly createdAt: number
}

/**
 * A signing key as stored: the public JWK in clear, the private JWK encrypted. A key signs from
 * `activatesAt` until the next generation's `activatesAt`; it is published from `createdAt`.
 */
export interface SigningKeyRecord {
  /** RFC 7638 thumbprint of the public key. */
  readonly kid: string
  readonly alg: string
  readonly publicJwk: Readonly<Record<string, unknown>>
  /** Output of encryptPrivateJwk; opaque to the store. */
  readonly encryptedPrivateKey: string
  /** 1 for the first key; each rotation adds 1. Unique, which makes rotation a conditional insert. */
  readonly generation: number
  readonly createdAt: number
  readonly activatesAt: number
}

/** One login's chain of refresh tokens. Only the newest token of a family is valid. */
export interface RefreshFamilyRecord {
  /** Random UUID. */
  readonly id: string
  readonly userId: string
  readonly clientId: string
  /** Scopes granted at login; a refresh can narrow them, never widen them. */
  readonly scopes: readonly string[]
  readonly createdAt: number
  /** When the current token expires unused; never after `absoluteExpiresAt`. */
  readonly idleExpiresAt: number
  /** When the family expires, however often it is used. */
  readonly absoluteExpiresAt: number
  /** When the family was revoked, or null. */
  readonly revokedAt: number | null
}

/** A refresh token found by its hash. */
export interface RefreshTokenLookup {
  readonly family: RefreshFamilyRecord
  /** Whether the token is the family's newest; an older one is retired. */
  readonly isCurrent: boolean
  readonly issuedAt: number
}

/** Input of Store.rotateRefreshToken. */
export interface RotateRefreshTokenInput {
  /** SHA-256 hash of the presented token. */
  readonly presentedHash: string
  /** SHA-256 hash of the token that replaces it. */
  readonly newHash: string
  /** The family must belong to this client. */
  readonly clientId: string
  readonly now: number
  /** The new token's idle lifetime in seconds. */
  readonly idleTtlSec: number
}

/**
 * Outcome of Store.rotateRefreshToken. `reused` means a retired token was presented, and the
 * whole family is revoked as a result.
 */
export type RefreshRotation =
  | { readonly outcome: 'rotated'; readonly family: RefreshFamilyRecord }
  | { readonly outcome: 'unknown' | 'expired' | 'revoked' | 'reused' }

/** Records removed by Store.purgeExpired. */
export interface PurgeResult {
  readonly refreshFamilies: number
  readonly revokedAccessTokens: number
  readonly signingKeys: number
}

/**
 * The list of revoked access tokens, by `jti`, each kept until the token would expire, and the
 * version of the list that lets instances cache lookups (see cacheRevocationChecks).
 */
export interface RevocationList {
  /**
   * Records a revoked access token and gives the list a new version, both atomically, so that a
   * reader who reads the new version also finds the revocation. Revoking one twice is allowed.
   */
  revokeAccessToken(jti: string, expiresAt: number, now: number): Promise<void>
  isAccessTokenRevoked(jti: string, now: number): Promise<boolean>
  /**
   * Tells, without I/O, whether `jti` is known not to be revoked. False means unknown, and the
   * caller then asks isAccessTokenRevoked. Only cacheRevocationChecks implements it.
   */
  isKnownNotRevoked?(jti: string): boolean
  /**
   * Returns the list's version: an opaque value that every revocation replaces with a random
   * one, so equal values read at two times mean no revocation was recorded in between.
   */
  readRevocationVersion(): Promise<string>
}

/** Requests counted in one fixed window. */
export interface WindowCount {
  readonly count: number
  /** When the window ends and the count starts again from 0. */
  readonly resetAt: number
}

/** Counters for rate limits, in fixed windows of `windowSec` aligned to the epoch. */
export interface RateLimitCounter {
  /** Adds 1 to the counter of `key` in the current window and returns the new count. */
  increment(key: string, windowSec: number, now: number): Promise<WindowCount>
  /** Returns the counter of `key` in the current window without changing it. */
  read(key: string, windowSec: number, now: number): Promise<WindowCount>
}

/**
 * Persistent state of the service. Methods are asynchronous so that network databases fit the
 * same interface as the embedded one. Methods of a network store reject with ServerError
 * `STORE_UNAVAILABLE` when the database cannot be reached.
 */
export interface Store extends RevocationList {
  /**
   * Inserts a user.
   * @throws ServerError `USERNAME_TAKEN` when the username exists, in any ASCII case.
   */
  insertUser(user: UserRecord): Promise<void>
  /** Finds a user by username, without regard to ASCII case. */
  findUserByUsername(username: string): Promise<UserRecord | undefined>
  findUserById(id: string): Promise<UserRecord | undefined>

  /**
   * Inserts a client.
   * @throws ServerError `CLIENT_ID_TAKEN` when the id exists.
   */
  insertClient(client: ClientRecord): Promise<void>
  findClient(id: string): Promise<ClientRecord | undefined>

  /**
   * Inserts a signing key unless one with the same generation exists, atomically, so that of
   * several instances rotating together exactly one adds a key.
   * @returns Whether the key was inserted.
   */
  insertSigningKey(key: SigningKeyRecord): Promise<boolean>
  /** Lists every stored signing key, oldest generation first. */
  listSigningKeys(): Promise<SigningKeyRecord[]>

  /** Inserts a new refresh token family with its first token, in one transaction. */
  insertRefreshFamily(family: RefreshFamilyRecord, tokenHash: string): Promise<void>
  /** Finds a refresh token, current or retired, by its hash. */
  findRefreshToken(hash: string): Promise<RefreshTokenLookup | undefined>
  /**
   * Replaces the family's current token with a new one, as one conditional update: of several
   * concurrent calls with the same token, in any number of processes, at most one rotates. A
   * retired token revokes its family.
   */
  rotateRefreshToken(input: RotateRefreshTokenInput): Promise<RefreshRotation>
  /** Revokes a family; its tokens are refused from then on. Revoking twice keeps the first time. */
  revokeRefreshFamily(familyId: string, now: number): Promise<void>

  /**
   * Deletes refresh families past their expiry, revocation entries past their token's expiry,
   * and signing keys whose successor has signed for more than `keyRetentionSec`.
   */
  purgeExpired(now: number, keyRetentionSec: number): Promise<PurgeResult>
  /** Releases the database. Other methods must not be called afterwards. */
  close(): Promise<void>
}
