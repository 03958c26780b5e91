import { test } from 'node:test'
import assert from 'node:assert/strict'
import { decryptCompact, importJwk } from '../../src/index.js'
import type {
  JweContentEncryptionAlgorithm,
  JweKeyManagementAlgorithm,
  Jwk,
} from '../../src/index.js'
import { readShared } from '../fixtures/shared.js'
import { jotError } from './helpers.js'

interface DecryptCase {
  readonly id: string
  readonly operation: string
  readonly token: string
  readonly key: Jwk
  readonly options: {
    readonly keyManagementAlgorithms: [JweKeyManagementAlgorithm]
    readonly contentEncryptionAlgorithms: JweContentEncryptionAlgorithm[]
  }
}

const { cases } = readShared('cases/adversarial.json') as { cases: DecryptCase[] }
const decryptCases = new Map(
  cases.filter((item) => item.operation === 'decrypt').map((item) => [item.id, item]),
)

// Why each case fails: the reason, not only the fact of a rejection.
const expected: Record<string, { code: 'INPUT_TOO_LARGE' | 'TOKEN_MALFORMED'; message: string }> = {
  'BUG-26': {
    code: 'INPUT_TOO_LARGE',
    message:
      'The PBES2 iteration count p2c 2147483647 exceeds the maximum of 1000000; raise maxPbes2Count to accept it.',
  },
  'BUG-27': {
    code: 'INPUT_TOO_LARGE',
    message:
      'The decompressed content is larger than 1048576 bytes; raise maxDecompressedBytes to accept it.',
  },
  'BUG-28': {
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "epk" is not a valid public key on P-256.',
  },
}

test('adversarial decrypt cases are loaded', () => {
  assert.deepEqual([...decryptCases.keys()].sort(), Object.keys(expected))
})

for (const [id, { code, message }] of Object.entries(expected)) {
  test(`adversarial ${id} rejected for its reason`, async () => {
    const item = decryptCases.get(id)!
    const [alg] = item.options.keyManagementAlgorithms
    const key = await importJwk(item.key, { alg })
    await assert.rejects(
      decryptCompact(item.token, key, {
        ...item.options,
        // The zip bomb is longer than the default limit, which would stop it for another reason.
        maxTokenLength: Math.max(16_384, item.token.length),
      }),
      jotError(code, message),
    )
  })
}

test('adversarial zip bomb stopped by length too', async () => {
  const item = decryptCases.get('BUG-27')!
  const key = await importJwk(item.key, { alg: 'dir' })
  await assert.rejects(
    decryptCompact(item.token, key, item.options),
    jotError('INPUT_TOO_LARGE', 'The JWE is longer than 16384 characters.'),
  )
})
