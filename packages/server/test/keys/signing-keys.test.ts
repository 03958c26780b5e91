import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import { createSigner, createVerifier, exportJwk, thumbprint } from '@jot/core'
import { decryptPrivateJwk } from '../../src/keys/encryption.js'
import { loadOrCreateSigningKeys } from '../../src/keys/signing-keys.js'
import { MasterKey } from '../../src/master-key.js'
import { openSqliteStore } from '../../src/store/sqlite.js'
import type { SigningKeyRecord, Store } from '../../src/store/store.js'
import { makeTempDir } from '../fixtures/temp.js'

const NOW = 1_700_000_000
const masterKey = new MasterKey(new Uint8Array(32).fill(1))

async function openTempStore(t: TestContext): Promise<Store> {
  const store = await openSqliteStore(join(makeTempDir(t), 'jot.db'))
  t.after(() => store.close())
  return store
}

test('loadOrCreateSigningKeys creates ES256 key', async (t) => {
  const store = await openTempStore(t)

  const ring = await loadOrCreateSigningKeys(store, masterKey, () => NOW)

  assert.equal(ring.created, true)
  assert.equal(ring.current.alg, 'ES256')
  assert.equal(ring.current.kid, await thumbprint(ring.current.publicKey))
  assert.deepEqual(ring.published, [ring.current])
  const [record] = await store.listSigningKeys('active')
  assert.deepEqual(record, {
    kid: ring.current.kid,
    alg: 'ES256',
    publicJwk: ring.current.publicJwk,
    encryptedPrivateKey: record?.encryptedPrivateKey,
    status: 'active',
    createdAt: NOW,
  })
  assert.deepEqual(Object.keys(ring.current.publicJwk).sort(), [
    'alg',
    'crv',
    'kid',
    'kty',
    'use',
    'x',
    'y',
  ])
})

test('loadOrCreateSigningKeys encrypts private key', async (t) => {
  const store = await openTempStore(t)
  const ring = await loadOrCreateSigningKeys(store, masterKey, () => NOW)
  const [record] = (await store.listSigningKeys('active')) as [SigningKeyRecord]
  const privateJwk = await exportJwk(ring.current.privateKey)

  assert.equal(record.encryptedPrivateKey.includes(privateJwk.d!), false)
  assert.deepEqual(decryptPrivateJwk(record.encryptedPrivateKey, masterKey, record.kid), {
    ...privateJwk,
    kid: record.kid,
    alg: 'ES256',
  })
})

test('loadOrCreateSigningKeys loads stored key', async (t) => {
  const store = await openTempStore(t)
  const created = await loadOrCreateSigningKeys(store, masterKey, () => NOW)

  const loaded = await loadOrCreateSigningKeys(store, masterKey, () => NOW + 60)

  assert.equal(loaded.created, false)
  assert.equal(loaded.current.kid, created.current.kid)
  assert.deepEqual(loaded.current.publicJwk, created.current.publicJwk)
  assert.equal((await store.listSigningKeys('active')).length, 1)
  // The loaded private key signs what the created public key verifies.
  const token = createSigner(loaded.current.privateKey, { now: NOW })({ sub: 'alice' })
  const verify = createVerifier(created.current.publicKey, { algorithms: ['ES256'], now: NOW })
  assert.equal(verify(token).claims.sub, 'alice')
})

test('loadOrCreateSigningKeys refuses wrong master key', async (t) => {
  const store = await openTempStore(t)
  const created = await loadOrCreateSigningKeys(store, masterKey, () => NOW)
  const wrongKey = new MasterKey(new Uint8Array(32).fill(9))

  await assert.rejects(
    loadOrCreateSigningKeys(store, wrongKey, () => NOW),
    {
      name: 'ServerError',
      code: 'MASTER_KEY_MISMATCH',
      message:
        `The signing key ${created.current.kid} cannot be decrypted with the configured master ` +
        'key. Set JOT_MASTER_KEY to the key it was stored with; the server never replaces a stored key.',
    },
  )
  assert.equal((await store.listSigningKeys('active')).length, 1)
})

test('loadOrCreateSigningKeys detects swapped public key', async (t) => {
  const store = await openTempStore(t)
  const other = await loadOrCreateSigningKeys(await openTempStore(t), masterKey, () => NOW)
  await loadOrCreateSigningKeys(store, masterKey, () => NOW)
  const [record] = (await store.listSigningKeys('active')) as [SigningKeyRecord]
  const swapped = wrapStore(store, {
    listSigningKeys: () => Promise.resolve([{ ...record, publicJwk: other.current.publicJwk }]),
  })

  await assert.rejects(
    loadOrCreateSigningKeys(swapped, masterKey, () => NOW),
    {
      name: 'ServerError',
      code: 'STORE_INVALID',
      message: `Signing key ${record.kid} does not match its kid; the stored key pair is corrupt.`,
    },
  )
})

test('loadOrCreateSigningKeys adopts key of faster instance', async (t) => {
  const store = await openTempStore(t)
  const otherStore = await openTempStore(t)
  const other = await loadOrCreateSigningKeys(otherStore, masterKey, () => NOW)
  const [otherRecord] = (await otherStore.listSigningKeys('active')) as [SigningKeyRecord]
  let lists = 0
  // This instance finds no key, then another instance stores its key just before this insert.
  const racing = wrapStore(store, {
    listSigningKeys: (status) => {
      lists += 1
      return lists === 1 ? Promise.resolve([]) : store.listSigningKeys(status)
    },
    insertFirstSigningKey: async (key) => {
      assert.equal(await store.insertFirstSigningKey(otherRecord), true)
      return store.insertFirstSigningKey(key)
    },
  })

  const ring = await loadOrCreateSigningKeys(racing, masterKey, () => NOW)

  assert.equal(ring.created, false)
  assert.equal(ring.current.kid, other.current.kid)
  assert.deepEqual(await store.listSigningKeys('active'), [otherRecord])
})

function wrapStore(store: Store, overrides: Partial<Store>): Store {
  return {
    insertUser: (user) => store.insertUser(user),
    findUserByUsername: (username) => store.findUserByUsername(username),
    findUserById: (id) => store.findUserById(id),
    insertFirstSigningKey: (key) => store.insertFirstSigningKey(key),
    listSigningKeys: (status) => store.listSigningKeys(status),
    close: () => store.close(),
    ...overrides,
  }
}
