/** The Concat KDF of ECDH-ES (NIST SP 800-56A section 5.8.1, as RFC 7518 section 4.6.2 uses it). */
import { utf8Encode } from '../encoding/base64url.js'
import { andThen, mapAll } from './awaitable.js'
import type { Awaitable } from './awaitable.js'
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
): Awaitable<Uint8Array> {
  const otherInfo = otherInfoOf(keyBytes, algorithmId, partyUInfo, partyVInfo)
  const rounds = Math.ceil(keyBytes / SHA256_BYTES)
  if (rounds === 1) {
    // One round covers every key up to 256 bits, which is every AES key.
    return andThen(jweBackend.digest('sha256', ROUND_ONE, z, otherInfo), (block) =>
      block.subarray(0, keyBytes),
    )
  }
  const counters = Array.from({ length: rounds }, (_, index) => uint32(index + 1))
  const blocks = mapAll(counters, (counter) => jweBackend.digest('sha256', counter, z, otherInfo))
  return andThen(blocks, (digests) => {
    const out = new Uint8Array(digests.length * SHA256_BYTES)
    digests.forEach((block, index) => {
      out.set(block, index * SHA256_BYTES)
    })
    return out.subarray(0, keyBytes)
  })
}

const ROUND_ONE = uint32(1)

// Senders rarely set apu or apv, so the OtherInfo of each algorithm and key length without
// them is built once. The registries bound the algorithm names, and so the map's size.
const otherInfoWithoutParties = new Map<string, Uint8Array>()

function otherInfoOf(
  keyBytes: number,
  algorithmId: string,
  partyUInfo: Uint8Array,
  partyVInfo: Uint8Array,
): Uint8Array {
  const reusable = partyUInfo.length === 0 && partyVInfo.length === 0
  const name = `${algorithmId}/${keyBytes}`
  const known = reusable ? otherInfoWithoutParties.get(name) : undefined
  if (known !== undefined) return known
  const parts = [
    lengthPrefixed(utf8Encode(algorithmId)),
    lengthPrefixed(partyUInfo),
    lengthPrefixed(partyVInfo),
    uint32(keyBytes * 8),
  ]
  const otherInfo = new Uint8Array(parts.reduce((total, part) => total + part.length, 0))
  let offset = 0
  for (const part of parts) {
    otherInfo.set(part, offset)
    offset += part.length
  }
  if (reusable) otherInfoWithoutParties.set(name, otherInfo)
  return otherInfo
}
