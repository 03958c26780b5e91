import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  decryptCompact,
  decryptJson,
  encryptCompact,
  encryptJson,
  toPublicKey,
} from '../../src/index.js'
import type { GeneralJwe, JotKey } from '../../src/index.js'
import {
  bytes,
  importVectorKey,
  jweVectors,
  vectorRandomness,
  withBufferPlaintext,
} from './helpers.js'
import type { JweVector } from './helpers.js'

test('jwe vectors are loaded', () => {
  assert.equal(jweVectors.length, 11)
})

// The recipient's public half encrypts, as a sender would hold only that.
async function encryptionKey(key: JotKey): Promise<JotKey> {
  return key.kind === 'private' ? toPublicKey(key) : key
}

// RSA-OAEP pads with fresh randomness the vectors do not record, and DEFLATE output differs
// between compressors, so those two vectors are checked by decryption only.
function isReproducible(vector: JweVector): boolean {
  return !vector.alg.startsWith('RSA-OAEP') && vector.zip === undefined
}

// RFC 7520 sections 5.5.7 and 5.6.7 print general serializations without "recipients", which
// RFC 7516 section 7.2.1 requires even when its one element is the empty object.
function withRecipients(general: GeneralJwe): GeneralJwe {
  return general.recipients === undefined ? { ...general, recipients: [{}] } : general
}

for (const vector of jweVectors) {
  const plaintext = Buffer.from(vector.plaintext, 'utf8')
  const { compact, flattened, general } = vector.expected
  const joint = { ...vector.protectedHeader, ...vector.unprotectedHeader }

  if (compact !== undefined) {
    test(`${vector.source} decrypts compact`, async () => {
      const key = await importVectorKey(vector)
      assert.deepEqual(withBufferPlaintext(await decryptCompact(compact, key)), {
        plaintext,
        protectedHeader: vector.protectedHeader,
      })
    })
  }

  for (const [serialization, jwe] of [
    ['flattened', flattened],
    ['general', general],
  ] as const) {
    if (jwe === undefined) continue
    test(`${vector.source} decrypts ${serialization}`, async () => {
      const key = await importVectorKey(vector)
      const expected: Record<string, unknown> = { plaintext, header: joint, recipientIndex: 0 }
      if (vector.protectedHeader !== undefined) expected['protectedHeader'] = vector.protectedHeader
      if (vector.unprotectedHeader !== undefined) {
        expected['sharedUnprotectedHeader'] = vector.unprotectedHeader
      }
      if (vector.aad !== undefined) {
        expected['additionalAuthenticatedData'] = Buffer.from(vector.aad, 'utf8')
      }
      assert.deepEqual(withBufferPlaintext(await decryptJson(jwe, key)), expected)
    })
  }

  test(`${vector.source} returns CEK on request`, async () => {
    const key = await importVectorKey(vector)
    const cek = vector.generated.cek ?? vector.generated.keyEncryption?.cek
    const jwe = compact ?? flattened
    const result =
      typeof jwe === 'string'
        ? await decryptCompact(jwe, key, { returnContentEncryptionKey: true })
        : await decryptJson(jwe!, key, { returnContentEncryptionKey: true })
    const expected = vector.alg === 'dir' ? bytes((vector.key as { k: string }).k) : bytes(cek!)
    assert.deepEqual(Buffer.from(result.contentEncryptionKey!), expected)
  })

  if (!isReproducible(vector)) continue
  const options = async () => ({
    enc: vector.enc,
    fixedRandomness: await vectorRandomness(vector),
    pbes2Count: vector.generated.keyEncryption?.iteration_count,
  })

  if (compact !== undefined) {
    test(`${vector.source} reproduces compact`, async () => {
      const key = await encryptionKey(await importVectorKey(vector))
      const token = await encryptCompact(vector.plaintext, key, {
        ...(await options()),
        header: vector.protectedHeader,
      })
      assert.equal(token, compact)
    })
  }

  for (const [serialization, jwe] of [
    ['flattened', flattened],
    ['general', general && withRecipients(general)],
  ] as const) {
    if (jwe === undefined) continue
    test(`${vector.source} reproduces ${serialization}`, async () => {
      const key = await encryptionKey(await importVectorKey(vector))
      const produced = await encryptJson(vector.plaintext, key, {
        ...(await options()),
        serialization,
        protectedHeader: vector.protectedHeader,
        unprotectedHeader: vector.unprotectedHeader,
        aad: vector.aad,
      })
      assert.deepEqual(produced, jwe)
    })
  }
}

test('compact without CEK in result', async () => {
  const vector = jweVectors.find((item) => item.alg === 'A128KW')!
  const result = await decryptCompact(vector.expected.compact!, await importVectorKey(vector))
  assert.equal('contentEncryptionKey' in result, false)
})
