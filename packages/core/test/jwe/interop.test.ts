import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as jose from 'jose'
import {
  JWE_CONTENT_ENCRYPTION_ALGORITHMS,
  decryptCompact,
  decryptJson,
  encryptCompact,
  encryptJson,
  exportJwk,
  generateSecret,
} from '../../src/index.js'
import type { JotKey, JweContentEncryptionAlgorithm } from '../../src/index.js'
import { PASSWORD, TEST_PBES2_COUNT, keySetups } from './helpers.js'
import type { KeySetup } from './helpers.js'

// jose 6 runs on Web Crypto, which has no X448, so those setups stay jot-only.
const setups = (await keySetups()).filter((setup) => !setup.label.endsWith('X448'))
const message = 'Not all those who wander are lost.'

/** Returns the key as jose takes it: raw bytes for secrets, a CryptoKey from the JWK otherwise. */
async function joseKey(key: JotKey): Promise<jose.CryptoKey | Uint8Array> {
  const jwk = await exportJwk(key)
  if (key.alg.startsWith('PBES2')) return PASSWORD
  if (jwk.kty === 'oct') return Buffer.from(jwk.k ?? '', 'base64url')
  return jose.importJWK(jwk as jose.JWK, key.alg)
}

async function dirSetup(enc: JweContentEncryptionAlgorithm): Promise<KeySetup> {
  const key = await generateSecret('dir', { enc })
  return { label: 'dir', alg: 'dir', encryptionKey: key, decryptionKey: key }
}

for (const enc of JWE_CONTENT_ENCRYPTION_ALGORITHMS) {
  for (const setup of [...setups, await dirSetup(enc)]) {
    test(`jot to jose ${setup.label} ${enc}`, async () => {
      const token = await encryptCompact(message, setup.encryptionKey, {
        enc,
        pbes2Count: TEST_PBES2_COUNT,
      })
      // jose accepts PBES2 only when the caller names it, as jot's key binding does.
      const result = await jose.compactDecrypt(token, await joseKey(setup.decryptionKey), {
        keyManagementAlgorithms: [setup.alg],
      })
      assert.equal(new TextDecoder().decode(result.plaintext), message)
      assert.equal(result.protectedHeader.alg, setup.alg)
      assert.equal(result.protectedHeader.enc, enc)
    })

    test(`jose to jot ${setup.label} ${enc}`, async () => {
      const token = await new jose.CompactEncrypt(new TextEncoder().encode(message))
        .setProtectedHeader({ alg: setup.alg, enc })
        .setKeyManagementParameters(setup.alg.startsWith('PBES2') ? { p2c: TEST_PBES2_COUNT } : {})
        .encrypt(await joseKey(setup.encryptionKey))
      const result = await decryptCompact(token, setup.decryptionKey)
      assert.equal(Buffer.from(result.plaintext).toString('utf8'), message)
      assert.equal(result.protectedHeader.alg, setup.alg)
    })
  }
}

test('jot to jose compressed', async () => {
  const text = 'Even the smallest person can change the course of the future. '.repeat(20)
  const key = await generateSecret('A128KW')
  const token = await encryptCompact(text, key, { enc: 'A128GCM', zip: 'DEF' })
  const result = await jose.compactDecrypt(token, await joseKey(key))
  assert.equal(new TextDecoder().decode(result.plaintext), text)
  assert.equal(result.protectedHeader.zip, 'DEF')
})

test('jose to jot compressed', async () => {
  const text = 'Even the smallest person can change the course of the future. '.repeat(20)
  const key = await generateSecret('A128KW')
  const token = await new jose.CompactEncrypt(new TextEncoder().encode(text))
    .setProtectedHeader({ alg: 'A128KW', enc: 'A128GCM', zip: 'DEF' })
    .encrypt(await joseKey(key))
  const result = await decryptCompact(token, key)
  assert.equal(Buffer.from(result.plaintext).toString('utf8'), text)
})

test('jot general to jose', async () => {
  const recipients = setups.filter((setup) =>
    ['RSA-OAEP-256', 'ECDH-ES+A128KW P-384', 'A192GCMKW'].includes(setup.label),
  )
  const jwe = await encryptJson(
    message,
    recipients.map((setup) => ({ key: setup.encryptionKey })),
    { enc: 'A128CBC-HS256', aad: 'shared context', unprotectedHeader: { purpose: 'interop' } },
  )
  for (const setup of recipients) {
    const result = await jose.generalDecrypt(
      jwe as jose.GeneralJWE,
      await joseKey(setup.decryptionKey),
      { keyManagementAlgorithms: [setup.alg] },
    )
    assert.equal(new TextDecoder().decode(result.plaintext), message, setup.label)
    assert.equal(new TextDecoder().decode(result.additionalAuthenticatedData), 'shared context')
  }
})

test('jose general to jot', async () => {
  const recipients = setups.filter((setup) =>
    ['RSA-OAEP', 'ECDH-ES+A256KW X25519', 'A256KW'].includes(setup.label),
  )
  const builder = new jose.GeneralEncrypt(new TextEncoder().encode(message))
    .setProtectedHeader({ enc: 'A256GCM' })
    .setAdditionalAuthenticatedData(new TextEncoder().encode('shared context'))
  for (const setup of recipients) {
    builder
      .addRecipient(await joseKey(setup.encryptionKey))
      .setUnprotectedHeader({ alg: setup.alg })
  }
  const jwe = await builder.encrypt()
  for (const [index, setup] of recipients.entries()) {
    const result = await decryptJson(jwe, setup.decryptionKey)
    assert.equal(result.recipientIndex, index, setup.label)
    assert.equal(Buffer.from(result.plaintext).toString('utf8'), message, setup.label)
  }
})

test('jot flattened to jose', async () => {
  const setup = setups.find((item) => item.label === 'ECDH-ES P-521')!
  const jwe = await encryptJson(message, setup.encryptionKey, {
    enc: 'A192GCM',
    serialization: 'flattened',
  })
  const result = await jose.flattenedDecrypt(
    jwe as jose.FlattenedJWE,
    await joseKey(setup.decryptionKey),
  )
  assert.equal(new TextDecoder().decode(result.plaintext), message)
})

test('jose flattened to jot', async () => {
  const setup = setups.find((item) => item.label === 'PBES2-HS384+A192KW')!
  const jwe = await new jose.FlattenedEncrypt(new TextEncoder().encode(message))
    .setProtectedHeader({ alg: setup.alg, enc: 'A192CBC-HS384' })
    .setKeyManagementParameters({ p2c: TEST_PBES2_COUNT })
    .encrypt(await joseKey(setup.encryptionKey))
  const result = await decryptJson(jwe, setup.decryptionKey)
  assert.equal(Buffer.from(result.plaintext).toString('utf8'), message)
})
