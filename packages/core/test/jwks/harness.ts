/** Runs adversarial cases that need a running component, such as a JWKS endpoint. */
import { remoteKeySet, verifyJwt } from '../../src/index.js'
import type { JwsAlgorithm } from '../../src/index.js'
import { startJwksServer } from './helpers.js'

/** A `remote-jwks` harness: the set to serve, the number of attempts and the request cap. */
export interface RemoteJwksHarness {
  readonly type: 'remote-jwks'
  readonly jwks: unknown
  readonly attempts: number
  readonly maxFetches: number
}

/** What a harness run observed. */
export interface HarnessOutcome {
  /** One entry per attempt: the verification's error, or undefined when it succeeded. */
  readonly errors: readonly unknown[]
  /** Requests the JWKS endpoint received. */
  readonly fetches: number
  readonly maxFetches: number
}

/** The case fields a harness run reads. */
export interface HarnessCase {
  readonly id: string
  readonly token?: string
  readonly options?: { readonly now?: number; readonly algorithms?: JwsAlgorithm[] }
  readonly harness?: unknown
}

/**
 * Runs a case's harness. An unknown harness type throws, so a new kind of case fails loudly
 * instead of passing untested.
 */
export async function runHarness(item: HarnessCase): Promise<HarnessOutcome> {
  const harness = item.harness
  if (!isRemoteJwksHarness(harness)) {
    throw new Error(`Case ${item.id} has a harness this test suite cannot run.`)
  }
  return runRemoteJwks(harness, item.token ?? '', item.options?.now ?? 0, item.options?.algorithms)
}

function isRemoteJwksHarness(value: unknown): value is RemoteJwksHarness {
  if (typeof value !== 'object' || value === null) return false
  const { type, attempts, maxFetches } = value as Record<string, unknown>
  return (
    type === 'remote-jwks' && Number.isSafeInteger(attempts) && Number.isSafeInteger(maxFetches)
  )
}

// Serves the set from a counting loopback endpoint and verifies the token `attempts` times in a
// row through one remote key set. The clock does not move, as in a burst of requests.
async function runRemoteJwks(
  harness: RemoteJwksHarness,
  token: string,
  now: number,
  algorithms: JwsAlgorithm[] | undefined,
): Promise<HarnessOutcome> {
  const server = await startJwksServer()
  try {
    server.serve(harness.jwks)
    const keySet = remoteKeySet(server.url, { nowMs: () => now * 1000, algorithms })
    const options = { now, algorithms }
    const errors: unknown[] = []
    for (let attempt = 0; attempt < harness.attempts; attempt++) {
      errors.push(
        await verifyJwt(token, keySet, options).then(
          () => undefined,
          (error: unknown) => error,
        ),
      )
    }
    return { errors, fetches: server.requests, maxFetches: harness.maxFetches }
  } finally {
    await server.close()
  }
}
