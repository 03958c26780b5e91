/** remoteKeySet: a JWK Set fetched over https and cached, as an async key resolver. */
import type { JotError } from '../errors.js'
import type { JwsHeader } from '../jws/header.js'
import type { JotKey } from '../keys/key.js'
import { readOptions } from '../keys/options.js'
import type { FetchFunction } from './fetch-jwks.js'
import type { SkippedKey } from './key-index.js'
import { displayUrl, parseJwksUrl } from './jwks-url.js'
import {
  KEY_SET_OPTION_NAMES,
  functionOption,
  prepareKeySetOptions,
  wholeNumberOption,
} from './options.js'
import type { LocalKeySetOptions } from './options.js'
import { RemoteKeyCache } from './remote-cache.js'
import type { RemoteSettings } from './remote-cache.js'
import type { RemoteKeySetSnapshot } from './snapshot.js'

/** Options of remoteKeySet. */
export interface RemoteKeySetOptions extends LocalKeySetOptions {
  /** Time allowed for one request, body included, in milliseconds. Default 5000. */
  readonly timeoutMs?: number | undefined
  /** Maximum response body size in bytes, counted as it streams. Default 1048576 (1 MiB). */
  readonly maxResponseBytes?: number | undefined
  /**
   * How long a fetched set is used before it is fetched again, in milliseconds. A shorter
   * Cache-Control `max-age` in the response, or `no-cache` and `no-store`, shortens it down to
   * `cooldownMs`. Default 600000 (10 minutes).
   */
  readonly cacheMaxAgeMs?: number | undefined
  /**
   * Minimum time between the start of one request and the next, in milliseconds, for
   * requests that an unknown `kid` or stale keys trigger. `reload()` ignores it.
   * Default 30000.
   */
  readonly cooldownMs?: number | undefined
  /** The fetch to call, such as one that goes through a proxy. Default the global `fetch`. */
  readonly fetch?: FetchFunction | undefined
  /**
   * Called with the failure of a request whose error the caller does not see: a refresh that
   * failed while stale keys kept serving, or a refetch for an unknown `kid`. Errors the hook
   * throws, and rejections of a promise it returns, are ignored. Default none.
   */
  readonly onError?: ((error: JotError) => void) | undefined
  /** Returns the current time in milliseconds since the epoch. Default `Date.now`. */
  readonly nowMs?: (() => number) | undefined
}

/**
 * A key set fetched from a URL. Call it with a token header to get the keys that may have
 * signed the token; verifyJwt and verifyCompact accept it as their `keys` argument.
 */
export interface RemoteKeySet {
  (header: JwsHeader): Promise<readonly JotKey[]>
  /** The keys of the cached set; empty before the first fetch. */
  readonly keys: readonly JotKey[]
  /** The JWKs of the cached set that cannot verify, each with its reason. */
  readonly skipped: readonly SkippedKey[]
  /**
   * Fetches the set now, whatever the cache age and cooldown; joins a request already running.
   * @throws JotError `JWKS_FETCH_FAILED` or `JWKS_INVALID`; the cached keys stay in use.
   */
  reload(): Promise<void>
  /** Returns the cache as plain JSON, or undefined before the first fetch. */
  exportCache(): RemoteKeySetSnapshot | undefined
  /**
   * Replaces the cache with a snapshot from exportCache, after checking it and importing its
   * keys. A stale snapshot still serves when a refresh fails.
   * @throws JotError `JWKS_INVALID`.
   */
  importCache(snapshot: RemoteKeySetSnapshot): Promise<void>
}

const OPTION_NAMES: readonly string[] = [
  ...KEY_SET_OPTION_NAMES,
  'timeoutMs',
  'maxResponseBytes',
  'cacheMaxAgeMs',
  'cooldownMs',
  'fetch',
  'onError',
  'nowMs',
]

// setTimeout fires at once for delays above 2^31 - 1 milliseconds.
const MAX_TIMEOUT_MS = 2_147_483_647

/**
 * Returns a key set that fetches a JWK Set (RFC 7517 section 5) from `url` when first used,
 * caches it, and selects keys from it as localKeySet does. Nothing is fetched at creation.
 *
 * - Only one request runs at a time; concurrent verifications wait for it.
 * - A token whose `kid` is not in the set triggers a new request, at most once per
 *   `cooldownMs`; otherwise it fails with `NO_MATCHING_KEY`.
 * - When a refresh fails, the stale keys keep serving and `onError` receives the failure.
 *   Before the first success, verifications fail with the request's error, and until the
 *   cooldown has passed they fail with it again without a new request.
 * - The URL must be https, except for loopback hosts (127.0.0.0/8, ::1, localhost).
 *   Redirects are not followed.
 *
 * The resolver is async, so a remote set works with verifyJwt and verifyCompact but not with
 * createVerifier, which throws `ARGUMENT_INVALID` when a resolver returns a promise.
 *
 * @throws JotError `OPTION_INVALID` for a URL or option that is not accepted. Resolving keys
 *   throws `JWKS_FETCH_FAILED` or `JWKS_INVALID` while no fetch has succeeded.
 * @example
 * const keys = remoteKeySet('https://auth.example.com/.well-known/jwks.json', {
 *   algorithms: ['RS256'],
 * })
 * const { claims } = await verifyJwt(token, keys, { algorithms: ['RS256'] })
 */
export function remoteKeySet(url: string | URL, options?: RemoteKeySetOptions): RemoteKeySet {
  const cache = new RemoteKeyCache(prepareRemoteSettings(url, options))

  function resolveRemoteKeys(header: JwsHeader): Promise<readonly JotKey[]> {
    const pending = cache.resolve(header)
    // createVerifier throws ARGUMENT_INVALID on a promise and drops it, so a failure must not
    // become an unhandled rejection. verifyJwt awaits the promise and still receives the error.
    pending.catch(() => undefined)
    return pending
  }

  return Object.freeze(
    Object.defineProperties(resolveRemoteKeys, {
      keys: { get: () => cache.keys, enumerable: true },
      skipped: { get: () => cache.skipped, enumerable: true },
      reload: { value: () => cache.reload(), enumerable: true },
      exportCache: { value: () => cache.exportSnapshot(), enumerable: true },
      importCache: {
        value: (snapshot: unknown) => cache.importSnapshot(snapshot),
        enumerable: true,
      },
    }),
  ) as RemoteKeySet
}

function prepareRemoteSettings(url: unknown, options: unknown): RemoteSettings {
  const fn = 'remoteKeySet'
  const parsedUrl = parseJwksUrl(url)
  const checked = readOptions(options, fn, OPTION_NAMES)
  // The declared option types give the signatures, which plain JavaScript callers are trusted
  // to follow. Results are checked where they are used: a Response, a finite number.
  const fetchOption = functionOption(checked, 'fetch', fn) as FetchFunction | undefined
  const nowMs = functionOption(checked, 'nowMs', fn) as (() => number) | undefined
  const onError = functionOption(checked, 'onError', fn) as ((error: JotError) => void) | undefined
  return {
    url: parsedUrl,
    displayUrl: displayUrl(parsedUrl),
    // The global is looked up per request, so a fetch installed after creation is used.
    fetch: fetchOption ?? ((input, init) => fetch(input, init)),
    timeoutMs: wholeNumberOption(checked, 'timeoutMs', fn, 5000, MAX_TIMEOUT_MS),
    maxResponseBytes: wholeNumberOption(checked, 'maxResponseBytes', fn, 1024 * 1024),
    cacheMaxAgeMs: wholeNumberOption(checked, 'cacheMaxAgeMs', fn, 10 * 60 * 1000),
    cooldownMs: wholeNumberOption(checked, 'cooldownMs', fn, 30 * 1000),
    onError,
    nowMs: nowMs ?? Date.now,
    keySet: prepareKeySetOptions(checked, fn, false),
  }
}
