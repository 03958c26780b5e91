/** Handler for requests that Node's HTTP parser rejects before Fastify receives them. */
import type { Socket } from 'node:net'
import type { FastifyBaseLogger } from 'fastify'
import { SECURITY_HEADERS } from './security-headers.js'

const RESPONSES: Readonly<Record<string, { status: string; description: string }>> = {
  HPE_HEADER_OVERFLOW: {
    status: '431 Request Header Fields Too Large',
    description: 'The request headers are too large.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: '408 Request Timeout',
    description: 'The request was not received in time.',
  },
}
const DEFAULT_RESPONSE = { status: '400 Bad Request', description: 'The request is malformed.' }

/**
 * Creates a Fastify `clientErrorHandler` that responds in the service's JSON error format. Only
 * the error code is logged: the error itself carries the raw request bytes, headers included.
 */
export function createClientErrorHandler(log: () => FastifyBaseLogger) {
  return function handleClientError(
    error: Error & { code?: string; rawPacket?: unknown },
    socket: Socket,
  ): void {
    // A reset or destroyed socket cannot carry a response.
    if (error.code === 'ECONNRESET' || socket.destroyed) return
    log().info({ code: error.code }, 'malformed HTTP request rejected')
    const { status, description } =
      (error.code === undefined ? undefined : RESPONSES[error.code]) ?? DEFAULT_RESPONSE
    const body = JSON.stringify({ error: 'invalid_request', error_description: description })
    const headers = Object.entries(SECURITY_HEADERS)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')
    // RFC 9110 section 9.3.2: a response to HEAD has no content, and clients that read one
    // take the extra bytes for a broken response.
    const content = isHeadRequest(error.rawPacket) ? '' : body
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\n${headers}` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${content}`,
      )
    }
    socket.destroy(error)
  }
}

// The parser failed, so no request object names the method, but the bytes it read start with
// it. Node.js passes them as a Buffer, although Fastify types them as JSON.
function isHeadRequest(rawPacket: unknown): boolean {
  return Buffer.isBuffer(rawPacket) && rawPacket.subarray(0, 5).toString('latin1') === 'HEAD '
}
