/** One JWK Set request: a timeout over the whole exchange, a cap on the body, strict JSON. */
import { JotError, isJotError } from '../errors.js'
import type { JwksFetchDetails } from '../errors.js'
import { parseJsonObject } from '../encoding/json.js'
import { readKeysArray } from './key-index.js'

/** The fetch function a remote key set calls: the global `fetch`, or one the caller injects. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>

/** The target, the fetch function and the limits of one request. */
export interface FetchJwksSettings {
  readonly url: URL
  /** The URL as messages show it, without query string and fragment. */
  readonly displayUrl: string
  readonly fetch: FetchFunction
  readonly timeoutMs: number
  readonly maxResponseBytes: number
}

/** A fetched JWK Set: its `keys` array, unchecked, and the response's Cache-Control. */
export interface FetchedJwks {
  readonly keys: readonly unknown[]
  readonly cacheControl: string | null
}

/**
 * Fetches a JWK Set. Redirects are not followed, so a https URL can never lead to plain http.
 * @throws JotError `JWKS_FETCH_FAILED` for a network error, a timeout, a status other than
 *   200 or a body over `maxResponseBytes`. JotError `JWKS_INVALID` for a body that is not a
 *   JWK Set.
 */
export async function fetchJwks(settings: FetchJwksSettings): Promise<FetchedJwks> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      // Rejecting before aborting makes the timeout, not the abort it causes, settle the race.
      reject(failed(settings, `timed out after ${settings.timeoutMs} ms`, { reason: 'timeout' }))
      controller.abort()
    }, settings.timeoutMs)
  })
  const exchange = readResponse(settings, controller.signal)
  // An injected fetch may ignore the abort signal and fail long after the timeout. By then the
  // timeout has been reported, so the late failure is dropped.
  exchange.catch(() => undefined)
  try {
    const { body, cacheControl } = await Promise.race([exchange, timeout])
    return { keys: parseJwksBody(body, settings.displayUrl), cacheControl }
  } finally {
    clearTimeout(timer)
  }
}

async function readResponse(
  settings: FetchJwksSettings,
  signal: AbortSignal,
): Promise<{ body: Uint8Array; cacheControl: string | null }> {
  // Called as a plain function: browsers reject fetch called as a method of another object.
  const { fetch: fetchFunction } = settings
  try {
    const response = await fetchFunction(settings.url.href, {
      signal,
      redirect: 'manual',
      headers: { accept: 'application/jwk-set+json, application/json' },
    })
    // An injected fetch is typed but not trusted to return a Response.
    if (typeof (response as Partial<Response> | null | undefined)?.status !== 'number') {
      throw new TypeError('The fetch function did not return a Response.')
    }
    if (response.status !== 200) {
      await discardBody(response)
      throw statusFailure(settings, response)
    }
    const body = await readCappedBody(response, settings)
    return { body, cacheControl: response.headers.get('cache-control') }
  } catch (cause) {
    if (isJotError(cause)) throw cause
    // A browser reports a response that CORS withholds as a network error, with no detail.
    const hint = 'document' in globalThis ? CORS_HINT : ''
    throw failed(settings, 'failed', { reason: 'network' }, cause, hint)
  }
}

const CORS_HINT =
  ' A browser also reports a response without an Access-Control-Allow-Origin header this way.'

function statusFailure(settings: FetchJwksSettings, response: Response): JotError {
  const { status } = response
  // Browsers hide a redirect that is not followed behind status 0 and this response type.
  const hidden = response.type === 'opaqueredirect'
  const redirected = (status >= 300 && status < 400) || hidden
  const hint = redirected ? ' Redirects are not followed, so configure the final URL.' : ''
  const answer = hidden ? 'answered with a redirect' : `returned HTTP ${String(status)}`
  return new JotError(
    'JWKS_FETCH_FAILED',
    `The JWKS at ${settings.displayUrl} ${answer}; expected 200.${hint}`,
    { details: { reason: 'status', status } },
  )
}

// The body is counted while it streams, so a response without Content-Length, or one that
// lies about it, still cannot make the process buffer more than the cap.
async function readCappedBody(
  response: Response,
  settings: FetchJwksSettings,
): Promise<Uint8Array> {
  const max = settings.maxResponseBytes
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > max) {
    await discardBody(response)
    throw tooLarge(settings)
  }
  if (response.body === null) return new Uint8Array(0)

  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel()
      throw tooLarge(settings)
    }
    chunks.push(value)
  }
  return concatenate(chunks, size)
}

// Cancelling the body releases the connection; if even that fails, the request's outcome is
// already decided.
async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined)
}

function tooLarge(settings: FetchJwksSettings): JotError {
  return new JotError(
    'JWKS_FETCH_FAILED',
    `The JWKS at ${settings.displayUrl} is larger than ${settings.maxResponseBytes} bytes.`,
    { details: { reason: 'too-large' } },
  )
}

function concatenate(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

function parseJwksBody(body: Uint8Array, displayUrl: string): readonly unknown[] {
  const what = `JWKS from ${displayUrl}`
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch (cause) {
    throw new JotError('JWKS_INVALID', `The ${what} is not valid UTF-8.`, { cause })
  }
  let jwks: Record<string, unknown>
  try {
    jwks = parseJsonObject(text, what)
  } catch (cause) {
    // The parser's message already names the JWKS through `what`. Its code is one for tokens,
    // so the error is raised again with the key set's code.
    const message = isJotError(cause) ? cause.message : `The ${what} is not valid JSON.`
    throw new JotError('JWKS_INVALID', message, { cause })
  }
  return readKeysArray(jwks, what)
}

function failed(
  settings: FetchJwksSettings,
  outcome: string,
  details: JwksFetchDetails,
  cause?: unknown,
  hint = '',
): JotError<'JWKS_FETCH_FAILED'> {
  return new JotError(
    'JWKS_FETCH_FAILED',
    `The JWKS request to ${settings.displayUrl} ${outcome}.${hint}`,
    { details, cause },
  )
}
