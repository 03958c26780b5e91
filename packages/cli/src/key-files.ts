/** Reading key files: a JWK or JWK Set (JSON), a PEM file, or a raw HMAC secret. */
import type { OptionSpecs } from './command.js'
import { open } from 'node:fs/promises'
import { JotError } from '@jot/core'
import type { Jwk } from '@jot/core'
import { MAX_INPUT_BYTES } from './io.js'

/** The parsed content of a `--key` file: one JWK, a JWK Set, or PEM text. */
export type KeyFileContent =
  | { readonly kind: 'jwk'; readonly jwk: Jwk }
  | { readonly kind: 'jwks'; readonly keys: readonly unknown[] }
  | { readonly kind: 'pem'; readonly pem: string }

/** The encoding of a `--secret-file`: its raw bytes, or base64url text. */
export type SecretEncoding = 'raw' | 'base64url'

/**
 * Reads a whole file of at most `maxBytes`. The limit also guards against device files such
 * as /dev/zero, which never end.
 * @throws JotError `OPTION_INVALID` naming the flag when the file cannot be read or is larger.
 */
export async function readBoundedFile(
  path: string,
  flag: string,
  maxBytes = MAX_INPUT_BYTES,
): Promise<Buffer> {
  try {
    const file = await open(path, 'r')
    try {
      const buffer = Buffer.alloc(maxBytes + 1)
      let size = 0
      for (;;) {
        const { bytesRead } = await file.read(buffer, size, buffer.length - size, null)
        if (bytesRead === 0) break
        size += bytesRead
        if (size > maxBytes) {
          throw new JotError(
            'OPTION_INVALID',
            `${flag} "${path}" is larger than ${maxBytes} bytes.`,
          )
        }
      }
      return buffer.subarray(0, size)
    } finally {
      await file.close()
    }
  } catch (cause) {
    if (cause instanceof JotError) throw cause
    const reason = (cause as NodeJS.ErrnoException).code ?? 'read error'
    throw new JotError('OPTION_INVALID', `${flag} "${path}" cannot be read (${reason}).`, {
      cause,
    })
  }
}

/**
 * Reads a key file and distinguishes a JWK, a JWK Set and a PEM file by their syntax: PEM text
 * starts with `-----BEGIN`, JSON with `{`. Anything else is rejected, never taken as a secret.
 * @throws JotError `OPTION_INVALID`.
 */
export async function readKeyFile(path: string, flag = '--key'): Promise<KeyFileContent> {
  const text = (await readBoundedFile(path, flag)).toString('utf8').trim()
  if (text.startsWith('-----BEGIN ')) return { kind: 'pem', pem: text }
  if (!text.startsWith('{')) {
    throw new JotError(
      'OPTION_INVALID',
      `${flag} "${path}" is neither a JWK (JSON) nor a PEM file; for a raw HMAC secret, ` +
        'use --secret-file.',
    )
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    throw new JotError('OPTION_INVALID', `${flag} "${path}" is not valid JSON.`, { cause })
  }
  if (!isPlainObject(value)) {
    throw new JotError('OPTION_INVALID', `${flag} "${path}" must hold a JSON object.`)
  }
  const keys = value['keys']
  if (keys === undefined) return { kind: 'jwk', jwk: asJwk(value) }
  if (!Array.isArray(keys)) {
    throw new JotError('OPTION_INVALID', `The "keys" member of ${flag} "${path}" must be an array.`)
  }
  return { kind: 'jwks', keys }
}

/**
 * Reads an HMAC secret: the exact bytes of the file (a trailing newline included), or with
 * `base64url` the decoded text of the file, surrounding whitespace removed.
 * @throws JotError `OPTION_INVALID` for an unreadable, empty or wrongly encoded file.
 */
export async function readSecretFile(path: string, encoding: SecretEncoding): Promise<Uint8Array> {
  const bytes = await readBoundedFile(path, '--secret-file')
  if (encoding === 'raw') return requireNonEmpty(bytes, path)
  const text = bytes.toString('utf8').trim()
  // Buffer's decoder skips characters outside the alphabet, so the text is checked first:
  // base64url without padding, and no length that leaves a lone 6-bit group.
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new JotError(
      'OPTION_INVALID',
      `--secret-file "${path}" is not base64url text (A-Z, a-z, 0-9, "-" and "_", no padding).`,
    )
  }
  return requireNonEmpty(Buffer.from(text, 'base64url'), path)
}

function requireNonEmpty(bytes: Uint8Array, path: string): Uint8Array {
  if (bytes.length === 0) throw new JotError('OPTION_INVALID', `--secret-file "${path}" is empty.`)
  return bytes
}

/**
 * Runs the import of a key from a file the user named. A failure names the file and becomes
 * `KEY_INVALID` (or stays `KEY_UNSUPPORTED`), so that it exits 2 as a usage error even when
 * the core reports it with an algorithm code such as `ALG_NOT_ALLOWED`.
 * @throws JotError `KEY_INVALID` or `KEY_UNSUPPORTED`.
 */
export async function importFromFile<T>(
  flag: string,
  path: string,
  importKey: () => Promise<T>,
): Promise<T> {
  try {
    return await importKey()
  } catch (cause) {
    if (!(cause instanceof JotError)) throw cause
    const code = cause.code === 'KEY_UNSUPPORTED' ? 'KEY_UNSUPPORTED' : 'KEY_INVALID'
    throw new JotError(code, `${flag} "${path}" cannot be used: ${cause.message}`, { cause })
  }
}

/** Tells whether a value is a JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Types a parsed JSON object as a JWK. Sound because importJwk checks every member at run time
 * and rejects anything that is not a valid JWK.
 */
export function asJwk(value: Record<string, unknown>): Jwk {
  return value as unknown as Jwk
}

/** Parses a `--secret-encoding` value. */
export function parseSecretEncoding(text: string | undefined): SecretEncoding {
  if (text === undefined || text === 'raw') return 'raw'
  if (text === 'base64url') return 'base64url'
  throw new JotError(
    'OPTION_INVALID',
    `--secret-encoding must be "raw" or "base64url", not "${text.slice(0, 32)}".`,
  )
}

/** The options that read an HMAC secret from a file, shared by sign and verify. */
export const HMAC_SECRET_OPTIONS: OptionSpecs = {
  'secret-file': {
    type: 'string',
    value: 'FILE',
    help: 'HMAC secret file. By default its exact bytes are the secret, a trailing newline included.',
  },
  'secret-encoding': {
    type: 'string',
    value: 'ENC',
    help: 'How --secret-file encodes the secret: raw (default) or base64url.',
  },
}
