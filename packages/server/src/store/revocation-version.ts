/** New values for the version of the revocation list (RevocationList.readRevocationVersion). */
import { randomBytes } from 'node:crypto'

/**
 * Returns a random version. A counter could repeat a value that an instance still caches after a
 * database restore or a Redis flush; 128 random bits never do in practice.
 */
export function newRevocationVersion(): string {
  return randomBytes(16).toString('base64url')
}
