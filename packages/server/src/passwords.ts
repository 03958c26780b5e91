/** Password hashing with scrypt, stored as a self-describing string so the cost can change. */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import type { ScryptOptions } from 'node:crypto'
import { ServerError } from './errors.js'

/** scrypt cost parameters: N = 2^log2N, block size r, parallelism p. */
export interface ScryptCost {
  /** 10 to 20. */
  readonly log2N: number
  /** 1 to 32. */
  readonly r: number
  /** 1 to 16. */
  readonly p: number
}

/** The OWASP Password Storage Cheat Sheet's scrypt recommendation: N=2^17, r=8, p=1. */
export const DEFAULT_SCRYPT_COST: ScryptCost = Object.freeze({ log2N: 17, r: 8, p: 1 })

const SALT_BYTES = 16
const HASH_BYTES = 32
const ENCODED =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/

/**
 * Hashes a password with a random 16-byte salt. The result reads
 * `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (base64 without padding, as in the PHC string format).
 * The password is NFKC-normalized first, so that the same text typed on different systems
 * verifies (NIST SP 800-63B section 5.1.1.2).
 * @throws ServerError `OPTION_INVALID` when `cost` is out of range.
 */
export async function hashPassword(
  password: string,
  options: { readonly cost?: ScryptCost } = {},
): Promise<string> {
  const cost = options.cost ?? DEFAULT_SCRYPT_COST
  if (!isCostInRange(cost)) {
    throw new ServerError(
      'OPTION_INVALID',
      'The scrypt cost must have log2N 10 to 20, r 1 to 32 and p 1 to 16.',
    )
  }
  const salt = randomBytes(SALT_BYTES)
  const hash = await deriveHash(password, salt, cost, HASH_BYTES)
  return `$scrypt$ln=${cost.log2N},r=${cost.r},p=${cost.p}$${encode(salt)}$${encode(hash)}`
}

/**
 * Checks a password against a hash from hashPassword, in time that does not depend on where
 * the two differ.
 * @throws ServerError `STORE_INVALID` when `encoded` is not a hash this module produced.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const { cost, salt, hash } = parseEncoded(encoded)
  const candidate = await deriveHash(password, salt, cost, hash.length)
  return timingSafeEqual(candidate, hash)
}

/** Checks a login's password against a user's hash, or against nothing for an unknown user. */
export type PasswordChecker = (password: string, encoded: string | undefined) => Promise<boolean>

/**
 * Creates a checker for logins. For an unknown user (`encoded` undefined) it verifies against
 * a dummy hash of the same cost and returns false, so that an unknown username and a wrong
 * password take comparable time and cannot be distinguished.
 */
export async function createPasswordChecker(
  options: { readonly cost?: ScryptCost } = {},
): Promise<PasswordChecker> {
  const dummy = await hashPassword(randomBytes(SALT_BYTES).toString('base64'), options)
  return async function checkPassword(password, encoded) {
    if (encoded === undefined) {
      await verifyPassword(password, dummy)
      return false
    }
    return verifyPassword(password, encoded)
  }
}

function parseEncoded(encoded: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } {
  const match = ENCODED.exec(encoded)
  if (match === null) throw malformedHash()
  const [, log2N, r, p, saltText, hashText] = match
  const cost = { log2N: Number(log2N), r: Number(r), p: Number(p) }
  const salt = decode(saltText ?? '')
  const hash = decode(hashText ?? '')
  // A hash read from the database sets the work done here, so its cost is bounded like a new
  // one: a corrupt row must not make a login allocate gigabytes.
  if (!isCostInRange(cost) || salt === undefined || hash === undefined) throw malformedHash()
  if (salt.length < SALT_BYTES || hash.length < 16 || hash.length > 64) throw malformedHash()
  return { cost, salt, hash }
}

function malformedHash(): ServerError {
  return new ServerError('STORE_INVALID', 'The stored password hash is malformed.')
}

function isCostInRange(cost: ScryptCost): boolean {
  return isIntegerIn(cost.log2N, 10, 20) && isIntegerIn(cost.r, 1, 32) && isIntegerIn(cost.p, 1, 16)
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
}

function deriveHash(
  password: string,
  salt: Buffer,
  cost: ScryptCost,
  length: number,
): Promise<Buffer> {
  const N = 2 ** cost.log2N
  // scrypt needs about 128 * N * r bytes, which is 128 MiB at the default cost. Node's default
  // maxmem of 32 MiB is too small, so the limit follows the cost with room to spare.
  const params: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r }
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, params, (error, derived) => {
      if (error) reject(error)
      else resolve(derived)
    })
  })
}

function encode(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '')
}

// Returns undefined for text that does not round-trip, so that one hash has one spelling.
function decode(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64')
  return encode(bytes) === text ? bytes : undefined
}
