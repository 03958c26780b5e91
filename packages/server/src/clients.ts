/** Registered OAuth clients: creation (for `jot client add`) and authentication of requests. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { ServerError } from './errors.js'
import { invalidClient } from './http/client-auth.js'
import type { ClientCredentials } from './http/client-auth.js'
import { DEFAULT_CLIENT_ID } from './http/params.js'
import { checkScopeTokens } from './scopes.js'
import type { ClientRecord, GrantType, Store } from './store/store.js'

/** Fields of a new client for addClient. */
export interface AddClientInput {
  /** The `client_id`: 1 to 64 characters from `A-Z a-z 0-9 . _ ~ -`, not `jot`. */
  readonly clientId: string
  /** Scopes the client may be granted, each a scope token. Default none. */
  readonly scopes?: readonly string[]
  /**
   * Grants the client may use: `client_credentials`, `password`, `refresh_token`. Default
   * `['client_credentials']`.
   */
  readonly grantTypes?: readonly GrantType[]
}

/** Options for addClient. */
export interface AddClientOptions {
  /** Current time in seconds since the Unix epoch. Default the system clock. */
  readonly now?: () => number
}

/** A client just registered, with its secret: the only time the secret is available. */
export interface AddedClient {
  readonly clientId: string
  /** 256 random bits, base64url; the store keeps only its hash. */
  readonly clientSecret: string
  readonly scopes: readonly string[]
  readonly grantTypes: readonly GrantType[]
  readonly createdAt: number
}

/** The client of a request, after authentication. */
export interface AuthenticatedClient {
  readonly id: string
  /** The registered client, or undefined for a public client that only named its id. */
  readonly record: ClientRecord | undefined
}

// Unreserved URL characters (RFC 3986 section 2.3), so that the form encoding that HTTP Basic
// requires leaves the id unchanged.
const CLIENT_ID = /^[A-Za-z0-9._~-]{1,64}$/
const GRANT_TYPES: readonly GrantType[] = ['client_credentials', 'password', 'refresh_token']
const SECRET_BYTES = 32
const HASH_PREFIX = '$sha256$'
// Compared against for unknown clients, so that they cost the same hash as a wrong secret.
const DUMMY_HASH = hashClientSecret(randomBytes(SECRET_BYTES).toString('base64url'))

/**
 * Registers a confidential client with a random secret, for `jot client add NAME --scope ...`.
 * Show the returned secret once; it cannot be read back.
 * @throws ServerError `CLIENT_ID_INVALID`, `SCOPES_INVALID`, `GRANT_TYPES_INVALID` or
 *   `CLIENT_ID_TAKEN`.
 * @example
 * const { clientSecret } = await addClient(store, { clientId: 'reports', scopes: ['orders:read'] })
 */
export async function addClient(
  store: Store,
  input: AddClientInput,
  options: AddClientOptions = {},
): Promise<AddedClient> {
  const clientId = checkClientIdInput(input.clientId)
  const scopes = checkScopeTokens(input.scopes ?? [], 'scopes', 'SCOPES_INVALID')
  const grantTypes = checkGrantTypes(input.grantTypes ?? ['client_credentials'])
  const createdAt = (options.now ?? systemNow)()
  const clientSecret = randomBytes(SECRET_BYTES).toString('base64url')

  await store.insertClient({
    id: clientId,
    secretHash: hashClientSecret(clientSecret),
    scopes,
    grantTypes,
    createdAt,
  })
  return { clientId, clientSecret, scopes, grantTypes, createdAt }
}

/**
 * Hashes a client secret as `$sha256$<base64url>`. A secret has 256 random bits, so unlike a
 * password it cannot be guessed from its hash, and a fast hash is enough.
 */
export function hashClientSecret(secret: string): string {
  return HASH_PREFIX + createHash('sha256').update(secret, 'utf8').digest('base64url')
}

/**
 * Authenticates the client of a request. A client that presents a secret must be registered
 * with that secret. A client that presents none is public, unless its id is registered:
 * RFC 6749 section 3.2.1 requires a registered (confidential) client to authenticate.
 * @throws HttpError 401 `invalid_client` with one description for every failure.
 */
export async function authenticateClient(
  store: Store,
  credentials: ClientCredentials,
): Promise<AuthenticatedClient> {
  const record = await store.findClient(credentials.clientId)
  if (credentials.secret === undefined) {
    if (record !== undefined) throw invalidClient()
    return { id: credentials.clientId, record: undefined }
  }
  const presented = Buffer.from(hashClientSecret(credentials.secret))
  const stored = Buffer.from(record?.secretHash ?? DUMMY_HASH)
  const matches = presented.length === stored.length && timingSafeEqual(presented, stored)
  if (record === undefined || !matches) throw invalidClient()
  return { id: record.id, record }
}

function checkClientIdInput(clientId: unknown): string {
  if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId)) {
    throw new ServerError(
      'CLIENT_ID_INVALID',
      'A client id must be 1 to 64 characters from letters, digits and . _ ~ -.',
    )
  }
  if (clientId === DEFAULT_CLIENT_ID) {
    throw new ServerError(
      'CLIENT_ID_INVALID',
      `The client id "${DEFAULT_CLIENT_ID}" is reserved for requests that name no client.`,
    )
  }
  return clientId
}

function checkGrantTypes(values: unknown): GrantType[] {
  const valid =
    Array.isArray(values) &&
    values.length > 0 &&
    values.every((value) => GRANT_TYPES.includes(value as GrantType))
  if (!valid) {
    throw new ServerError(
      'GRANT_TYPES_INVALID',
      `The grant types must be a non-empty list of ${GRANT_TYPES.join(', ')}.`,
    )
  }
  return [...new Set(values as GrantType[])]
}

function systemNow(): number {
  return Math.floor(Date.now() / 1000)
}
