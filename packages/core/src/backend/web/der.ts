/** Reads the algorithm of an SPKI or PKCS #8 structure, which Web Crypto needs before importing it. */
import { JotError } from '../../errors.js'

/** The algorithm identifier of a key: its OID and, for EC keys, the curve OID. */
export interface DerAlgorithm {
  readonly oid: string
  readonly parameterOid: string | undefined
}

interface Element {
  readonly tag: number
  readonly start: number
  readonly end: number
}

const SEQUENCE = 0x30
const INTEGER = 0x02
const OID = 0x06

function readElement(der: Uint8Array, offset: number, limit: number): Element | undefined {
  const tag = der[offset]
  let length = der[offset + 1]
  if (tag === undefined || length === undefined) return undefined
  let start = offset + 2
  if (length >= 0x80) {
    // DER long form: the low bits count the length bytes; four cover any key.
    const count = length & 0x7f
    if (count === 0 || count > 4) return undefined
    length = 0
    for (let index = 0; index < count; index++) length = length * 256 + (der[start + index] ?? 0)
    start += count
  }
  const end = start + length
  return end <= limit ? { tag, start, end } : undefined
}

function hex(der: Uint8Array, element: Element): string {
  let text = ''
  for (let index = element.start; index < element.end; index++) {
    text += (der[index] ?? 0).toString(16).padStart(2, '0')
  }
  return text
}

/**
 * Reads the AlgorithmIdentifier of an SPKI (RFC 5280 section 4.1) or PKCS #8 (RFC 5208
 * section 5) structure. The OIDs come back as hex of their DER content.
 * @throws JotError `KEY_INVALID` when the structure does not parse.
 */
export function readKeyAlgorithm(format: 'spki' | 'pkcs8', der: Uint8Array): DerAlgorithm {
  const name = format === 'spki' ? 'SPKI public key' : 'PKCS #8 private key'
  const invalid = new JotError('KEY_INVALID', `The key data is not a valid ${name}.`)
  const outer = readElement(der, 0, der.length)
  if (outer?.tag !== SEQUENCE || outer.end !== der.length) throw invalid
  let next = outer.start
  if (format === 'pkcs8') {
    const version = readElement(der, next, outer.end)
    if (version?.tag !== INTEGER) throw invalid
    next = version.end
  }
  const identifier = readElement(der, next, outer.end)
  if (identifier?.tag !== SEQUENCE) throw invalid
  const oid = readElement(der, identifier.start, identifier.end)
  if (oid?.tag !== OID) throw invalid
  const parameter = readElement(der, oid.end, identifier.end)
  return {
    oid: hex(der, oid),
    parameterOid: parameter?.tag === OID ? hex(der, parameter) : undefined,
  }
}
