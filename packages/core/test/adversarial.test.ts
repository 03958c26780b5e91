import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  JWS_ALGORITHMS,
  JotError,
  decodeUnverified,
  importJwk,
  importPem,
  signJwt,
  verifyJwt,
} from '../src/index.js'
import type { JotKey, Jwk, JwsAlgorithm } from '../src/index.js'
import { readShared } from './fixtures/shared.js'

interface AdversarialCase {
  readonly id: string
  readonly kind: string
  readonly operation: 'verify' | 'decrypt' | 'decode' | 'sign' | 'importJwk'
  readonly token?: string
  readonly key?: string | Jwk | { keys: Jwk[] } | null
  readonly payload?: Record<string, unknown>
  readonly options?: {
    readonly now?: number
    readonly algorithms?: JwsAlgorithm[]
    readonly audience?: string
    readonly issuer?: string
    readonly alg?: JwsAlgorithm
  }
  readonly harness?: unknown
  readonly expect: 'reject' | 'accept' | { payload: Record<string, unknown> }
  readonly why: string
}

const { cases } = readShared('cases/adversarial.json') as { cases: AdversarialCase[] }

// JWE decryption and remote key sets arrive with their own modules; every other case runs here.
const runnable = cases.filter((item) => item.operation !== 'decrypt' && item.harness === undefined)

/**
 * Imports the configured key the way an application would: for each algorithm it accepts that
 * fits the key. A key that fits none of them counts as a rejection of the whole operation.
 */
async function importConfiguredKeys(item: AdversarialCase): Promise<JotKey[]> {
  const material = item.key
  if (material === null || material === undefined) return []
  const candidates = item.options?.algorithms ?? JWS_ALGORITHMS
  const jwks =
    typeof material === 'string' ? [material] : 'keys' in material ? material.keys : [material]
  const keys: JotKey[] = []
  for (const entry of jwks) {
    const algs =
      typeof entry !== 'string' && entry.alg !== undefined
        ? [entry.alg as JwsAlgorithm]
        : candidates
    for (const alg of algs) {
      try {
        keys.push(
          typeof entry === 'string'
            ? await importPem(entry, { alg })
            : await importJwk(entry, { alg }),
        )
      } catch (error) {
        assert.ok(error instanceof JotError, `import threw ${String(error)}`)
      }
    }
  }
  return keys
}

async function run(item: AdversarialCase): Promise<Record<string, unknown>> {
  switch (item.operation) {
    case 'verify': {
      const keys = await importConfiguredKeys(item)
      const { claims } = await verifyJwt(item.token!, keys.length === 1 ? keys[0]! : keys, {
        algorithms: item.options?.algorithms,
        audience: item.options?.audience,
        issuer: item.options?.issuer,
        now: item.options?.now,
      })
      return claims
    }
    case 'decode':
      return decodeUnverified(item.token!).claims
    case 'sign': {
      const key = await importJwk(item.key as Jwk, { alg: item.options?.alg })
      await signJwt(item.payload ?? {}, key)
      return {}
    }
    case 'importJwk':
      await importJwk(item.key as Jwk, { alg: item.options?.alg })
      return {}
    case 'decrypt':
      throw new Error(`case ${item.id} needs JWE decryption`)
  }
}

test('adversarial cases are loaded', () => {
  assert.ok(runnable.length >= 18, `only ${runnable.length} runnable cases`)
})

for (const item of runnable) {
  test(`adversarial ${item.id} ${item.kind}`, async () => {
    if (item.expect === 'reject') {
      // Any JotError is a rejection; anything else (a TypeError, a crash) fails the case.
      await assert.rejects(run(item), (error: unknown) => error instanceof JotError, item.why)
      return
    }
    const claims = await run(item)
    if (item.expect !== 'accept') assert.deepEqual(claims, item.expect.payload, item.why)
  })
}
