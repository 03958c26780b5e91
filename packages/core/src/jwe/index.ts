/** JWE: compact, flattened and general JSON serializations. */
export { encryptCompact } from './compact-encrypt.js'
export type { EncryptCompactOptions } from './compact-encrypt.js'
export { decryptCompact } from './compact-decrypt.js'
export type { DecryptCompactResult } from './compact-decrypt.js'
export { encryptJson } from './json-encrypt.js'
export type { EncryptJsonOptions, JweRecipient } from './json-encrypt.js'
export { decryptJson } from './json-decrypt.js'
export type { DecryptJsonResult } from './json-decrypt.js'
export type { EncryptOptionsBase } from './encrypt.js'
export type { FixedRandomness } from './fixed-randomness.js'
export type { JweHeader, JweHeaderParameters } from './header.js'
export type { FlattenedJwe, GeneralJwe, GeneralJweRecipient } from './json-types.js'
export type { DecryptionKeyResolver, DecryptionKeys } from './key-selection.js'
export type { DecryptOptions } from './options.js'
export {
  JWE_CONTENT_ENCRYPTION_ALGORITHMS,
  isJweContentEncryptionAlgorithm,
} from '../jwa/jwe-content-encryption.js'
export type { JweContentEncryptionAlgorithm } from '../jwa/jwe-content-encryption.js'
export {
  JWE_KEY_MANAGEMENT_ALGORITHMS,
  isJweKeyManagementAlgorithm,
} from '../jwa/jwe-key-management.js'
export type { JweKeyManagementAlgorithm } from '../jwa/jwe-key-management.js'
export type { JweCompressionAlgorithm } from '../jwa/jwe-compression.js'
