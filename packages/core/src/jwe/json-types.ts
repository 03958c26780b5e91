/** The JWE JSON serializations (RFC 7516 section 7.2) as TypeScript types. */
import type { JweHeaderParameters } from './header.js'

/** The flattened JWE JSON serialization: one recipient, its members at the top level. */
export interface FlattenedJwe {
  readonly protected?: string
  readonly unprotected?: JweHeaderParameters
  readonly header?: JweHeaderParameters
  readonly encrypted_key?: string
  readonly aad?: string
  readonly iv: string
  readonly ciphertext: string
  readonly tag: string
}

/** One recipient of a general JWE: its unprotected header and its Encrypted Key. */
export interface GeneralJweRecipient {
  readonly header?: JweHeaderParameters
  readonly encrypted_key?: string
}

/** The general JWE JSON serialization: one ciphertext for any number of recipients. */
export interface GeneralJwe {
  readonly protected?: string
  readonly unprotected?: JweHeaderParameters
  readonly recipients: readonly GeneralJweRecipient[]
  readonly aad?: string
  readonly iv: string
  readonly ciphertext: string
  readonly tag: string
}
