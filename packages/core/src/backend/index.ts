/**
 * The active signature backend. The package.json `imports` entry `#crypto-backend` picks the
 * Node.js backend, or the Web Crypto one under the `browser`, `worker` and `deno` conditions.
 */
import { JotError } from '../errors.js'
import { signatureBackend as selectedSignatureBackend } from '#crypto-backend'
import type { SignatureBackend } from './types.js'

// A live binding: setSignatureBackend replaces it for every importer at once.
export let signatureBackend: SignatureBackend = selectedSignatureBackend

/** @internal Replaces the signature backend; only backend/use-backend.ts calls it. */
export function setSignatureBackend(backend: SignatureBackend): void {
  signatureBackend = backend
}

/**
 * Checks that the active backend signs and verifies synchronously, as the prepared functions
 * promise.
 * @throws JotError `ARGUMENT_INVALID` on the Web Crypto backend.
 */
export function assertSynchronousBackend(fn: string): void {
  if (signatureBackend.name === 'node') return
  throw new JotError(
    'ARGUMENT_INVALID',
    `${fn} returns a synchronous function, which needs the Node.js crypto backend; with the Web Crypto backend use the async API (signJwt, verifyJwt).`,
  )
}
