/** The shape every benchmarked library is wrapped in. */
import type { Claims } from './token.js'

export const COLUMNS = [
  'floor',
  'jot prepared',
  'jot cached',
  'jot async',
  'jose',
  'jsonwebtoken',
  'fast-jwt',
  'fast-jwt cached',
] as const

export type Column = (typeof COLUMNS)[number]

/** The columns that make up the best peer: the other libraries, each without a result cache. */
export const PEER_COLUMNS: readonly Column[] = ['jose', 'jsonwebtoken', 'fast-jwt']

/**
 * A library's calls, prepared for one key. `createToken` signs or encrypts the claims;
 * `readToken` verifies or decrypts a token and returns its claims, so the correctness gate
 * can compare them with the claims that went in. A contender without one of them reads n/a
 * in that row.
 */
export type Implementation =
  | {
      readonly mode: 'sync'
      readonly createToken?: (claims: Claims) => string
      readonly readToken?: (token: string) => unknown
    }
  | {
      readonly mode: 'async'
      readonly createToken?: (claims: Claims) => Promise<string>
      readonly readToken?: (token: string) => Promise<unknown>
    }

/** One column of the results: a library, or one way of calling it. */
export interface Contender<M extends { readonly alg: string }> {
  readonly column: Column
  /** Algorithms the library does not implement, whose cells read n/a. */
  readonly unsupported?: readonly M['alg'][]
  /** Imports the key material in the form the library is fastest with, once, before timing. */
  readonly prepare: (material: M) => Promise<Implementation>
}
