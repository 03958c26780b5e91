import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  JWE_CONTENT_ENCRYPTION_ALGORITHMS,
  decryptCompact,
  decryptJson,
  encryptCompact,
  encryptJson,
  generateSecret,
} from '../../src/index.js'
import { TEST_PBES2_COUNT, keySetups } from './helpers.js'
import type { KeySetup } from './helpers.js'

const setups = await keySetups()
const message = 'Three Rings for the Elven-kings under the sky'
const plaintext = Buffer.from(message, 'utf8')

async function dirSetup(
  enc: (typeof JWE_CONTENT_ENCRYPTION_ALGORITHMS)[number],
): Promise<KeySetup> {
  const key = await generateSecret('dir', { enc })
  return { label: 'dir', alg: 'dir', encryptionKey: key, decryptionKey: key }
}

for (const enc of JWE_CONTENT_ENCRYPTION_ALGORITHMS) {
  for (const setup of [...setups, await dirSetup(enc)]) {
    test(`round trip ${setup.label} ${enc}`, async () => {
      const options = { enc, pbes2Count: TEST_PBES2_COUNT }
      const token = await encryptCompact(message, setup.encryptionKey, options)
      const { plaintext: decrypted, protectedHeader } = await decryptCompact(
        token,
        setup.decryptionKey,
      )
      assert.deepEqual(Buffer.from(decrypted), plaintext)
      assert.equal(protectedHeader.alg, setup.alg)
      assert.equal(protectedHeader.enc, enc)

      const jwe = await encryptJson(plaintext, setup.encryptionKey, { ...options, aad: 'context' })
      const opened = await decryptJson(jwe, setup.decryptionKey)
      assert.deepEqual(Buffer.from(opened.plaintext), plaintext)
      assert.deepEqual(opened.additionalAuthenticatedData, Buffer.from('context'))
    })
  }
}

test('round trip compressed content', async () => {
  const text = 'All that is gold does not glitter. '.repeat(40)
  for (const setup of setups.filter((item) => !item.alg.startsWith('PBES2'))) {
    const token = await encryptCompact(text, setup.encryptionKey, { enc: 'A128GCM', zip: 'DEF' })
    const result = await decryptCompact(token, setup.decryptionKey)
    assert.equal(result.protectedHeader.zip, 'DEF', setup.label)
    assert.equal(Buffer.from(result.plaintext).toString('utf8'), text, setup.label)
    assert.ok(token.length < text.length, setup.label)
  }
})

test('round trip empty plaintext', async () => {
  for (const enc of JWE_CONTENT_ENCRYPTION_ALGORITHMS) {
    const key = await generateSecret('A256KW')
    const token = await encryptCompact(new Uint8Array(0), key, { enc })
    const { plaintext: opened } = await decryptCompact(token, key)
    assert.deepEqual(Buffer.from(opened), Buffer.alloc(0), enc)
  }
})

test('round trip several recipients', async () => {
  const recipients = setups.filter((item) =>
    ['RSA-OAEP-256', 'A256KW', 'ECDH-ES+A256KW X25519', 'A128GCMKW', 'PBES2-HS256+A128KW'].includes(
      item.label,
    ),
  )
  const jwe = await encryptJson(
    message,
    recipients.map((item, index) => ({
      key: item.encryptionKey,
      header: { recipient: `r${index}` },
    })),
    {
      enc: 'A256CBC-HS512',
      pbes2Count: TEST_PBES2_COUNT,
      protectedHeader: { cty: 'text/plain' },
      unprotectedHeader: { purpose: 'test' },
    },
  )
  assert.equal(jwe.recipients.length, recipients.length)
  for (const [index, item] of recipients.entries()) {
    const result = await decryptJson(jwe, item.decryptionKey)
    assert.equal(result.recipientIndex, index, item.label)
    assert.deepEqual(Buffer.from(result.plaintext), plaintext, item.label)
    assert.deepEqual(
      result.header,
      {
        cty: 'text/plain',
        enc: 'A256CBC-HS512',
        purpose: 'test',
        ...jwe.recipients[index]?.header,
      },
      item.label,
    )
  }
})
