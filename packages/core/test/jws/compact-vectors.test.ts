import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  importJwk,
  isJwsAlgorithm,
  signCompact,
  toPublicKey,
  verifyCompact,
} from '../../src/index.js'
import type { Jwk } from '../../src/index.js'
import { readShared } from '../fixtures/shared.js'

interface Vector {
  readonly source: string
  readonly name: string
  readonly kind: string
  readonly deterministic: boolean
  readonly alg: string
  readonly payload: string
  readonly key: Jwk
  readonly protectedHeader?: Record<string, unknown>
  readonly expected: { readonly compact?: string }
}

const { vectors } = readShared('vectors/jws-examples.json') as { vectors: Vector[] }
const compact = vectors.filter((v) => v.kind === 'jws' && v.expected.compact !== undefined)

test('vector file has compact examples', () => {
  assert.ok(compact.length >= 5)
})

for (const vector of compact.filter((v) => isJwsAlgorithm(v.alg))) {
  test(`compact vector ${vector.source} ${vector.alg} verifies`, async () => {
    const key = await importJwk(vector.key, { alg: vector.alg as never })
    const verifyKey = key.kind === 'private' ? await toPublicKey(key) : key
    const result = await verifyCompact(vector.expected.compact!, verifyKey)
    assert.deepEqual(result.header, vector.protectedHeader)
    assert.equal(new TextDecoder().decode(result.payload), vector.payload)
  })

  if (vector.deterministic) {
    test(`compact vector ${vector.source} ${vector.alg} reproduced`, async () => {
      const key = await importJwk(vector.key, { alg: vector.alg as never })
      const extra = Object.fromEntries(
        Object.entries(vector.protectedHeader ?? {}).filter(([name]) => name !== 'alg'),
      )
      const token = await signCompact(vector.payload, key, { header: extra })
      assert.equal(token, vector.expected.compact)
    })
  }

  test(`compact vector ${vector.source} ${vector.alg} tampered rejected`, async () => {
    const key = await importJwk(vector.key, { alg: vector.alg as never })
    const [h, p, s] = vector.expected.compact!.split('.')
    const flipped = `${h}.${p!.slice(0, -2)}${p!.at(-2) === 'A' ? 'Q' : 'A'}${p!.slice(-1)}.${s}`
    await assert.rejects(verifyCompact(flipped, key), { code: 'SIGNATURE_INVALID' })
  })
}

for (const vector of compact.filter((v) => !isJwsAlgorithm(v.alg))) {
  test(`compact vector ${vector.alg} rejected as unsupported`, async () => {
    const key = await importJwk({ kty: 'oct', k: 'A'.repeat(43) }, { alg: 'HS256' })
    await assert.rejects(verifyCompact(vector.expected.compact!, key), {
      code: 'ALG_UNSUPPORTED',
      message: `The JWS algorithm "${vector.alg}" is not supported.`,
    })
  })
}
