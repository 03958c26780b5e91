/** HttpError: a request failure with its status and its RFC 6749 style JSON body. */

/**
 * The `error` values the service sends: RFC 6749 section 5.2 for the token endpoint, RFC 6750
 * section 3.1 for protected resources, `slow_down` (RFC 8628 section 3.5) for rate limits,
 * `temporarily_unavailable` (RFC 6749 section 4.1.2.1) when the store cannot be reached, plus
 * `not_found` and `server_error` for the rest.
 */
export type HttpErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'invalid_scope'
  | 'unsupported_grant_type'
  | 'invalid_token'
  | 'unauthorized'
  | 'slow_down'
  | 'temporarily_unavailable'
  | 'not_found'
  | 'server_error'

/**
 * A failure that the error handler turns into `{ error, error_description }` with `status`.
 * The description goes to the client, so it never contains a token, password or secret.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError'
  readonly status: number
  readonly error: HttpErrorCode
  readonly headers: Readonly<Record<string, string>>

  constructor(
    status: number,
    error: HttpErrorCode,
    description: string,
    options: { headers?: Readonly<Record<string, string>>; cause?: unknown } = {},
  ) {
    super(description, options.cause === undefined ? undefined : { cause: options.cause })
    this.status = status
    this.error = error
    this.headers = options.headers ?? {}
  }

  /** Returns the JSON body of the response. */
  toBody(): { error: HttpErrorCode; error_description: string } {
    return { error: this.error, error_description: this.message }
  }
}
