/** Opaque refresh tokens: creation, hashing, and the start of a token family at login. */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Store } from './store/store.js'

/** Lifetimes of refresh tokens, from the configuration. */
export interface RefreshTokenSettings {
  /** Seconds a token stays valid unused. */
  readonly refreshIdleTtlSec: number
  /** Seconds a family stays valid after its login, however often it is used. */
  readonly refreshAbsoluteTtlSec: number
}

// 256 random bits, which make guessing a live token hopeless even with many in circulation.
const TOKEN_BYTES = 32
const TOKEN = /^[A-Za-z0-9_-]{43}$/

/** Creates a refresh token and the hash that the store keeps in its place. */
export function createRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(TOKEN_BYTES).toString('base64url')
  return { token, hash: hashRefreshToken(token) }
}

/**
 * Hashes a refresh token with SHA-256 (base64url). Only hashes are stored, so a copy of the
 * database contains no usable token; the tokens' 256 random bits make a slow hash unnecessary.
 */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url')
}

/** Tells whether a value has the form of a refresh token this service issues. */
export function isRefreshTokenSyntax(value: string): boolean {
  return TOKEN.test(value)
}

/**
 * Starts a new family for a login and returns its first token. Each login gets its own family,
 * so revoking one (or detecting reuse in it) leaves the user's other sessions alone.
 */
export async function startRefreshFamily(
  store: Store,
  grant: {
    readonly userId: string
    readonly clientId: string
    readonly scopes: readonly string[]
    readonly now: number
  },
  settings: RefreshTokenSettings,
): Promise<string> {
  const { token, hash } = createRefreshToken()
  const absoluteExpiresAt = grant.now + settings.refreshAbsoluteTtlSec
  await store.insertRefreshFamily(
    {
      id: randomUUID(),
      userId: grant.userId,
      clientId: grant.clientId,
      scopes: grant.scopes,
      createdAt: grant.now,
      idleExpiresAt: Math.min(grant.now + settings.refreshIdleTtlSec, absoluteExpiresAt),
      absoluteExpiresAt,
      revokedAt: null,
    },
    hash,
  )
  return token
}
