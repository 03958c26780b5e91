/** The storage interface of the service: users and signing keys, whatever the database. */

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
  /** Seconds since the Unix epoch. */
  readonly createdAt: number
}

/** Lifecycle state of a signing key. Only `active` exists until rotation lands. */
export type SigningKeyStatus = 'active'

/** A signing key as stored: the public JWK in clear, the private JWK encrypted. */
export interface SigningKeyRecord {
  /** RFC 7638 thumbprint of the public key. */
  readonly kid: string
  readonly alg: string
  readonly publicJwk: Readonly<Record<string, unknown>>
  /** Output of encryptPrivateJwk; opaque to the store. */
  readonly encryptedPrivateKey: string
  readonly status: SigningKeyStatus
  /** Seconds since the Unix epoch. */
  readonly createdAt: number
}

/**
 * Persistent state of the service. Methods are asynchronous so that network databases fit the
 * same interface as the embedded one.
 */
export interface Store {
  /**
   * Inserts a user.
   * @throws ServerError `USERNAME_TAKEN` when the username exists, in any ASCII case.
   */
  insertUser(user: UserRecord): Promise<void>
  /** Finds a user by username, without regard to ASCII case. */
  findUserByUsername(username: string): Promise<UserRecord | undefined>
  findUserById(id: string): Promise<UserRecord | undefined>
  /**
   * Inserts a signing key unless an active one exists already, atomically, so that two
   * instances starting together on one database end up with one key.
   * @returns Whether the key was inserted.
   */
  insertFirstSigningKey(key: SigningKeyRecord): Promise<boolean>
  /** Lists signing keys with the given status, oldest first. */
  listSigningKeys(status: SigningKeyStatus): Promise<SigningKeyRecord[]>
  /** Releases the database. Other methods must not be called afterwards. */
  close(): Promise<void>
}
