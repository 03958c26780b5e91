/** Client credentials of a request (RFC 6749 section 2.3.1): HTTP Basic or body parameters. */
import { HttpError } from './http-error.js'
import { checkClientId, DEFAULT_CLIENT_ID, readParameter } from './params.js'
import type { Params } from './params.js'
import { REALM } from './bearer.js'

/**
 * How a request identified its client: `client_secret_basic` and `client_secret_post` carry a
 * secret, `none` only names a public client (or none, which means `jot`).
 */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none'

/** The client a request names, with the secret it presents. */
export interface ClientCredentials {
  readonly method: ClientAuthMethod
  readonly clientId: string
  /** Undefined for method `none`. */
  readonly secret: string | undefined
}

/** The one description of every client authentication failure, so none reveals which part failed. */
export const CLIENT_AUTH_FAILED = 'Client authentication failed.'

/**
 * Creates the 401 `invalid_client` error. RFC 6749 section 5.2 requires a challenge for the
 * scheme the client used; Basic is the only scheme the service accepts, so it is always named.
 */
export function invalidClient(cause?: unknown): HttpError {
  return new HttpError(401, 'invalid_client', CLIENT_AUTH_FAILED, {
    headers: { 'www-authenticate': `Basic realm="${REALM}"` },
    cause,
  })
}

/**
 * Reads the client credentials of a request from its Authorization header or its body.
 * @throws HttpError 401 `invalid_client` for a malformed or unsupported Authorization header,
 *   400 `invalid_request` for two methods at once (RFC 6749 section 2.3) or a secret without id.
 */
export function readClientCredentials(
  authorization: string | undefined,
  params: Params,
): ClientCredentials {
  const bodyId = readParameter(params, 'client_id')
  const bodySecret = readParameter(params, 'client_secret')
  if (authorization !== undefined) {
    const basic = parseBasic(authorization)
    if (bodySecret !== undefined) {
      throw new HttpError(
        400,
        'invalid_request',
        'The request uses more than one client authentication method; use one.',
      )
    }
    if (bodyId !== undefined && bodyId !== basic.clientId) {
      throw new HttpError(
        400,
        'invalid_request',
        'The client_id parameter differs from the client in the Authorization header.',
      )
    }
    return { method: 'client_secret_basic', ...basic }
  }
  if (bodySecret !== undefined) {
    if (bodyId === undefined) {
      throw new HttpError(400, 'invalid_request', 'The client_id parameter is missing.')
    }
    return { method: 'client_secret_post', clientId: checkClientId(bodyId), secret: bodySecret }
  }
  return { method: 'none', clientId: checkClientId(bodyId ?? DEFAULT_CLIENT_ID), secret: undefined }
}

// RFC 6749 section 2.3.1: the client id and secret are form-encoded, joined with a colon, and
// the result is base64-encoded (RFC 7617).
function parseBasic(header: string): { clientId: string; secret: string } {
  const match = /^basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(header.trim())
  if (match === null) throw invalidClient()
  const encoded = match[1] ?? ''
  const decoded = Buffer.from(encoded, 'base64')
  // Buffer skips bad characters; the round trip proves the text was exactly one base64 value.
  if (decoded.toString('base64') !== encoded) throw invalidClient()
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  let pair: string
  try {
    pair = text.decode(decoded)
  } catch (error) {
    throw invalidClient(error)
  }
  const colon = pair.indexOf(':')
  if (colon <= 0) throw invalidClient()
  const clientId = formDecode(pair.slice(0, colon))
  const secret = formDecode(pair.slice(colon + 1))
  if (clientId === undefined || secret === undefined || secret === '') throw invalidClient()
  return { clientId: checkBasicClientId(clientId), secret }
}

function formDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return undefined
  }
}

function checkBasicClientId(clientId: string): string {
  try {
    return checkClientId(clientId)
  } catch (error) {
    throw invalidClient(error)
  }
}
