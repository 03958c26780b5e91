/** The application/x-www-form-urlencoded body parser, which Fastify does not include. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { HttpError } from './http-error.js'

/**
 * Registers the form parser on `app`. A body becomes a plain object of strings; a repeated
 * parameter is rejected because RFC 6749 section 3.2 allows each one once. Fastify's body limit
 * applies.
 */
export function registerFormParser(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    function parseForm(_request: FastifyRequest, body: string, done) {
      try {
        done(null, parseFormBody(body))
      } catch (error) {
        done(error as Error, undefined)
      }
    },
  )
}

/**
 * Parses a form body into a null-prototype object, so names like `__proto__` stay plain data.
 * @throws HttpError 400 `invalid_request` for a repeated parameter.
 */
export function parseFormBody(body: string): Record<string, string> {
  const fields = Object.create(null) as Record<string, string>
  for (const [name, value] of new URLSearchParams(body)) {
    if (Object.hasOwn(fields, name)) {
      throw new HttpError(
        400,
        'invalid_request',
        `The parameter "${name.slice(0, 32)}" appears more than once.`,
      )
    }
    fields[name] = value
  }
  return fields
}
