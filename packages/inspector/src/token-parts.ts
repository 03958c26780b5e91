/**
 * Splits a pasted JWS or JWE into its parts and decodes them for display, WITHOUT verifying
 * anything. Parsing is lenient where core is strict (duplicate JSON member names, for one), so
 * that a malformed token still shows as much as can be read. Verification reports the rest.
 */
import { decodeBase64url, decodeUtf8 } from './base64url.js'

/** The name of one part of a token: RFC 7515 section 7.1 and RFC 7516 section 7.1. */
export type PartName =
  'header' | 'payload' | 'signature' | 'encrypted_key' | 'iv' | 'ciphertext' | 'tag' | 'aad'

/** One part of a token, as it appears in the input. */
export interface TokenPart {
  readonly name: PartName
  readonly text: string
}

/** A JWS payload decoded as far as it goes: a JSON object, other text, or bytes. */
export type DecodedPayload =
  | { readonly kind: 'json'; readonly value: Readonly<Record<string, unknown>> }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'binary'; readonly length: number }

/** Serializations of RFC 7515 section 7 and RFC 7516 section 7. */
export type Serialization = 'compact' | 'flattened' | 'general'

/** A decoded JWS. `header` is the JOSE Header: protected and unprotected members together. */
export interface InspectedJws {
  readonly kind: 'jws'
  readonly serialization: Serialization
  readonly parts: readonly TokenPart[]
  readonly header: Readonly<Record<string, unknown>>
  readonly payload: DecodedPayload
  /** Number of signatures; above 1 only in the general JSON serialization. */
  readonly signatureCount: number
  /** The parsed JSON serialization, for verifyJson; absent for compact tokens. */
  readonly json?: Readonly<Record<string, unknown>>
}

/** A decoded JWE. `header` is the JOSE Header of the first recipient. */
export interface InspectedJwe {
  readonly kind: 'jwe'
  readonly serialization: Serialization
  readonly parts: readonly TokenPart[]
  readonly header: Readonly<Record<string, unknown>>
  readonly recipientCount: number
  readonly json?: Readonly<Record<string, unknown>>
}

/** The result of inspectToken: the parts it read, or the reason it could not read the input. */
export type InspectResult =
  | { readonly ok: true; readonly token: InspectedJws | InspectedJwe }
  | { readonly ok: false; readonly message: string }

type JsonObject = Readonly<Record<string, unknown>>

const COMPACT_JWS_PARTS: readonly PartName[] = ['header', 'payload', 'signature']
const COMPACT_JWE_PARTS: readonly PartName[] = [
  'header',
  'encrypted_key',
  'iv',
  'ciphertext',
  'tag',
]

/** Reads a compact or JSON-serialized JWS or JWE. Leading and trailing white space is ignored. */
export function inspectToken(input: string): InspectResult {
  const text = input.trim()
  if (text === '') return failure('Paste a token to inspect it.')
  try {
    return { ok: true, token: text.startsWith('{') ? inspectJson(text) : inspectCompact(text) }
  } catch (error) {
    if (error instanceof InspectError) return failure(error.message)
    throw error
  }
}

class InspectError extends Error {}

function failure(message: string): InspectResult {
  return { ok: false, message }
}

function inspectCompact(text: string): InspectedJws | InspectedJwe {
  const segments = text.split('.')
  if (segments.length !== 3 && segments.length !== 5) {
    throw new InspectError(
      `The token has ${segments.length} dot-separated parts; a compact JWS has 3 and a compact JWE has 5.`,
    )
  }
  const names = segments.length === 3 ? COMPACT_JWS_PARTS : COMPACT_JWE_PARTS
  const parts = segments.map((segment, index) => ({
    name: names[index] ?? 'header',
    text: segment,
  }))
  const header = decodeJsonSegment(segments[0] ?? '', 'header')
  if (segments.length === 5) {
    return { kind: 'jwe', serialization: 'compact', parts, header, recipientCount: 1 }
  }
  const payload = decodePayload(segments[1] ?? '', header['b64'] === false)
  return { kind: 'jws', serialization: 'compact', parts, header, payload, signatureCount: 1 }
}

function inspectJson(text: string): InspectedJws | InspectedJwe {
  const json = parseObject(text, 'The token is not valid JSON.')
  if ('ciphertext' in json) return inspectJsonJwe(json)
  if ('payload' in json) return inspectJsonJws(json)
  throw new InspectError(
    'The JSON has neither "payload" (a JWS) nor "ciphertext" (a JWE), so it is no JOSE JSON serialization.',
  )
}

function inspectJsonJws(json: JsonObject): InspectedJws {
  const general = Array.isArray(json['signatures'])
  const signatures = general ? (json['signatures'] as unknown[]) : [json]
  const first = signatures[0]
  if (!isObject(first)) throw new InspectError('The JWS has no signature object.')
  const protectedText = stringMember(first, 'protected')
  const header = {
    ...(protectedText === undefined ? {} : decodeJsonSegment(protectedText, 'header')),
    ...objectMember(first, 'header'),
  }
  const payloadText = stringMember(json, 'payload') ?? ''
  const parts: TokenPart[] = [
    { name: 'header', text: protectedText ?? '' },
    { name: 'payload', text: payloadText },
    { name: 'signature', text: stringMember(first, 'signature') ?? '' },
  ]
  return {
    kind: 'jws',
    serialization: general ? 'general' : 'flattened',
    parts,
    header,
    payload: decodePayload(payloadText, header['b64'] === false),
    signatureCount: signatures.length,
    json,
  }
}

function inspectJsonJwe(json: JsonObject): InspectedJwe {
  const general = Array.isArray(json['recipients'])
  const recipients = general ? (json['recipients'] as unknown[]) : [json]
  const first = recipients[0]
  const protectedText = stringMember(json, 'protected')
  const header = {
    ...(protectedText === undefined ? {} : decodeJsonSegment(protectedText, 'header')),
    ...objectMember(json, 'unprotected'),
    ...(isObject(first) ? objectMember(first, 'header') : {}),
  }
  const parts: TokenPart[] = [
    { name: 'header', text: protectedText ?? '' },
    {
      name: 'encrypted_key',
      text: isObject(first) ? (stringMember(first, 'encrypted_key') ?? '') : '',
    },
    { name: 'iv', text: stringMember(json, 'iv') ?? '' },
    { name: 'ciphertext', text: stringMember(json, 'ciphertext') ?? '' },
    { name: 'tag', text: stringMember(json, 'tag') ?? '' },
  ]
  const aad = stringMember(json, 'aad')
  if (aad !== undefined) parts.push({ name: 'aad', text: aad })
  return {
    kind: 'jwe',
    serialization: general ? 'general' : 'flattened',
    parts,
    header,
    recipientCount: recipients.length,
    json,
  }
}

function decodeJsonSegment(segment: string, name: PartName): JsonObject {
  const bytes = decodeBase64url(segment)
  if (bytes === undefined) throw new InspectError(`The ${name} is not valid base64url.`)
  const text = decodeUtf8(bytes)
  if (text === undefined) throw new InspectError(`The ${name} is not valid UTF-8.`)
  return parseObject(text, `The ${name} is not a JSON object.`)
}

// With `b64: false` (RFC 7797) the payload is the content itself, not its base64url encoding.
function decodePayload(segment: string, unencoded: boolean): DecodedPayload {
  const bytes = unencoded ? new TextEncoder().encode(segment) : decodeBase64url(segment)
  if (bytes === undefined) throw new InspectError('The payload is not valid base64url.')
  const text = decodeUtf8(bytes)
  if (text === undefined) return { kind: 'binary', length: bytes.length }
  const value = tryParseObject(text)
  return value === undefined ? { kind: 'text', text } : { kind: 'json', value }
}

function parseObject(text: string, message: string): JsonObject {
  const value = tryParseObject(text)
  if (value === undefined) throw new InspectError(message)
  return value
}

function tryParseObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return isObject(value) ? value : undefined
  } catch {
    return undefined
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function stringMember(object: JsonObject, name: string): string | undefined {
  const value = object[name]
  return typeof value === 'string' ? value : undefined
}

function objectMember(object: JsonObject, name: string): JsonObject {
  const value = object[name]
  return isObject(value) ? value : {}
}
