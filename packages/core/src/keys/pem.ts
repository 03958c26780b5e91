/** Strict parsing of one PEM block (RFC 7468) into its label and DER bytes. */
import { JotError } from '../errors.js'
import { decodeBase64url, isBase64url } from '../encoding/base64url.js'

/** One PEM block: its label, such as "PUBLIC KEY", and the DER bytes it carries. */
export interface PemBlock {
  readonly label: string
  readonly der: Uint8Array
}

const BEGIN = '-----BEGIN '
const BLOCK = /^\s*-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END ([A-Z0-9 ]+)-----\s*$/
const STANDARD_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/**
 * Decodes standard padded base64 (RFC 4648 section 4), or returns undefined when the text is
 * not its one canonical spelling.
 */
export function decodeStandardBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !STANDARD_BASE64.test(text)) return undefined
  const url = text.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_')
  if (!isBase64url(url)) return undefined
  return decodeBase64url(url, 'base64 text')
}

/**
 * Parses text that must hold exactly one PEM block and nothing else but white space.
 * @throws JotError `KEY_INVALID` for malformed text, `KEY_UNSUPPORTED` for encrypted keys.
 */
export function parsePem(text: string): PemBlock {
  const blocks = text.split(BEGIN).length - 1
  if (blocks === 0) throw new JotError('KEY_INVALID', 'The PEM text has no "-----BEGIN" line.')
  if (blocks > 1) {
    throw new JotError(
      'KEY_INVALID',
      `The PEM text contains ${blocks} blocks; pass exactly one key or certificate.`,
    )
  }
  const match = BLOCK.exec(text)
  if (match === null) {
    throw new JotError(
      'KEY_INVALID',
      'The PEM text is malformed; it must be one BEGIN and END block with nothing else around it.',
    )
  }
  const [, label = '', body = '', endLabel = ''] = match
  if (endLabel !== label) {
    throw new JotError(
      'KEY_INVALID',
      `The PEM block begins as "${label.slice(0, 40)}" but ends as "${endLabel.slice(0, 40)}".`,
    )
  }
  checkNotEncrypted(label.slice(0, 40), body)
  const der = decodeStandardBase64(body.replace(/[ \t\r\n]/g, ''))
  if (der === undefined || der.length === 0) {
    throw new JotError(
      'KEY_INVALID',
      `The body of the PEM block "${label.slice(0, 40)}" is not valid base64.`,
    )
  }
  return { label, der }
}

function checkNotEncrypted(label: string, body: string): void {
  // PKCS #8 encryption shows in the label; the legacy OpenSSL format adds RFC 1421 headers.
  if (label === 'ENCRYPTED PRIVATE KEY' || /^Proc-Type:\s*4,\s*ENCRYPTED/m.test(body)) {
    throw new JotError(
      'KEY_UNSUPPORTED',
      'Encrypted PEM keys are not supported; decrypt the key first, for example with openssl pkey.',
    )
  }
  if (body.includes(':')) {
    throw new JotError(
      'KEY_INVALID',
      `The PEM block "${label}" has header lines, which only encrypted legacy keys use.`,
    )
  }
}
