/** Signing of compact JWS. */
import { JotError } from '../errors.js'
import { signatureBackend } from '../backend/index.js'
import { encodeBase64url, encodeBase64urlString } from '../encoding/base64url.js'
import { getJwsAlgorithm, isJwsAlgorithm } from '../jwa/jws-algorithms.js'
import type { JwsAlgorithmEntry } from '../jwa/jws-algorithms.js'
import { assertKeyUsable, isJotKey } from '../keys/key.js'
import type { JotKey } from '../keys/key.js'
import { STRING_PARAMETERS } from './header.js'
import { encodePayload, signingInput } from './payload.js'

/** Options for signing a compact JWS. */
export interface SignCompactOptions {
  /**
   * Extra protected header parameters. `alg` comes from the key and may not be set here;
   * `kid` defaults to the key's. `b64` is set with the `b64` option, and `crit` may not be set.
   */
  readonly header?: Readonly<Record<string, unknown>> | undefined
  /**
   * Whether the payload is base64url-encoded. False signs it unencoded (RFC 7797): the header
   * gets `b64: false` and `crit: ["b64"]`, and the payload must then be detached or be UTF-8
   * text without "." (RFC 7797 section 5.2). Default true.
   */
  readonly b64?: boolean | undefined
  /**
   * Whether to leave the payload out of the token (RFC 7515 appendix F), giving
   * `header..signature`; the verifier supplies it as `detachedPayload`. Default false.
   */
  readonly detached?: boolean | undefined
}

/**
 * Checks that a key can sign and returns its algorithm entry.
 * @throws JotError `ARGUMENT_INVALID`, `ALG_NOT_ALLOWED` or `KEY_INVALID`, also for a key
 *   bound to a JWE algorithm.
 */
export function signingEntry(key: unknown): JwsAlgorithmEntry {
  if (!isJotKey(key)) {
    throw new JotError(
      'ARGUMENT_INVALID',
      'The signing key must be a JotKey; import raw material with importJwk, importPem or importSecret first.',
    )
  }
  if (key.kind === 'public') {
    throw new JotError('KEY_INVALID', 'A public key cannot sign; use the private key.')
  }
  if (!isJwsAlgorithm(key.alg)) {
    throw new JotError(
      'KEY_INVALID',
      `The key is bound to the JWE algorithm ${key.alg} and cannot sign; import it for a JWS algorithm.`,
    )
  }
  const entry = getJwsAlgorithm(key.alg)
  assertKeyUsable(key, entry.alg, 'sign')
  return entry
}

/**
 * Builds the protected header from the key and the caller's extra parameters.
 * @throws JotError `OPTION_INVALID`.
 */
export function buildHeader(
  key: JotKey,
  extra: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  if (
    extra !== undefined &&
    (typeof extra !== 'object' || extra === null || Array.isArray(extra))
  ) {
    throw new JotError('OPTION_INVALID', 'The "header" option must be an object.')
  }
  for (const name of ['alg', 'crit', 'b64'] as const) {
    if (extra?.[name] !== undefined) {
      throw new JotError(
        'OPTION_INVALID',
        `The header parameter "${name}" cannot be set here; the key determines alg, and crit and b64 need the JSON serialization.`,
      )
    }
  }
  const header: Record<string, unknown> = { alg: key.alg }
  if (key.kid !== undefined) header['kid'] = key.kid
  for (const [name, value] of Object.entries(extra ?? {})) {
    if (value !== undefined) header[name] = value
  }
  // A verifier rejects these when they are not strings, jot's own included, so a signer that
  // wrote one would issue tokens that no verifier accepts.
  for (const name of STRING_PARAMETERS) {
    if (header[name] !== undefined && typeof header[name] !== 'string') {
      throw new JotError('OPTION_INVALID', `The header parameter "${name}" must be a string.`)
    }
  }
  return header
}

/**
 * Signs an already encoded header and payload: the shared last step of every compact signer.
 * A string on the Node.js backend, a promise on the Web Crypto backend.
 */
export function signEncoded(
  entry: JwsAlgorithmEntry,
  key: JotKey,
  encodedHeader: string,
  encodedPayload: string,
): string | Promise<string> {
  const signingInput = `${encodedHeader}.${encodedPayload}`
  const signature = signatureBackend.sign(entry, key, signingInput)
  if (signature instanceof Uint8Array) return `${signingInput}.${encodeBase64url(signature)}`
  return signature.then((bytes) => `${signingInput}.${encodeBase64url(bytes)}`)
}

/**
 * Signs a payload as a compact JWS.
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `ALG_NOT_ALLOWED` or `KEY_INVALID`.
 * @example
 * const jws = await signCompact('hello', privateKey, { header: { typ: 'text' } })
 * const detached = await signCompact(document, privateKey, { b64: false, detached: true })
 */
export async function signCompact(
  payload: string | Uint8Array,
  key: JotKey,
  options?: SignCompactOptions,
): Promise<string> {
  const entry = signingEntry(key)
  const b64 = booleanOption(options?.b64, 'b64', true)
  const detached = booleanOption(options?.detached, 'detached', false)
  const header = buildHeader(key, compactHeaderOption(options?.header))
  if (!b64) {
    header['b64'] = false
    header['crit'] = ['b64']
  }
  const encoded = encodePayload(payload, b64, detached, 'compact')

  const encodedHeader = encodeBase64urlString(JSON.stringify(header))
  const signature = signatureBackend.sign(entry, key, signingInput(encodedHeader, encoded.signed))
  const prefix = `${encodedHeader}.${encoded.serialized}.`
  // Awaiting only a promise keeps the Node.js path free of a microtask per call.
  if (signature instanceof Uint8Array) return prefix + encodeBase64url(signature)
  return prefix + encodeBase64url(await signature)
}

// buildHeader's message for these names is written for signJwt; signCompact has its own.
const COMPACT_HEADER_RULES: Readonly<Record<string, string>> = {
  alg: 'The header parameter "alg" cannot be set here; the key determines it.',
  b64: 'The header parameter "b64" cannot be set here; use the "b64" option.',
  crit: 'The header parameter "crit" cannot be set in a compact JWS; use signJson for critical extensions.',
}

function compactHeaderOption(
  header: Readonly<Record<string, unknown>> | undefined,
): Readonly<Record<string, unknown>> | undefined {
  if (typeof header !== 'object' || header === null) return header
  for (const [name, message] of Object.entries(COMPACT_HEADER_RULES)) {
    if (header[name] !== undefined) throw new JotError('OPTION_INVALID', message)
  }
  return header
}

/**
 * Reads an optional boolean option.
 * @throws JotError `OPTION_INVALID`.
 */
export function booleanOption(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') {
    throw new JotError('OPTION_INVALID', `The "${name}" option must be true or false.`)
  }
  return value
}
