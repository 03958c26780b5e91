import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  JWE_KEY_MANAGEMENT_ALGORITHMS,
  JWS_ALGORITHMS,
  JotError,
  decodeUnverified,
  decryptCompact,
  importJwk,
  importPem,
  signJwt,
  verifyJwt,
} from '../src/index.js'
import type {
  JotKey,
  Jwk,
  JweContentEncryptionAlgorithm,
  JweKeyManagementAlgorithm,
  JwsAlgorithm,
  KeyAlgorithm,
} from '../src/index.js'
import { readShared } from './fixtures/shared.js'
import { runHarness } from './jwks/harness.js'

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
    readonly keyManagementAlgorithms?: JweKeyManagementAlgorithm[]
    readonly contentEncryptionAlgorithms?: JweContentEncryptionAlgorithm[]
  }
  readonly harness?: unknown
  readonly expect: 'reject' | 'accept' | { payload: Record<string, unknown> }
  readonly why: string
}

const { cases } = readShared('cases/adversarial.json') as { cases: AdversarialCase[] }

// Cases with a harness need a running component and run further below; every other case here.
const runnable = cases.filter((item) => item.harness === undefined)

/**
 * Imports the configured key the way an application would: for each algorithm it accepts that
 * fits the key. A key that fits none of them counts as a rejection of the whole operation.
 */
async function importConfiguredKeys(item: AdversarialCase): Promise<JotKey[]> {
  const material = item.key
  if (material === null || material === undefined) return []
  const candidates: readonly KeyAlgorithm[] =
    item.operation === 'decrypt'
      ? (item.options?.keyManagementAlgorithms ?? JWE_KEY_MANAGEMENT_ALGORITHMS)
      : (item.options?.algorithms ?? JWS_ALGORITHMS)
  const jwks: (string | Jwk)[] = []
  if (typeof material !== 'string' && 'keys' in material) jwks.push(...material.keys)
  else jwks.push(material)
  const keys: JotKey[] = []
  for (const entry of jwks) {
    const algs =
      typeof entry !== 'string' && entry.alg !== undefined
        ? [entry.alg as KeyAlgorithm]
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
    case 'decrypt': {
      const keys = await importConfiguredKeys(item)
      const token = item.token!
      const { plaintext } = await decryptCompact(token, keys.length === 1 ? keys[0]! : keys, {
        keyManagementAlgorithms: item.options?.keyManagementAlgorithms,
        contentEncryptionAlgorithms: item.options?.contentEncryptionAlgorithms,
        // A token's length does not bound what it inflates to, so the length limit is raised to
        // let the token through; the decompression cap must stop it on its own.
        maxTokenLength: Math.max(16_384, token.length),
      })
      if (item.expect === 'reject' || item.expect === 'accept') return {}
      return JSON.parse(Buffer.from(plaintext).toString('utf8')) as Record<string, unknown>
    }
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

// Cases with a harness need a running component, such as a JWKS endpoint that counts requests.
const harnessed = cases.filter((item) => item.harness !== undefined)

for (const item of harnessed) {
  test(`adversarial ${item.id} ${item.kind} harness`, async () => {
    const outcome = await runHarness(item)
    assert.ok(outcome.fetches <= outcome.maxFetches, `${outcome.fetches} fetches: ${item.why}`)
    for (const error of outcome.errors) {
      if (item.expect === 'reject') assert.ok(error instanceof JotError, item.why)
      else assert.equal(error, undefined, item.why)
    }
  })
}
