import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import { createSigner, createVerifier, exportJwk, thumbprint } from '@jot/core'
import { decryptPrivateJwk } from '../../src/keys/encryption.js'
import { loadOrCreateSigningKeys } from '../../src/keys/rotation.js'
import { MasterKey } from '../../src/master-key.js'
import { openSqliteStore } from '../../src/store/sqlite.js'
import type { SigningKeyRecord, Store } from '../../src/store/store.js'
import { makeTempDir } from '../fixtures/temp.js'
import { wrapStore } from '../fixtures/wrap-store.js'

const NOW = 1_700_000_000
const masterKey = new MasterKey(new Uint8Array(32).fill(1))

async function openTempStore(t: TestContext): Promise<Store> {
  const store = await openSqliteStore(join(makeTempDir(t), 'jot.db'))
  t.after(() => store.close())
  return store
}

test('loadOrCreateSigningKeys creates ES256 key', async (t) => {
  const store = await openTempStore(t)

  const { keys, created } = await loadOrCreateSigningKeys(store, masterKey, NOW)

  const key = keys.signerAt(NOW)
  assert.equal(created, true)
  assert.equal(key.alg, 'ES256')
  assert.equal(key.kid, await thumbprint(key.publicKey))
  assert.deepEqual(keys.publishedAt(NOW), [key])
  const [record] = await store.listSigningKeys()
  assert.deepEqual(record, {
    kid: key.kid,
    alg: 'ES256',
    publicJwk: key.publicJwk,
    encryptedPrivateKey: record?.encryptedPrivateKey,
    generation: 1,
    createdAt: NOW,
    activatesAt: NOW,
  })
  assert.deepEqual(Object.keys(key.publicJwk).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y'])
})

test('loadOrCreateSigningKeys encrypts private key', async (t) => {
  const store = await openTempStore(t)
  const { keys } = await loadOrCreateSigningKeys(store, masterKey, NOW)
  const [record] = (await store.listSigningKeys()) as [SigningKeyRecord]
  const privateJwk = await exportJwk(keys.signerAt(NOW).privateKey)

  assert.equal(record.encryptedPrivateKey.includes(privateJwk.d!), false)
  assert.deepEqual(await decryptPrivateJwk(record.encryptedPrivateKey, masterKey, record.kid), {
    ...privateJwk,
    kid: record.kid,
    alg: 'ES256',
  })
})

test('loadOrCreateSigningKeys loads stored key', async (t) => {
  const store = await openTempStore(t)
  const first = await loadOrCreateSigningKeys(store, masterKey, NOW)

  const second = await loadOrCreateSigningKeys(store, masterKey, NOW + 60)

  const created = first.keys.signerAt(NOW)
  const loaded = second.keys.signerAt(NOW + 60)
  assert.equal(second.created, false)
  assert.equal(loaded.kid, created.kid)
  assert.deepEqual(loaded.publicJwk, created.publicJwk)
  assert.equal((await store.listSigningKeys()).length, 1)
  // The loaded private key signs what the created public key verifies.
  const token = createSigner(loaded.privateKey, { now: NOW })({ sub: 'alice' })
  const verify = createVerifier(created.publicKey, { algorithms: ['ES256'], now: NOW })
  assert.equal(verify(token).claims.sub, 'alice')
})

test('loadOrCreateSigningKeys refuses wrong master key', async (t) => {
  const store = await openTempStore(t)
  const { keys } = await loadOrCreateSigningKeys(store, masterKey, NOW)
  const wrongKey = new MasterKey(new Uint8Array(32).fill(9))

  await assert.rejects(loadOrCreateSigningKeys(store, wrongKey, NOW), {
    name: 'ServerError',
    code: 'MASTER_KEY_MISMATCH',
    message:
      `The signing key ${keys.signerAt(NOW).kid} cannot be decrypted with the configured master ` +
      'key. Set JOT_MASTER_KEY to the key it was stored with; the server never replaces a stored key.',
  })
  assert.equal((await store.listSigningKeys()).length, 1)
})

test('loadOrCreateSigningKeys detects swapped public key', async (t) => {
  const store = await openTempStore(t)
  const other = await loadOrCreateSigningKeys(await openTempStore(t), masterKey, NOW)
  await loadOrCreateSigningKeys(store, masterKey, NOW)
  const [record] = (await store.listSigningKeys()) as [SigningKeyRecord]
  const swapped = wrapStore(store, {
    listSigningKeys: () =>
      Promise.resolve([{ ...record, publicJwk: other.keys.signerAt(NOW).publicJwk }]),
  })

  await assert.rejects(loadOrCreateSigningKeys(swapped, masterKey, NOW), {
    name: 'ServerError',
    code: 'STORE_INVALID',
    message: `Signing key ${record.kid} does not match its kid; the stored key pair is corrupt.`,
  })
})

test('loadOrCreateSigningKeys adopts key of faster instance', async (t) => {
  const store = await openTempStore(t)
  const otherStore = await openTempStore(t)
  const other = await loadOrCreateSigningKeys(otherStore, masterKey, NOW)
  const [otherRecord] = (await otherStore.listSigningKeys()) as [SigningKeyRecord]
  let lists = 0
  // This instance finds no key, then another instance stores its key just before this insert.
  const racing = wrapStore(store, {
    listSigningKeys: () => {
      lists += 1
      return lists === 1 ? Promise.resolve([]) : store.listSigningKeys()
    },
    insertSigningKey: async (key) => {
      assert.equal(await store.insertSigningKey(otherRecord), true)
      return store.insertSigningKey(key)
    },
  })

  const { keys, created } = await loadOrCreateSigningKeys(racing, masterKey, NOW)

  assert.equal(created, false)
  assert.equal(keys.signerAt(NOW).kid, other.keys.signerAt(NOW).kid)
  assert.deepEqual(await store.listSigningKeys(), [otherRecord])
})
