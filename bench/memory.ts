/**
 * `--memory`: verifies one million distinct HS256 tokens with a prepared verifier, without and
 * with the verified-token cache, and reports the heap before and after, each after a full GC.
 */
import { createVerifier, importJwk } from '@jot/core'
import { createFloorSigner } from './floor.js'
import { CACHE_ENTRIES } from './jot.js'
import { generateKeyMaterial } from './keys.js'
import { AUDIENCE, CLAIMS, ISSUER, type Claims } from './token.js'

export interface MemoryOptions {
  readonly quick: boolean
  readonly json: boolean
}

/** Heap figures of one run, in bytes. */
interface MemoryResult {
  readonly verifier: string
  readonly tokens: number
  readonly heapBefore: number
  readonly heapAfter: number
  /** Highest heapUsed seen between GCs while verifying, sampled every SAMPLE_EVERY tokens. */
  readonly heapPeak: number
  readonly seconds: number
}

const SAMPLE_EVERY = 50_000

function collectGarbage(): number {
  const gc = globalThis.gc
  if (typeof gc !== 'function') {
    throw new Error('global.gc is missing; run node with --expose-gc, as npm run bench does.')
  }
  // Twice, so objects freed by the first pass's finalizers go too.
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

function runOne(
  name: string,
  verify: (token: string) => unknown,
  sign: (claims: Claims) => string,
  tokens: number,
): MemoryResult {
  const heapBefore = collectGarbage()
  let heapPeak = heapBefore
  const start = performance.now()
  for (let i = 0; i < tokens; i++) {
    // A distinct token each time, as a server receives them, so the cache never hits and fills up.
    verify(sign({ ...CLAIMS, jti: i.toString(36) }))
    if (i % SAMPLE_EVERY === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
  }
  const seconds = (performance.now() - start) / 1000
  const heapAfter = collectGarbage()
  return { verifier: name, tokens, heapBefore, heapAfter, heapPeak, seconds }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Runs the memory mode and prints its table, or JSON with `json`. */
export async function runMemory(options: MemoryOptions): Promise<void> {
  const tokens = options.quick ? 100_000 : 1_000_000
  const material = generateKeyMaterial('HS256')
  const sign = createFloorSigner(material)
  const key = await importJwk(material.verificationJwk, { alg: 'HS256' })
  const verifyOptions = { algorithms: ['HS256' as const], issuer: ISSUER, audience: AUDIENCE }

  const plain = createVerifier(key, verifyOptions)
  process.stderr.write(`memory: verifying ${tokens} tokens, no cache\n`)
  const results = [runOne('jot prepared', plain, sign, tokens)]
  const cached = createVerifier(key, { ...verifyOptions, cache: { maxEntries: CACHE_ENTRIES } })
  process.stderr.write(`memory: verifying ${tokens} tokens, cache of ${CACHE_ENTRIES}\n`)
  results.push(runOne(`jot cached (${CACHE_ENTRIES} entries)`, cached, sign, tokens))
  // The cached verifier stays reachable until here, so heapAfter above includes its entries.
  cached(sign({ ...CLAIMS, jti: 'last' }))

  if (options.json) {
    process.stdout.write(`${JSON.stringify({ node: process.version, results }, null, 2)}\n`)
    return
  }
  const lines = [
    `Node.js ${process.version}; ${tokens.toLocaleString('en-US')} distinct HS256 tokens, ` +
      'signed by the floor and verified; heap after a full GC',
    '',
    '| verifier | heap before | heap after | growth | peak between GCs | seconds |',
    '| --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.verifier} | ${megabytes(r.heapBefore)} | ${megabytes(r.heapAfter)} | ` +
        `${megabytes(r.heapAfter - r.heapBefore)} | ${megabytes(r.heapPeak)} | ${r.seconds.toFixed(1)} |`,
    ),
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
}
