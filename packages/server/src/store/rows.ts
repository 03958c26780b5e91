/** Rows of the SQL stores (SQLite and PostgreSQL share column names) and their conversion. */
import { ServerError } from '../errors.js'
import type {
  ClientRecord,
  GrantType,
  RefreshFamilyRecord,
  SigningKeyRecord,
  UserRecord,
} from './store.js'

export interface UserRow {
  id: string
  username: string
  password_hash: string
  roles: string
  scopes: string
  created_at: number
}

export interface ClientRow {
  id: string
  secret_hash: string
  scopes: string
  grant_types: string
  created_at: number
}

export interface SigningKeyRow {
  kid: string
  alg: string
  public_jwk: string
  encrypted_private_key: string
  generation: number
  created_at: number
  activates_at: number
}

export interface FamilyRow {
  id: string
  user_id: string
  client_id: string
  scopes: string
  current_hash: string
  created_at: number
  idle_expires_at: number
  absolute_expires_at: number
  revoked_at: number | null
}

const GRANT_TYPES: readonly string[] = ['password', 'refresh_token', 'client_credentials']

export function userToRow(user: UserRecord): UserRow {
  return {
    id: user.id,
    username: user.username,
    password_hash: user.passwordHash,
    roles: JSON.stringify(user.roles),
    scopes: JSON.stringify(user.scopes),
    created_at: user.createdAt,
  }
}

export function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    roles: parseStringArray(row.roles, `roles of user ${row.id}`),
    scopes: parseStringArray(row.scopes, `scopes of user ${row.id}`),
    createdAt: row.created_at,
  }
}

export function clientToRow(client: ClientRecord): ClientRow {
  return {
    id: client.id,
    secret_hash: client.secretHash,
    scopes: JSON.stringify(client.scopes),
    grant_types: JSON.stringify(client.grantTypes),
    created_at: client.createdAt,
  }
}

export function toClient(row: ClientRow): ClientRecord {
  const grantTypes = parseStringArray(row.grant_types, `grant types of client ${row.id}`)
  if (!grantTypes.every((grant) => GRANT_TYPES.includes(grant))) {
    throw corruptRow(`grant types of client ${row.id}`)
  }
  return {
    id: row.id,
    secretHash: row.secret_hash,
    scopes: parseStringArray(row.scopes, `scopes of client ${row.id}`),
    // Sound: every entry was checked against GRANT_TYPES above.
    grantTypes: grantTypes as GrantType[],
    createdAt: row.created_at,
  }
}

export function signingKeyToRow(key: SigningKeyRecord): SigningKeyRow {
  return {
    kid: key.kid,
    alg: key.alg,
    public_jwk: JSON.stringify(key.publicJwk),
    encrypted_private_key: key.encryptedPrivateKey,
    generation: key.generation,
    created_at: key.createdAt,
    activates_at: key.activatesAt,
  }
}

export function toSigningKey(row: SigningKeyRow): SigningKeyRecord {
  const publicJwk = parseJson(row.public_jwk, `public JWK of signing key ${row.kid}`)
  if (typeof publicJwk !== 'object' || publicJwk === null || Array.isArray(publicJwk)) {
    throw corruptRow(`public JWK of signing key ${row.kid}`)
  }
  return {
    kid: row.kid,
    alg: row.alg,
    publicJwk: publicJwk as Record<string, unknown>,
    encryptedPrivateKey: row.encrypted_private_key,
    generation: row.generation,
    createdAt: row.created_at,
    activatesAt: row.activates_at,
  }
}

export function familyToRow(family: RefreshFamilyRecord, currentHash: string): FamilyRow {
  return {
    id: family.id,
    user_id: family.userId,
    client_id: family.clientId,
    scopes: JSON.stringify(family.scopes),
    current_hash: currentHash,
    created_at: family.createdAt,
    idle_expires_at: family.idleExpiresAt,
    absolute_expires_at: family.absoluteExpiresAt,
    revoked_at: family.revokedAt,
  }
}

export function toFamily(row: FamilyRow): RefreshFamilyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    clientId: row.client_id,
    scopes: parseStringArray(row.scopes, `scopes of refresh token family ${row.id}`),
    createdAt: row.created_at,
    idleExpiresAt: row.idle_expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
    revokedAt: row.revoked_at,
  }
}

/**
 * Classifies a refresh token whose conditional update matched no row, from its family as it is
 * now. The update requires the current token, the same client, no revocation and no expiry, so
 * the first of those that fails is the reason.
 */
export function classifyFailedRotation(
  family: FamilyRow | undefined,
  presentedHash: string,
  clientId: string,
): 'unknown' | 'expired' | 'revoked' | 'reused' {
  // A token presented by another client is treated as unknown to that client.
  if (family === undefined || family.client_id !== clientId) return 'unknown'
  if (family.revoked_at !== null) return 'revoked'
  if (family.current_hash !== presentedHash) return 'reused'
  return 'expired'
}

function parseStringArray(text: string, description: string): string[] {
  const value = parseJson(text, description)
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw corruptRow(description)
  }
  return value
}

function parseJson(text: string, description: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw corruptRow(description, error)
  }
}

/** The error for a row that does not have the form this version writes. */
export function corruptRow(description: string, cause?: unknown): ServerError {
  return new ServerError('STORE_INVALID', `The database contains corrupt data: ${description}.`, {
    cause,
  })
}
