/** Signing of compact JWS. */
import { JotError } from '../errors.js'
import { signatureBackend } from '../backend/index.js'
import { encodeBase64url, encodeBase64urlString } from '../encoding/base64url.js'
import { getJwsAlgorithm } from '../jwa/jws-algorithms.js'
import type { JwsAlgorithmEntry } from '../jwa/jws-algorithms.js'
import { assertKeyUsable, isJotKey } from '../keys/key.js'
import type { JotKey } from '../keys/key.js'

/** Options for signing a compact JWS. */
export interface SignCompactOptions {
  /**
   * Extra protected header parameters. `alg` comes from the key and may not be set here;
   * `kid` defaults to the key's. `crit` and `b64` are not supported in the compact form.
   */
  readonly header?: Readonly<Record<string, unknown>> | undefined
}

/**
 * Checks that a key can sign and returns its algorithm entry.
 * @throws JotError `ARGUMENT_INVALID`, `ALG_NOT_ALLOWED` or `KEY_INVALID`.
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
  return header
}

/** Signs an already encoded header and payload: the shared last step of every compact signer. */
export function signEncoded(
  entry: JwsAlgorithmEntry,
  key: JotKey,
  encodedHeader: string,
  encodedPayload: string,
): string {
  const signingInput = `${encodedHeader}.${encodedPayload}`
  return `${signingInput}.${encodeBase64url(signatureBackend.sign(entry, key, signingInput))}`
}

/**
 * Signs a payload as a compact JWS.
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `ALG_NOT_ALLOWED` or `KEY_INVALID`.
 * @example
 * const jws = await signCompact('hello', privateKey, { header: { typ: 'text' } })
 */
export async function signCompact(
  payload: string | Uint8Array,
  key: JotKey,
  options?: SignCompactOptions,
): Promise<string> {
  const entry = signingEntry(key)
  const header = buildHeader(key, options?.header)
  let encodedPayload: string
  if (typeof payload === 'string') encodedPayload = encodeBase64urlString(payload)
  else if (payload instanceof Uint8Array) encodedPayload = encodeBase64url(payload)
  else throw new JotError('ARGUMENT_INVALID', 'The payload must be a string or a Uint8Array.')
  return Promise.resolve(
    signEncoded(entry, key, encodeBase64urlString(JSON.stringify(header)), encodedPayload),
  )
}
