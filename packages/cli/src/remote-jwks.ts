/** Fetching a JWK Set over HTTP for `jot verify --jwks`, with a timeout and a size limit. */
import { isIPv4 } from 'node:net'
import { JotError } from '@jot/core'
import { CliError } from './errors.js'
import { isPlainObject } from './key-files.js'

/** Limits of one JWKS request. */
export interface FetchJwksOptions {
  /** Time allowed for the whole request, body included, in milliseconds. Default 5000. */
  readonly timeoutMs?: number
  /** Maximum response body size in bytes. Default 1 MiB. */
  readonly maxBytes?: number
}

const DEFAULT_TIMEOUT_MS = 5000
const DEFAULT_MAX_BYTES = 1024 * 1024

/**
 * Parses and checks a `--jwks` value: an absolute http or https URL.
 * @throws JotError `OPTION_INVALID`.
 */
export function parseJwksUrl(text: string): URL {
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new JotError(
      'OPTION_INVALID',
      `--jwks must be an absolute http or https URL, not "${text.slice(0, 64)}".`,
    )
  }
  return url
}

/** Tells whether a URL points at this machine, where plain http cannot be intercepted. */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname
  // 127.0.0.0/8 is the IPv4 loopback block (RFC 1122 section 3.2.1.3).
  return host === 'localhost' || host === '[::1]' || (isIPv4(host) && host.startsWith('127.'))
}

/**
 * Fetches a JWK Set and returns its `keys` array, unchecked.
 * @throws CliError `JWKS_FETCH_FAILED` for a network error, a timeout, a status other than 200
 *   or an oversized body. CliError `JWKS_INVALID` for a body without a `keys` array.
 */
export async function fetchJwks(url: URL, options: FetchJwksOptions = {}): Promise<unknown[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  // Query strings can carry credentials, so messages name the origin and path only.
  const safeUrl = url.origin + url.pathname
  const signal = AbortSignal.timeout(timeoutMs)

  let body: Buffer
  try {
    const response = await fetch(url, {
      signal,
      headers: { accept: 'application/jwk-set+json, application/json' },
    })
    if (response.status !== 200) {
      await response.body?.cancel()
      throw new CliError(
        'JWKS_FETCH_FAILED',
        `The JWKS at ${safeUrl} returned HTTP ${response.status}.`,
      )
    }
    body = await readLimitedBody(response, maxBytes, safeUrl)
  } catch (cause) {
    if (cause instanceof CliError) throw cause
    const reason = signal.aborted ? `timed out after ${timeoutMs} ms` : 'failed'
    throw new CliError('JWKS_FETCH_FAILED', `The JWKS request to ${safeUrl} ${reason}.`, { cause })
  }
  return parseJwksBody(body, safeUrl)
}

async function readLimitedBody(response: Response, maxBytes: number, safeUrl: string) {
  const tooLarge = () =>
    new CliError('JWKS_FETCH_FAILED', `The JWKS at ${safeUrl} is larger than ${maxBytes} bytes.`)
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > maxBytes || response.body === null) {
    await response.body?.cancel()
    if (declared > maxBytes) throw tooLarge()
    return Buffer.alloc(0)
  }
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > maxBytes) {
      await reader.cancel()
      throw tooLarge()
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

function parseJwksBody(body: Buffer, safeUrl: string): unknown[] {
  let value: unknown
  try {
    value = JSON.parse(body.toString('utf8'))
  } catch (cause) {
    throw new CliError('JWKS_INVALID', `The JWKS at ${safeUrl} is not valid JSON.`, { cause })
  }
  if (!isPlainObject(value) || !Array.isArray(value['keys'])) {
    throw new CliError(
      'JWKS_INVALID',
      `The JWKS at ${safeUrl} is not a JWK Set: it needs a "keys" array.`,
    )
  }
  return value['keys'] as unknown[]
}
