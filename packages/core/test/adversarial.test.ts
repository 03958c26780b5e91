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
  JotErrorCode,
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
  let importFailure: JotError | undefined
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
        importFailure ??= error
      }
    }
  }
  // A caller whose only key fails to import sees that failure, not a later NO_MATCHING_KEY.
  if (keys.length === 0 && importFailure !== undefined) throw importFailure
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
        // As for decryption below, the length limit is raised so the case meets the check it
        // stands for (the nesting depth, for one) rather than the length cap.
        maxTokenLength: Math.max(16_384, item.token!.length),
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

// Why jot rejects each case: the code and message a caller receives. The shared file only says
// "reject", so this table keeps a case from passing for an unrelated reason.
const REJECTIONS: Readonly<Record<string, readonly [JotErrorCode, string]>> = {
  'BUG-01': ['ALG_NOT_ALLOWED', 'The algorithm "none" is not allowed.'],
  'BUG-02': ['NO_MATCHING_KEY', 'No verification key matches the token\'s alg "HS256" and no kid.'],
  'BUG-03': ['ALG_NOT_ALLOWED', 'The key is bound to RS256 and cannot be used with HS256.'],
  'BUG-05': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-07': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-08': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-10': [
    'CRIT_UNSUPPORTED',
    'The critical header parameter "urn:example:require-mfa" is not supported.',
  ],
  'BUG-12': ['CLAIM_INVALID', 'The "exp" claim must be a number of seconds.'],
  'BUG-15': ['CLAIM_INVALID', 'The token is not intended for this audience.'],
  'BUG-17': ['CLAIM_INVALID', 'The issuer "issuer.example" is not accepted.'],
  'BUG-20': ['TOKEN_MALFORMED', 'The signature is empty or not canonical unpadded base64url.'],
  'BUG-21': ['TOKEN_MALFORMED', 'The signature is empty or not canonical unpadded base64url.'],
  'BUG-23': ['INPUT_TOO_LARGE', 'The header nests deeper than 32 levels.'],
  'BUG-26': [
    'INPUT_TOO_LARGE',
    'The PBES2 iteration count p2c 2147483647 exceeds the maximum of 1000000; raise maxPbes2Count to accept it.',
  ],
  'BUG-27': [
    'INPUT_TOO_LARGE',
    'The decompressed content is larger than 1048576 bytes; raise maxDecompressedBytes to accept it.',
  ],
  'BUG-28': ['TOKEN_MALFORMED', 'The header parameter "epk" is not a valid public key on P-256.'],
  'BUG-30': ['KEY_INVALID', 'The RSA key has a 1024-bit modulus; RS256 needs at least 2048 bits.'],
  'BUG-31': [
    'KEY_INVALID',
    'The HMAC secret is 8 bytes long; HS256 needs at least 32 bytes, the size of its hash output.',
  ],
  'BUG-33': ['KEY_INVALID', 'The EC JWK is not a valid key.'],
  'BUG-36': ['KEY_INVALID', 'The RSA key has a 1024-bit modulus; RS256 needs at least 2048 bits.'],
}

test('adversarial cases are loaded', () => {
  assert.ok(runnable.length >= 18, `only ${runnable.length} runnable cases`)
})

for (const item of runnable) {
  test(`adversarial ${item.id} ${item.kind}`, async () => {
    if (item.expect === 'reject') {
      const expected = REJECTIONS[item.id]
      assert.ok(expected !== undefined, `no expected rejection listed for ${item.id}`)
      const [code, message] = expected
      await assert.rejects(run(item), { name: 'JotError', code, message }, item.why)
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
