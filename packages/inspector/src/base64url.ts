/** Strict base64url decoding (RFC 7515 section 2) for reading token segments in the page. */

const ALPHABET = /^[A-Za-z0-9_-]*$/

/**
 * Decodes unpadded base64url to bytes, or returns undefined for text outside the alphabet, with
 * padding, or of a length no encoding produces (a remainder of one character).
 */
export function decodeBase64url(text: string): Uint8Array | undefined {
  if (!ALPHABET.test(text) || text.length % 4 === 1) return undefined
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/')
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}

/** Decodes bytes as UTF-8, or returns undefined when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}
