/**
 * `--growth`: how verification cost grows with the work. Verify rate against payload size
 * (HS256 and ES256, jot prepared and the floor), and against the size of a local key set
 * (HS256, the token's `kid` naming the last key), where `kid` lookup should stay flat.
 */
import { createHmac, type JsonWebKey } from 'node:crypto'
import { createVerifier, importJwk, localKeySet, type Jwk } from '@jot/core'
import { createFloorSigner, createFloorVerifier, encodeJson } from './floor.js'
import { generateKeyMaterial, type BenchAlgorithm, type KeyMaterial } from './keys.js'
import { measureInterleaved, median, type MeasureOptions } from './measure.js'
import { AUDIENCE, CLAIMS, ISSUER, type Claims } from './token.js'

export interface GrowthOptions {
  readonly quick: boolean
  readonly json: boolean
  readonly measure: MeasureOptions
}

const PAYLOAD_BYTES = [200, 1024, 4096, 16_384, 65_536] as const
const KEY_SET_SIZES = [1, 10, 100, 1000] as const
// A 64 KB payload is about 87 KB of base64url, over jot's default 16384-character limit.
const MAX_TOKEN_LENGTH = 100_000

/**
 * Returns claims whose JSON is exactly `bytes` long: the registered claims the verifiers check
 * (`sub`, `iss`, `aud`, `iat`, `exp`) and a `pad` claim that fills the rest, 149 bytes at the least.
 */
export function claimsOfSize(bytes: number): Claims {
  const { sub, iss, aud, iat, exp } = CLAIMS
  const base = { sub, iss, aud, iat, exp, pad: '' }
  const padding = bytes - JSON.stringify(base).length
  if (padding < 0) {
    throw new Error(`A payload of ${bytes} bytes is smaller than the registered claims.`)
  }
  return { ...base, pad: 'x'.repeat(padding) }
}

interface PayloadPoint {
  readonly alg: BenchAlgorithm
  readonly payloadBytes: number
  readonly floorOpsPerSec: number
  readonly jotOpsPerSec: number
  readonly ratioToFloor: number
}

interface KeySetPoint {
  readonly keys: number
  readonly opsPerSec: number
  readonly ratioToOneKey: number
}

async function payloadPoints(
  alg: BenchAlgorithm,
  measure: MeasureOptions,
): Promise<PayloadPoint[]> {
  const material = generateKeyMaterial(alg)
  const sign = createFloorSigner(material)
  const floorVerify = createFloorVerifier(material)
  const key = await importJwk(material.verificationJwk, { alg })
  const verify = createVerifier(key, {
    algorithms: [alg],
    issuer: ISSUER,
    audience: AUDIENCE,
    maxTokenLength: MAX_TOKEN_LENGTH,
  })
  const points: PayloadPoint[] = []
  for (const payloadBytes of PAYLOAD_BYTES) {
    const token = sign(claimsOfSize(payloadBytes))
    process.stderr.write(`growth: ${alg} verify, ${payloadBytes}-byte payload\n`)
    const [floorRounds, jotRounds] = await measureInterleaved(
      [
        { mode: 'sync', run: () => floorVerify(token) },
        { mode: 'sync', run: () => verify(token) },
      ],
      measure,
    )
    const floorRates = floorRounds!.map((sample) => sample.opsPerSec)
    const jotRates = jotRounds!.map((sample) => sample.opsPerSec)
    points.push({
      alg,
      payloadBytes,
      floorOpsPerSec: median(floorRates),
      jotOpsPerSec: median(jotRates),
      ratioToFloor: median(jotRates.map((rate, round) => rate / floorRates[round]!)),
    })
  }
  return points
}

async function keySetPoints(measure: MeasureOptions): Promise<KeySetPoint[]> {
  const materials = Array.from({ length: Math.max(...KEY_SET_SIZES) }, () =>
    generateKeyMaterial('HS256'),
  )
  const jwks = materials.map((material, index): JsonWebKey => ({
    ...material.verificationJwk,
    kid: `key-${index}`,
    alg: 'HS256',
  }))
  const tasks = []
  for (const size of KEY_SET_SIZES) {
    const last = materials[size - 1]!
    const set = await localKeySet({ keys: jwks.slice(0, size) as Jwk[] })
    if (set.keys.length !== size) {
      throw new Error(`localKeySet imported ${set.keys.length} of ${size} keys.`)
    }
    const verify = createVerifier(set, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
    })
    // The floor signs with the last key and names it, so the lookup must find it by kid.
    const token = signWithKid(last, `key-${size - 1}`)
    verify(token)
    tasks.push({ mode: 'sync' as const, run: () => verify(token) })
  }
  process.stderr.write(`growth: HS256 verify with key sets of ${KEY_SET_SIZES.join(', ')} keys\n`)
  const samples = await measureInterleaved(tasks, measure)
  const oneKey = samples[0]!.map((sample) => sample.opsPerSec)
  return KEY_SET_SIZES.map((keys, index) => {
    const rates = samples[index]!.map((sample) => sample.opsPerSec)
    return {
      keys,
      opsPerSec: median(rates),
      ratioToOneKey: median(rates.map((rate, round) => rate / oneKey[round]!)),
    }
  })
}

/** Signs the benchmark claims with HS256 and a `kid` in the header, which the floor leaves out. */
function signWithKid(material: KeyMaterial, kid: string): string {
  const input = `${encodeJson({ alg: 'HS256', typ: 'JWT', kid })}.${encodeJson(CLAIMS)}`
  return `${input}.${createHmac('sha256', material.signingKey).update(input).digest('base64url')}`
}

function formatRate(rate: number): string {
  return Math.round(rate).toLocaleString('en-US')
}

/** Runs the growth mode and prints its tables, or JSON with `json`. */
export async function runGrowth(options: GrowthOptions): Promise<void> {
  const payload = [
    ...(await payloadPoints('HS256', options.measure)),
    ...(await payloadPoints('ES256', options.measure)),
  ]
  const keySets = await keySetPoints(options.measure)
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ node: process.version, payload, keySets }, null, 2)}\n`,
    )
    return
  }
  const lines = [
    `Node.js ${process.version}; ${options.measure.rounds} rounds of ${options.measure.roundMs} ms, median ops/s`,
    '',
    '| algorithm | payload | floor ops/s | jot prepared ops/s | jot / floor | jot µs per token |',
    '| --- | --- | --- | --- | --- | --- |',
    ...payload.map(
      (p) =>
        `| ${p.alg} | ${p.payloadBytes} B | ${formatRate(p.floorOpsPerSec)} | ` +
        `${formatRate(p.jotOpsPerSec)} | ${p.ratioToFloor.toFixed(2)} | ${(1e6 / p.jotOpsPerSec).toFixed(1)} |`,
    ),
    '',
    '| keys in the set | jot prepared ops/s (HS256, kid of the last key) | against 1 key |',
    '| --- | --- | --- |',
    ...keySets.map(
      (k) => `| ${k.keys} | ${formatRate(k.opsPerSec)} | ${k.ratioToOneKey.toFixed(2)} |`,
    ),
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
}
