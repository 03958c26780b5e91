/** Keys: import, export, generation and thumbprints. */
export { JotKey, isJotKey } from './key.js'
export type { KeyAlgorithm, KeyAttributes, KeyKind, KeyOperation } from './key.js'
