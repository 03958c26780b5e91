/** Secret keys of JWE on Web Crypto: raw CEK bytes or a secret key handle, imported per use. */
import { JotError } from '../../errors.js'
import { decodeBase64url } from '../../encoding/base64url.js'
import { webHandle } from './key-handle.js'
import { bufferSource, isNotSupported, subtle } from './subtle.js'

/** The import settings of a secret: the Web Crypto algorithm, the usages and the JWE name it serves. */
export interface SecretUse {
  /** Names the import in a handle's cache of CryptoKeys. */
  readonly cacheName: string
  readonly algorithm: AlgorithmIdentifier | HmacImportParams
  readonly usages: readonly KeyUsage[]
  /** The JWE algorithm or operation, for error messages. */
  readonly purpose: string
  /** Selects the bytes to import, such as one half of an AES-CBC-HMAC CEK; all by default. */
  readonly part?: ((bytes: Uint8Array) => Uint8Array) | undefined
}

const AES_192_BYTES = 24

/** Returns the bytes of a secret: raw bytes as they are, or the decoded `k` of a handle. */
export function secretBytes(secret: unknown): Uint8Array {
  if (secret instanceof Uint8Array) return secret
  return decodeBase64url(webHandle(secret).members['k'] ?? '', 'JWK member "k"')
}

/**
 * Imports a secret as a non-extractable CryptoKey. A handle keeps the import in its cache, so a
 * dir or key-wrapping key is imported once; raw bytes, a fresh CEK each time, are imported anew.
 * @throws JotError `ALG_UNSUPPORTED` when the runtime refuses the algorithm or key size.
 */
export function importSecretKey(secret: unknown, use: SecretUse): Promise<CryptoKey> {
  if (secret instanceof Uint8Array) return importBytes(secret, use)
  const handle = webHandle(secret)
  const cacheKey = `jwe:${use.cacheName}`
  let found = handle.cryptoKeys.get(cacheKey)
  if (found === undefined) {
    found = importBytes(secretBytes(secret), use)
    handle.cryptoKeys.set(cacheKey, found)
    // A failed import is not cached, so the next call reports the same error afresh.
    void found.catch(() => handle.cryptoKeys.delete(cacheKey))
  }
  return found
}

async function importBytes(bytes: Uint8Array, use: SecretUse): Promise<CryptoKey> {
  const material = use.part === undefined ? bytes : use.part(bytes)
  try {
    return await subtle().importKey('raw', bufferSource(material), use.algorithm, false, [
      ...use.usages,
    ])
  } catch (cause) {
    throw importError(material.length, use, cause)
  }
}

function importError(length: number, use: SecretUse, cause: unknown): JotError {
  const name = typeof use.algorithm === 'string' ? use.algorithm : use.algorithm.name
  // Chromium rejects 192-bit AES keys with an OperationError (Node.js accepts them), and the
  // length is checked before this point, so a refused 24-byte AES key means the runtime lacks it.
  if (name.startsWith('AES') && length === AES_192_BYTES) {
    return new JotError(
      'ALG_UNSUPPORTED',
      `The Web Crypto of this runtime does not support 192-bit AES keys, so ${use.purpose} is not available; use a 128-bit or 256-bit algorithm, or the Node.js backend.`,
      { cause },
    )
  }
  if (isNotSupported(cause)) {
    return new JotError(
      'ALG_UNSUPPORTED',
      `The Web Crypto of this runtime does not support ${use.purpose}; use the Node.js backend for it.`,
      { cause },
    )
  }
  return new JotError('KEY_INVALID', `The secret key is not a valid key for ${use.purpose}.`, {
    cause,
  })
}
