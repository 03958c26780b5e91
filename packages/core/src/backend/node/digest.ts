/** Message digests on node:crypto. */
import { createHash } from 'node:crypto'
import type { HashName } from '../../jwa/jws-algorithms.js'

/** Hashes bytes with SHA-256, SHA-384 or SHA-512. */
export function digest(hash: HashName, data: Uint8Array): Uint8Array {
  return createHash(hash).update(data).digest()
}
