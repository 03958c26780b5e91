/** Logger settings for the service: pino through Fastify, with secrets kept out of every line. */
import type { FastifyRequest } from 'fastify'

/** Logger options of createApp. */
export interface AppLoggerOptions {
  /** pino level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`. Default `info`. */
  readonly level?: string
  /** Destination of the JSON lines, such as a pino destination. Default standard output. */
  readonly stream?: { write(line: string): void }
}

// A second line of defence: the serializers below already leave these out, and the routes log
// only codes and ids. Redaction catches a field that a future log call adds by mistake.
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  // Node's clientError carries the raw bytes of the bad request, headers included.
  'err.rawPacket',
  'body',
  'req.body',
  'password',
  '*.password',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
]

/** Builds the Fastify `logger` option from createApp's logger option. */
export function buildLoggerOptions(options: AppLoggerOptions | false | undefined) {
  if (options === false) return false
  return {
    level: options?.level ?? 'info',
    ...(options?.stream === undefined ? {} : { stream: options.stream }),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: serializeRequest },
  }
}

// Fastify's default request serializer logs the full URL, whose query string may carry a token
// or a password sent by a misbehaving client, so only the path is kept. Headers are not logged.
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    path: pathOf(request.url),
    remoteAddress: request.ip,
  }
}

/** Returns a URL's path without its query string. */
export function pathOf(url: string): string {
  const end = url.indexOf('?')
  return end === -1 ? url : url.slice(0, end)
}
