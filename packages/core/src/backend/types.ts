/** The interface every crypto backend implements; the rest of core calls only this. */
import type { JwsAlgorithmEntry } from '../jwa/jws-algorithms.js'
import type { JotKey } from '../keys/key.js'

/**
 * Signature operations. The Node.js backend returns plain values; the Web Crypto backend
 * returns promises, which is why the universal API is async and only createSigner and
 * createVerifier promise synchronous calls, and only on Node.js. Callers test for a promise
 * before awaiting, so the Node.js path never waits on a microtask.
 */
export interface SignatureBackend {
  readonly name: 'node' | 'web'
  /** Signs data (a string is taken as its UTF-8 bytes) with a key already checked against the algorithm. JWS signature bytes out. */
  sign(
    entry: JwsAlgorithmEntry,
    key: JotKey,
    data: string | Uint8Array,
  ): Uint8Array | Promise<Uint8Array>
  /** Verifies JWS signature bytes; false for any mismatch, including a wrong length. */
  verify(
    entry: JwsAlgorithmEntry,
    key: JotKey,
    data: string | Uint8Array,
    signature: Uint8Array,
  ): boolean | Promise<boolean>
}
