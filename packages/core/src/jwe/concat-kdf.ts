/** The Concat KDF of ECDH-ES (NIST SP 800-56A section 5.8.1, as RFC 7518 section 4.6.2 uses it). */
import { utf8Encode } from '../encoding/base64url.js'
import { jweBackend } from './jwe-backend.js'

const SHA256_BYTES = 32

function uint32(value: number): Uint8Array {
  const bytes = new Uint8Array(4)
  new DataView(bytes.buffer).setUint32(0, value)
  return bytes
}

function lengthPrefixed(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + data.length)
  out.set(uint32(data.length))
  out.set(data, 4)
  return out
}

/**
 * Derives `keyBytes` bytes from the shared secret Z with SHA-256. OtherInfo is AlgorithmID
 * (the `enc` for ECDH-ES, the `alg` for ECDH-ES+A*KW), PartyUInfo (`apu`), PartyVInfo (`apv`),
 * each prefixed with its 32-bit length, then SuppPubInfo, the key length in bits.
 */
export function concatKdf(
  z: Uint8Array,
  keyBytes: number,
  algorithmId: string,
  partyUInfo: Uint8Array,
  partyVInfo: Uint8Array,
): Uint8Array {
  const otherInfo = [
    lengthPrefixed(utf8Encode(algorithmId)),
    lengthPrefixed(partyUInfo),
    lengthPrefixed(partyVInfo),
    uint32(keyBytes * 8),
  ]
  const rounds = Math.ceil(keyBytes / SHA256_BYTES)
  const out = new Uint8Array(rounds * SHA256_BYTES)
  for (let round = 1; round <= rounds; round++) {
    const block = jweBackend.digest('sha256', uint32(round), z, ...otherInfo)
    out.set(block, (round - 1) * SHA256_BYTES)
  }
  return out.subarray(0, keyBytes)
}
