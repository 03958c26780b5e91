/** The registry of JWE compression algorithms, the `zip` of a JWE (RFC 7516 section 4.1.3). */
import { JotError } from '../errors.js'

/** `DEF`: raw DEFLATE (RFC 1951), the only value RFC 7518 section 7.3 registers. */
export type JweCompressionAlgorithm = 'DEF'

/** Everything the code needs to know about one compression algorithm. */
export interface JweCompressionEntry {
  readonly zip: JweCompressionAlgorithm
}

const DEFLATE: JweCompressionEntry = Object.freeze({ zip: 'DEF' })

/**
 * Looks up a compression algorithm.
 * @throws JotError `ALG_UNSUPPORTED` for anything but `DEF`.
 */
export function getJweCompressionAlgorithm(zip: unknown): JweCompressionEntry {
  if (zip === 'DEF') return DEFLATE
  const shown = typeof zip === 'string' ? `"${zip.slice(0, 32)}"` : typeof zip
  throw new JotError('ALG_UNSUPPORTED', `The JWE compression algorithm ${shown} is not supported.`)
}
