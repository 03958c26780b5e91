import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isDeepStrictEqual } from 'node:util'
import {
  importJwk,
  importSecret,
  isJwsAlgorithm,
  signCompact,
  signJson,
  toPublicKey,
  verifyCompact,
  verifyJson,
} from '../../src/index.js'
import type { GeneralJws, JotKey, Jwk, JwsAlgorithm } from '../../src/index.js'
import { readShared } from '../fixtures/shared.js'
import { SECRET } from '../fixtures/tokens.js'
import { bytes } from './helpers.js'

interface Vector {
  readonly source: string
  readonly kind: string
  readonly deterministic: boolean
  readonly alg: string
  readonly payload: string
  readonly key: Jwk
  readonly protectedHeader?: Record<string, unknown>
  readonly unprotectedHeader?: Record<string, unknown>
  readonly expected: {
    readonly compact?: string
    readonly flattened?: Record<string, unknown>
    readonly general?: GeneralJws
  }
}

const { vectors } = readShared('vectors/jws-examples.json') as { vectors: Vector[] }
const jwsVectors = vectors.filter((v) => v.kind === 'jws')
const supported = jwsVectors.filter((v) => isJwsAlgorithm(v.alg))
const unsupported = jwsVectors.filter((v) => !isJwsAlgorithm(v.alg))

const SERIALIZATIONS = ['flattened', 'general'] as const

async function signingKey(vector: Vector): Promise<JotKey> {
  return importJwk(vector.key, { alg: vector.alg as JwsAlgorithm })
}

async function verificationKey(vector: Vector): Promise<JotKey> {
  const key = await signingKey(vector)
  return key.kind === 'private' ? toPublicKey(key) : key
}

/** What verifyJson must return for a vector's single signature. */
function expectedResult(vector: Vector, signatureIndex = 0): unknown {
  return {
    payload: bytes(vector.payload),
    header: { ...vector.protectedHeader, ...vector.unprotectedHeader },
    protectedHeader: vector.protectedHeader,
    unprotectedHeader: vector.unprotectedHeader,
    signatureIndex,
  }
}

test('vector file has JSON examples', () => {
  const sources = supported.filter((v) => v.expected.general !== undefined).map((v) => v.source)
  for (const source of [
    'RFC7520 section 4.1',
    'RFC7520 section 4.6',
    'RFC7520 section 4.7',
    'RFC7797 section 4.1',
  ]) {
    assert.ok(sources.includes(source), source)
  }
})

for (const vector of supported) {
  for (const serialization of SERIALIZATIONS) {
    const expected = vector.expected[serialization]
    if (expected === undefined) continue

    test(`${serialization} vector ${vector.source} ${vector.alg} verifies`, async () => {
      const key = await verificationKey(vector)
      assert.deepEqual(await verifyJson(expected, key), expectedResult(vector))
      assert.deepEqual(await verifyJson(JSON.stringify(expected), key), expectedResult(vector))
    })

    test(`${serialization} vector ${vector.source} ${vector.alg} tampered`, async () => {
      const key = await verificationKey(vector)
      const text = JSON.stringify(expected)
      const signature = /"signature":"([^"]+)"/.exec(text)?.[1] ?? ''
      const flipped = `${signature.slice(0, 4)}${signature[4] === 'A' ? 'B' : 'A'}${signature.slice(5)}`
      await assert.rejects(verifyJson(text.replace(signature, flipped), key), {
        code: 'SIGNATURE_INVALID',
        message: 'The signature is invalid.',
      })
    })

    if (vector.deterministic) {
      test(`${serialization} vector ${vector.source} ${vector.alg} reproduced`, async () => {
        // b64 and crit come from the b64 option; every other parameter goes in as given.
        const protectedHeader =
          vector.protectedHeader === undefined
            ? undefined
            : Object.fromEntries(
                Object.entries(vector.protectedHeader).filter(
                  ([name]) => name !== 'b64' && name !== 'crit',
                ),
              )
        const jws = await signJson(
          vector.payload,
          [
            {
              key: await signingKey(vector),
              protectedHeader,
              unprotectedHeader: vector.unprotectedHeader,
            },
          ],
          { serialization, b64: vector.protectedHeader?.['b64'] !== false },
        )
        assert.deepEqual(jws, expected)
        assert.equal(JSON.stringify(jws), JSON.stringify(expected))
      })
    }
  }

  if (vector.expected.compact !== undefined) {
    test(`compact vector ${vector.source} ${vector.alg} verifies`, async () => {
      const result = await verifyCompact(vector.expected.compact!, await verificationKey(vector))
      assert.deepEqual(result, { header: vector.protectedHeader, payload: bytes(vector.payload) })
    })
  }
}

// RFC 7797 section 4.2 gives the same signature in compact form with a detached payload.
const unencoded = supported.filter((v) => v.protectedHeader?.['b64'] === false)

test('vector file has unencoded examples', () => {
  assert.ok(unencoded.length >= 1)
})

for (const vector of unencoded) {
  test(`detached compact vector ${vector.source} reproduced`, async () => {
    const flattened = vector.expected.flattened!
    const expected = `${String(flattened['protected'])}..${String(flattened['signature'])}`
    const token = await signCompact(vector.payload, await signingKey(vector), {
      b64: false,
      detached: true,
    })
    assert.equal(token, expected)
    const result = await verifyCompact(expected, await verificationKey(vector), {
      detachedPayload: vector.payload,
    })
    assert.deepEqual(result, { header: vector.protectedHeader, payload: bytes(vector.payload) })
  })
}

// The vector file has no multiple-signature example (RFC 7520 section 4.8), but the RFC 7520
// vectors all sign one payload, so their general forms join into one JWS with six signatures.
const sharedPayload = supported.filter(
  (v) =>
    v.expected.general !== undefined &&
    v.protectedHeader?.['b64'] !== false &&
    v.payload === supported[0]?.payload,
)

test('joined vectors have several signatures', () => {
  assert.ok(sharedPayload.length >= 3)
})

const joined = {
  payload: sharedPayload[0]?.expected.general?.payload,
  signatures: sharedPayload.flatMap((v) => v.expected.general?.signatures ?? []),
}

for (const vector of sharedPayload) {
  test(`joined vectors verify with ${vector.source} key`, async () => {
    // A key verifies the first signature made with the same key material and algorithm.
    const index = sharedPayload.findIndex(
      (other) => other.alg === vector.alg && isDeepStrictEqual(other.key, vector.key),
    )
    const result = await verifyJson(joined, await verificationKey(vector))
    assert.deepEqual(result, expectedResult(sharedPayload[index]!, index))
  })
}

test('joined vectors reject unrelated key', async () => {
  const key = await importSecret(SECRET, { alg: 'HS256' })
  await assert.rejects(verifyJson(joined, [key]), {
    code: 'NO_MATCHING_KEY',
    message:
      'No verification key matches the token\'s alg "RS256" and kid "bilbo.baggins@hobbiton.example".',
  })
})

for (const vector of unsupported) {
  for (const serialization of SERIALIZATIONS) {
    const expected = vector.expected[serialization]
    if (expected === undefined) continue
    test(`${serialization} vector ${vector.alg} rejected as unsupported`, async () => {
      const key = await importSecret(SECRET, { alg: 'HS256' })
      await assert.rejects(verifyJson(expected, key), {
        code: 'ALG_UNSUPPORTED',
        message: `The JWS algorithm "${vector.alg}" is not supported.`,
      })
    })
  }
}
