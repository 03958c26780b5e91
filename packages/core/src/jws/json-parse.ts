/** Parsing the flattened and general JWS JSON serializations (RFC 7515 section 7.2), before any key is used. */
import { JotError } from '../errors.js'
import { parseJsonObject } from '../encoding/json.js'
import { deepFreeze } from '../encoding/json.js'
import { decodeHeaderParameters } from './header.js'
import type { JwsHeader } from './header.js'
import { joinHeaders } from './json-header.js'
import type { JwsHeaderParameters } from './json-header.js'
import { describeType } from '../keys/options.js'
import { checkEncodedSignature } from './signature-check.js'

/** One signature of a JSON-serialized JWS, with its header checked. */
export interface ParsedJsonSignature {
  /** The `protected` member as sent, or '' when absent: the start of the signing input. */
  readonly encodedProtected: string
  readonly protectedHeader: JwsHeaderParameters | undefined
  readonly unprotectedHeader: JwsHeaderParameters | undefined
  readonly header: JwsHeader
  /** Whether the payload is base64url-encoded (RFC 7797 `b64`). */
  readonly b64: boolean
  /** The `signature` member, checked as canonical base64url but not decoded. */
  readonly signature: string
}

/** A JSON-serialized JWS whose structure and headers have been checked. */
export interface ParsedJsonJws {
  /** The `payload` member, undefined when the payload is detached. */
  readonly payload: string | undefined
  /** The `b64` value that all signatures share. */
  readonly b64: boolean
  readonly signatures: readonly ParsedJsonSignature[]
}

/** Limits and extension names applied while parsing. */
export interface JsonParseLimits {
  readonly maxLength: number
  readonly maxSignatures: number
  readonly understood: ReadonlySet<string>
}

/**
 * Parses a flattened or general JWS, given as JSON text or as an object, and checks every
 * signature's header. An object is serialized first, so both forms meet the same size, depth
 * and type rules and the result never shares objects with the caller.
 * @throws JotError `ARGUMENT_INVALID`, `INPUT_TOO_LARGE`, `TOKEN_MALFORMED` or
 *   `CRIT_UNSUPPORTED`.
 */
export function parseJsonJws(input: unknown, limits: JsonParseLimits): ParsedJsonJws {
  const root = parseJsonObject(jsonText(input, limits.maxLength), 'JWS')
  const entries = signatureEntries(root, limits.maxSignatures)

  const payload = member(root, 'payload')
  if (payload !== undefined && typeof payload !== 'string') {
    throw new JotError('TOKEN_MALFORMED', 'The "payload" member must be a string.')
  }
  const signatures = entries.map((entry) => parseSignature(entry, limits.understood))
  const b64 = signatures[0]?.b64 ?? true
  // RFC 7797 section 3: the payload is shared, so every signature must read it the same way.
  if (signatures.some((signature) => signature.b64 !== b64)) {
    throw new JotError(
      'TOKEN_MALFORMED',
      'Every signature of the JWS must have the same "b64" value.',
    )
  }
  return { payload, b64, signatures }
}

function jsonText(input: unknown, maxLength: number): string {
  let text: string
  if (typeof input === 'string') text = input
  else if (typeof input === 'object' && input !== null) text = serializeJws(input)
  else {
    throw new JotError(
      'ARGUMENT_INVALID',
      `The JWS must be JSON text or an object, not ${describeType(input)}.`,
    )
  }
  // NOTE: an object is serialized in full before this check, so the limit bounds parsing work
  // but not the memory that JSON.stringify uses for a huge object.
  if (text.length > maxLength) {
    throw new JotError('INPUT_TOO_LARGE', `The JWS is longer than ${maxLength} characters of JSON.`)
  }
  return text
}

function serializeJws(input: object): string {
  let text: unknown
  try {
    text = JSON.stringify(input)
  } catch (cause) {
    throw new JotError('TOKEN_MALFORMED', 'The JWS object cannot be serialized as JSON.', { cause })
  }
  // A toJSON method can turn the object into something that is not JSON text at all.
  if (typeof text !== 'string') {
    throw new JotError('TOKEN_MALFORMED', 'The JWS object cannot be serialized as JSON.')
  }
  return text
}

/** Returns the objects that hold `protected`, `header` and `signature`: the root when flattened. */
function signatureEntries(
  root: Record<string, unknown>,
  maxSignatures: number,
): readonly Record<string, unknown>[] {
  const signatures = member(root, 'signatures')
  if (signatures === undefined) return [root]
  // RFC 7515 section 7.2.2: the flattened members appear only when "signatures" does not.
  for (const name of ['protected', 'header', 'signature']) {
    if (Object.hasOwn(root, name)) {
      throw new JotError(
        'TOKEN_MALFORMED',
        `The JWS has both "signatures" and a top-level "${name}" member.`,
      )
    }
  }
  if (!Array.isArray(signatures) || signatures.length === 0) {
    throw new JotError('TOKEN_MALFORMED', 'The "signatures" member must be a non-empty array.')
  }
  if (signatures.length > maxSignatures) {
    throw new JotError(
      'INPUT_TOO_LARGE',
      `The JWS has ${signatures.length} signatures, more than the limit of ${maxSignatures}.`,
    )
  }
  return signatures.map((entry: unknown) => {
    if (!isObject(entry)) {
      throw new JotError('TOKEN_MALFORMED', 'Each entry of "signatures" must be a JSON object.')
    }
    return entry
  })
}

function parseSignature(
  entry: Record<string, unknown>,
  understood: ReadonlySet<string>,
): ParsedJsonSignature {
  const encodedProtected = member(entry, 'protected')
  const unprotected = member(entry, 'header')
  const signature = member(entry, 'signature')
  if (
    encodedProtected !== undefined &&
    (typeof encodedProtected !== 'string' || encodedProtected === '')
  ) {
    throw new JotError('TOKEN_MALFORMED', 'The "protected" member must be a non-empty string.')
  }
  if (unprotected !== undefined && !isObject(unprotected)) {
    throw new JotError('TOKEN_MALFORMED', 'The "header" member must be a JSON object.')
  }
  if (encodedProtected === undefined && unprotected === undefined) {
    throw new JotError(
      'TOKEN_MALFORMED',
      'A JWS signature needs a "protected" or a "header" member.',
    )
  }
  if (typeof signature !== 'string') {
    throw new JotError('TOKEN_MALFORMED', 'The "signature" member must be a string.')
  }

  const protectedHeader =
    encodedProtected === undefined
      ? undefined
      : decodeHeaderParameters(encodedProtected, 'protected header')
  const unprotectedHeader = unprotected === undefined ? undefined : deepFreeze(unprotected)
  const joined = joinHeaders(protectedHeader, unprotectedHeader, understood)
  checkEncodedSignature(signature)
  return {
    encodedProtected: encodedProtected ?? '',
    protectedHeader: joined.protectedHeader,
    unprotectedHeader: joined.unprotectedHeader,
    header: deepFreeze(joined.header),
    b64: joined.b64,
    signature,
  }
}

/** Reads an own member, so inherited names such as `constructor` never count as present. */
function member(object: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(object, name) ? object[name] : undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
