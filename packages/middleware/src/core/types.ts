/** Types shared by the framework-neutral core and the Express, Fastify and Hono adapters. */
import type {
  AsyncKeyResolver,
  JotError,
  VerificationKeys,
  VerifyJwtOptions,
  VerifyJwtResult,
} from '@jot/core'

/**
 * A place a request may carry its access token (RFC 6750 section 2): the `Authorization`
 * header, an `access_token` field of a form-encoded body, an `access_token` query parameter,
 * or a cookie with the given name.
 */
export type TokenLocation = 'header' | 'body' | 'query' | { readonly cookie: string }

/** The verified token that jwtAuth hands to the application. */
export type JwtAuthResult = VerifyJwtResult

/**
 * Options of createJwtAuth and of each adapter's jwtAuth. Every verifyJwt option (issuer,
 * audience, algorithms, typ, clockToleranceSec, requiredClaims, now, ...) applies to each token.
 */
export interface JwtAuthOptions extends VerifyJwtOptions {
  /**
   * Keys that verify tokens: a JotKey, an array of them (picked by `kid` and `alg`), a
   * resolver function that may be async, a localKeySet or a remoteKeySet. Required.
   */
  readonly keys: VerificationKeys | AsyncKeyResolver
  /**
   * Locations the token is read from. A request that carries a token in more than one of them is
   * rejected. Default `['header']`. The query string and cookies are off unless listed,
   * because URLs end up in logs and browsers send cookies on cross-site requests.
   */
  readonly tokenLocations?: readonly TokenLocation[] | undefined
  /** Whether a request without a token is rejected with 401. Default true. */
  readonly credentialsRequired?: boolean | undefined
  /**
   * The `realm` of every `WWW-Authenticate` challenge: printable ASCII (0x20 to 0x7E), at
   * most 256 characters. Default `"api"`.
   */
  readonly realm?: string | undefined
  /** The claim requireRole reads, an array of role names. Default `"roles"`. */
  readonly rolesClaim?: string | undefined
  /**
   * Called with every rejected request, for logging. The failure's `cause` contains the
   * JotError, whose message never contains the token. Errors the hook throws are ignored.
   * Default none.
   */
  readonly onError?: ((failure: AuthFailure) => void) | undefined
  /**
   * Called once, at creation, for each risky setting that is allowed (a token in the query
   * string or in a cookie). Default none.
   */
  readonly onWarning?: ((warning: JwtAuthWarning) => void) | undefined
}

/** A warning about a risky but allowed setting, with a stable code. */
export interface JwtAuthWarning {
  readonly code: 'QUERY_TOKEN_ENABLED' | 'COOKIE_TOKEN_ENABLED'
  readonly message: string
}

/**
 * The request data the core reads. Header names are lowercase, as Node.js and the Fetch API
 * give them. `query` and `body` are parsed objects whose values are strings or arrays of
 * strings. The core reads `body` only for a form-encoded request whose method is not GET or
 * HEAD.
 */
export interface AuthRequest {
  readonly method: string
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>
  readonly query?: unknown
  readonly body?: unknown
}

/**
 * The `error` value of a failure. The first three are the RFC 6750 section 3.1 codes. A request
 * without a token gets `unauthorized`, and its challenge carries no error code. A missing role
 * gets `access_denied`. The RFC 6749 codes `server_error` and `temporarily_unavailable` mean
 * the server could not verify the token.
 */
export type AuthErrorCode =
  | 'invalid_request'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'unauthorized'
  | 'access_denied'
  | 'server_error'
  | 'temporarily_unavailable'

/** A rejected request, ready to send: status, headers and JSON body. */
export interface AuthFailure {
  readonly status: 400 | 401 | 403 | 500 | 503
  readonly error: AuthErrorCode
  /** A short fixed sentence; it never contains the token. */
  readonly description: string
  /** Response headers, lowercase: `www-authenticate` for 400, 401 and scope failures. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: { readonly error: AuthErrorCode; readonly error_description: string }
  /** The JotError behind a rejected token, for the server log; never sent to the client. */
  readonly cause?: JotError | undefined
}

/** The outcome of authenticate: the verified token (undefined when none was required), or a failure. */
export type AuthOutcome =
  | { readonly ok: true; readonly auth: JwtAuthResult | undefined }
  | { readonly ok: false; readonly failure: AuthFailure }

/** A scope or role check: returns the failure to send, or undefined to let the request through. */
export type AuthGuard = (auth: JwtAuthResult | undefined) => AuthFailure | undefined
