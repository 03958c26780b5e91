/** The service's error and not-found handlers: every failure becomes a JSON error body. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { isServerError } from '../errors.js'
import { HttpError } from './http-error.js'

/** Maximum request body size in bytes; larger bodies get 413. */
export const MAX_BODY_BYTES = 16_384

// Fastify's own client errors, mapped to descriptions written here: the original messages
// may describe the body, and nothing from the request is echoed back.
const FASTIFY_ERRORS: Readonly<Record<string, { status: number; description: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    description: `The request body exceeds ${MAX_BODY_BYTES} bytes.`,
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    description:
      'The content type is not supported; send application/x-www-form-urlencoded or application/json.',
  },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, description: 'The Content-Type header is invalid.' },
  FST_ERR_CTP_EMPTY_TYPE: { status: 400, description: 'The Content-Type header is empty.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    description: 'The Content-Length header does not match the body.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, description: 'The JSON request body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    description: 'The request body is not valid JSON.',
  },
  // A path with a bad percent-encoding, such as "/%" or "/%zz", which the router cannot decode.
  FST_ERR_BAD_URL: { status: 400, description: 'The request path is not a valid URL.' },
}

/** Sends any error thrown while handling a request as `{ error, error_description }`. */
export function handleError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const httpError = toHttpError(error)
  if (httpError.status === 503) {
    // An outage fails every request the same way; the cause's message is enough to act on.
    const cause = error.cause instanceof Error ? error.cause.message : undefined
    request.log.warn({ error: httpError.error, code: codeOf(error), cause }, 'request failed')
  } else if (httpError.status >= 500) {
    request.log.error({ err: error }, 'request failed')
  } else {
    request.log.info({ error: httpError.error, code: codeOf(error) }, 'request rejected')
  }
  return reply.code(httpError.status).headers(httpError.headers).send(httpError.toBody())
}

/** Sends 404 with a JSON body for every path without a route, `/` included. */
export function handleNotFound(_request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body = new HttpError(404, 'not_found', 'No route matches this method and path.').toBody()
  return reply.code(404).send(body)
}

/** Seconds a client should wait before retrying while the store cannot be reached. */
export const UNAVAILABLE_RETRY_AFTER_SEC = 5

function toHttpError(error: FastifyError | Error): HttpError {
  if (error instanceof HttpError) return error
  if (isServerError(error, 'STORE_UNAVAILABLE')) {
    return new HttpError(
      503,
      'temporarily_unavailable',
      'The service is temporarily unavailable; retry later.',
      { headers: { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_SEC) }, cause: error },
    )
  }
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined
  const known = code === undefined ? undefined : FASTIFY_ERRORS[code]
  if (known !== undefined) return new HttpError(known.status, 'invalid_request', known.description)
  const status = 'statusCode' in error ? error.statusCode : undefined
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(status, 'invalid_request', 'The request is invalid.')
  }
  return new HttpError(500, 'server_error', 'The server failed to process the request.')
}

// The code of the error or of its cause (a JotError behind a rejected token), for the log.
function codeOf(error: Error): string | undefined {
  const source = error instanceof HttpError && error.cause instanceof Error ? error.cause : error
  return 'code' in source && typeof source.code === 'string' ? source.code : undefined
}
