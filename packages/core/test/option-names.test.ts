import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  decryptCompact,
  decryptJson,
  encryptCompact,
  generateSecret,
  signCompact,
  signJson,
  verifyCompact,
  verifyJson,
} from '../src/index.js'

const hsKey = await generateSecret('HS256')
const dirKey = await generateSecret('dir', { enc: 'A256GCM' })

test('verifyCompact rejects unknown options', async () => {
  const token = await signCompact('payload', hsKey)
  await assert.rejects(verifyCompact(token, hsKey, { algorithm: 'HS256' } as never), {
    code: 'OPTION_INVALID',
    message:
      'verifyCompact has no option "algorithm". Use nothing: the key determines the algorithm.',
  })
  assert.equal(
    new TextDecoder().decode(
      (await verifyCompact(token, hsKey, { algorithms: ['HS256'] })).payload,
    ),
    'payload',
  )
})

test('verifyJson rejects unknown options', async () => {
  const jws = await signJson('payload', [{ key: hsKey }])
  await assert.rejects(verifyJson(jws, hsKey, { maxSignature: 2 } as never), {
    code: 'OPTION_INVALID',
    message: 'verifyJson has no option "maxSignature".',
  })
  assert.equal((await verifyJson(jws, hsKey, { maxSignatures: 2 })).signatureIndex, 0)
})

test('decrypt functions reject unknown options', async () => {
  const token = await encryptCompact('secret', dirKey, { enc: 'A256GCM' })
  await assert.rejects(decryptCompact(token, dirKey, { maxP2c: 1000 } as never), {
    code: 'OPTION_INVALID',
    message: 'decryptCompact has no option "maxP2c".',
  })
  await assert.rejects(decryptJson({}, dirKey, { enc: 'A256GCM' } as never), {
    code: 'OPTION_INVALID',
    message: 'decryptJson has no option "enc".',
  })
  const result = await decryptCompact(token, dirKey, { contentEncryptionAlgorithms: ['A256GCM'] })
  assert.equal(new TextDecoder().decode(result.plaintext), 'secret')
})
