/** The shape every benchmarked library is wrapped in. */
import type { BenchAlgorithm, KeyMaterial } from './keys.js'
import type { Claims } from './token.js'

export const COLUMNS = [
  'floor',
  'jot prepared',
  'jot async',
  'jose',
  'jsonwebtoken',
  'fast-jwt',
] as const

export type Column = (typeof COLUMNS)[number]

/** The columns that make up the best peer. */
export const PEER_COLUMNS: readonly Column[] = ['jose', 'jsonwebtoken', 'fast-jwt']

/**
 * A library's sign and verify calls, prepared for one key. `verify` returns the payload claims,
 * so the correctness gate can compare them with the claims that were signed.
 */
export type Implementation =
  | {
      readonly mode: 'sync'
      readonly sign: (claims: Claims) => string
      readonly verify: (token: string) => unknown
    }
  | {
      readonly mode: 'async'
      readonly sign: (claims: Claims) => Promise<string>
      readonly verify: (token: string) => Promise<unknown>
    }

/** One column of the results: a library, or one way of calling it. */
export interface Contender {
  readonly column: Column
  /** Algorithms the library does not implement, whose cells read n/a. */
  readonly unsupported?: readonly BenchAlgorithm[]
  /** Imports the key material in the form the library is fastest with, once, before timing. */
  readonly prepare: (material: KeyMaterial) => Promise<Implementation>
}
