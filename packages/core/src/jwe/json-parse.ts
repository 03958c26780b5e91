/** Reading a JWE in the flattened or general JSON serialization, strictly and within limits. */
import { JotError } from '../errors.js'
import { isBase64url } from '../encoding/base64url.js'
import { parseJsonObject } from '../encoding/json.js'
import { describeType, isPlainObject } from '../keys/options.js'
import type { ParsedJwe } from './decrypt.js'
import { deepFreeze } from '../encoding/json.js'
import { decodeProtectedHeader, isJsonObject } from './header.js'

type JsonObject = Readonly<Record<string, unknown>>

/**
 * Parses a JWE in a JSON serialization, given as JSON text or as a parsed object. An object
 * is serialized and parsed again, so both go through the same checks: the length limit,
 * duplicate member names, nesting depth. A JWE with a `recipients` member is general;
 * otherwise it is flattened.
 * @throws JotError `ARGUMENT_INVALID`, `INPUT_TOO_LARGE` or `TOKEN_MALFORMED`.
 */
export function parseJsonJwe(input: unknown, maxLength: number): ParsedJwe {
  const text = jsonText(input)
  if (text.length > maxLength) {
    throw new JotError('INPUT_TOO_LARGE', `The JWE is longer than ${maxLength} characters.`)
  }
  // Frozen because the headers reach the caller and the key resolver as they are.
  const jwe = deepFreeze(parseJsonObject(text, 'JWE'))
  const protectedSegment = optionalSegment(jwe, 'protected', 'JWE member')
  return {
    protectedSegment: protectedSegment ?? '',
    protectedHeader:
      protectedSegment === undefined ? undefined : decodeProtectedHeader(protectedSegment),
    sharedHeader: optionalHeader(jwe, 'unprotected'),
    recipients: readRecipients(jwe),
    aad: optionalSegment(jwe, 'aad', 'JWE member'),
    iv: requiredSegment(jwe, 'iv'),
    ciphertext: requiredSegment(jwe, 'ciphertext'),
    tag: requiredSegment(jwe, 'tag'),
  }
}

function jsonText(input: unknown): string {
  if (typeof input === 'string') return input
  if (!isPlainObject(input)) {
    throw new JotError(
      'ARGUMENT_INVALID',
      `The JWE must be a JSON object or its text, not ${describeType(input)}.`,
    )
  }
  let text: string | undefined
  try {
    // JSON.stringify returns undefined when a toJSON method does, despite its declared type.
    text = JSON.stringify(input)
  } catch (cause) {
    throw new JotError('ARGUMENT_INVALID', 'The JWE object cannot be serialized as JSON.', {
      cause,
    })
  }
  if (typeof text !== 'string') {
    throw new JotError('ARGUMENT_INVALID', 'The JWE object cannot be serialized as JSON.')
  }
  return text
}

function readRecipients(jwe: JsonObject): ParsedJwe['recipients'] {
  const recipients = jwe['recipients']
  if (recipients === undefined) {
    return [
      {
        header: optionalHeader(jwe, 'header'),
        encryptedKey: optionalSegment(jwe, 'encrypted_key', 'JWE member') ?? '',
      },
    ]
  }
  // RFC 7516 section 7.2.1: the general syntax carries header and encrypted_key per recipient
  // only, so a JWE with both forms would leave two readings of the recipient.
  for (const name of ['header', 'encrypted_key']) {
    if (jwe[name] !== undefined) {
      throw new JotError(
        'TOKEN_MALFORMED',
        `The JWE has both "recipients" and a top-level "${name}" member.`,
      )
    }
  }
  if (!Array.isArray(recipients) || recipients.length === 0) {
    throw new JotError('TOKEN_MALFORMED', 'The JWE member "recipients" must be a non-empty array.')
  }
  return (recipients as unknown[]).map((recipient) => {
    if (!isJsonObject(recipient)) {
      throw new JotError('TOKEN_MALFORMED', 'Each JWE recipient must be an object.')
    }
    return {
      header: optionalHeader(recipient, 'header'),
      encryptedKey: optionalSegment(recipient, 'encrypted_key', 'recipient member') ?? '',
    }
  })
}

function optionalHeader(object: JsonObject, name: string): JsonObject | undefined {
  const value = object[name]
  if (value === undefined) return undefined
  if (!isJsonObject(value)) {
    throw new JotError('TOKEN_MALFORMED', `The JWE member "${name}" must be an object.`)
  }
  return value
}

function optionalSegment(object: JsonObject, name: string, what: string): string | undefined {
  const value = object[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !isBase64url(value)) {
    throw new JotError(
      'TOKEN_MALFORMED',
      `The ${what} "${name}" must be a canonical unpadded base64url string.`,
    )
  }
  return value
}

function requiredSegment(object: JsonObject, name: string): string {
  const value = optionalSegment(object, name, 'JWE member')
  if (value !== undefined) return value
  throw new JotError('TOKEN_MALFORMED', `The JWE has no "${name}" member.`)
}
