/** Builders of raw JSON-serialized JWS for the JWS tests, including deliberately broken ones. */
import { createHmac } from 'node:crypto'
import { SECRET, segment } from '../fixtures/tokens.js'

/** The parts of one raw signature entry. Objects are serialized as JSON; strings are used as text. */
export interface RawSignatureParts {
  readonly protectedHeader?: unknown
  readonly header?: unknown
  /** The payload member exactly as it appears in the JWS. */
  readonly payload: string
  readonly secret?: Uint8Array
}

/** One signature entry, signed with HS256 over whatever headers it is given. */
export interface RawSignature {
  readonly protected?: string
  readonly header?: unknown
  readonly signature: string
}

/** Signs raw header parts with HS256, bypassing every check jot makes. */
export function rawSignature(parts: RawSignatureParts): RawSignature {
  const encodedProtected =
    parts.protectedHeader === undefined ? undefined : segment(parts.protectedHeader)
  const signature = createHmac('sha256', parts.secret ?? SECRET)
    .update(`${encodedProtected ?? ''}.${parts.payload}`)
    .digest('base64url')
  return {
    ...(encodedProtected === undefined ? {} : { protected: encodedProtected }),
    ...(parts.header === undefined ? {} : { header: parts.header }),
    signature,
  }
}

/** Builds a flattened JWS with an HS256 signature over the given parts. */
export function rawFlattened(parts: RawSignatureParts): Record<string, unknown> {
  return { payload: parts.payload, ...rawSignature(parts) }
}

/** Encodes text as base64url, for payload members. */
export function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url')
}

/** Encodes text as UTF-8 bytes, as a plain Uint8Array like the verifiers return. */
export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}
