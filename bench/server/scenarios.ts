/** The load runs of the server benchmark, each driven by autocannon over loopback. */
import autocannon from 'autocannon'
import type { Accounts } from './service.js'

/** One load run's figures. */
export interface LoadResult {
  readonly scenario: string
  readonly connections: number
  readonly seconds: number
  /** Requests completed, whatever their status. */
  readonly requests: number
  readonly requestsPerSec: number
  /** Latency percentiles in milliseconds. */
  readonly p50Ms: number
  readonly p99Ms: number
  readonly non2xx: number
  readonly errors: number
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

/** The token endpoint's response to a password or refresh grant, the members the benchmark reads. */
interface TokenResponse {
  readonly access_token: string
  readonly refresh_token: string
}

/** Logs in with the password grant as the public client `jot` and returns the tokens. */
export async function logIn(
  url: string,
  user: { readonly username: string; readonly password: string },
): Promise<TokenResponse> {
  const response = await fetch(`${url}/token`, {
    method: 'POST',
    headers: FORM,
    body: new URLSearchParams({ grant_type: 'password', client_id: 'jot', ...user }).toString(),
  })
  if (response.status !== 200) {
    throw new Error(`Login failed with status ${response.status}: ${await response.text()}`)
  }
  return (await response.json()) as TokenResponse
}

/** Returns the body of GET /me for an access token. */
export async function fetchMe(url: string, accessToken: string): Promise<unknown> {
  const response = await fetch(`${url}/me`, { headers: { authorization: `Bearer ${accessToken}` } })
  if (response.status !== 200) {
    throw new Error(`GET /me failed with status ${response.status}: ${await response.text()}`)
  }
  return response.json()
}

async function drive(
  scenario: string,
  options: Parameters<typeof autocannon>[0] & { readonly connections: number },
): Promise<LoadResult> {
  process.stderr.write(`server: ${scenario}, ${options.connections} connections\n`)
  const result = await autocannon(options)
  return {
    scenario,
    connections: options.connections,
    seconds: result.duration,
    requests: result.requests.total,
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

/** Settings every run shares. */
export interface RunSettings {
  readonly url: string
  readonly seconds: number
  readonly connections: number
}

/** Runs GET on one path with fixed headers. */
export function runGet(
  scenario: string,
  settings: RunSettings,
  path: string,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  return drive(scenario, {
    url: `${settings.url}${path}`,
    connections: settings.connections,
    duration: settings.seconds,
    headers,
  })
}

/** Runs the client credentials grant with HTTP Basic authentication. */
export function runClientCredentials(
  settings: RunSettings,
  client: Accounts['client'],
): Promise<LoadResult> {
  const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')
  return drive('POST /token client_credentials', {
    url: `${settings.url}/token`,
    connections: settings.connections,
    duration: settings.seconds,
    method: 'POST',
    headers: { ...FORM, authorization: `Basic ${basic}` },
    body: 'grant_type=client_credentials',
  })
}

/**
 * Runs the password grant for a fixed number of requests: scrypt at the service's default cost
 * dominates it by design, so one login can take longer than a short timed run. `pickUser` is
 * called per request, so a run can log in as many users.
 */
export function runPasswordGrant(
  scenario: string,
  settings: RunSettings,
  requests: number,
  pickUser: () => { readonly username: string; readonly password: string },
): Promise<LoadResult> {
  return drive(scenario, {
    url: `${settings.url}/token`,
    connections: settings.connections,
    amount: requests,
    requests: [
      {
        method: 'POST',
        headers: FORM,
        setupRequest: (request) => ({
          ...request,
          body: new URLSearchParams({
            grant_type: 'password',
            client_id: 'jot',
            ...pickUser(),
          }).toString(),
        }),
      },
    ],
  })
}

/**
 * Runs the refresh grant. Refresh tokens are single-use and rotate, so every request takes a
 * token from a pool and every response puts the new token back. The pool starts with
 * `seeds`, more than there are connections, so a request always finds one.
 */
export function runRefreshGrant(
  settings: RunSettings,
  seeds: readonly string[],
): Promise<LoadResult> {
  const pool = [...seeds]
  return drive('POST /token refresh_token', {
    url: `${settings.url}/token`,
    connections: settings.connections,
    duration: settings.seconds,
    requests: [
      {
        method: 'POST',
        headers: FORM,
        setupRequest: (request) => {
          const token = pool.shift()
          if (token === undefined) return undefined
          const body = new URLSearchParams({
            grant_type: 'refresh_token',
            client_id: 'jot',
            refresh_token: token,
          })
          return { ...request, body: body.toString() }
        },
        onResponse: (status, body) => {
          if (status !== 200) return
          pool.push((JSON.parse(body) as TokenResponse).refresh_token)
        },
      },
    ],
  })
}
