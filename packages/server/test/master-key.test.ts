import assert from 'node:assert/strict'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import { inspect } from 'node:util'
import { loadOrCreateSigningKeys, rotateSigningKey } from '../src/keys/rotation.js'
import { MasterKey, loadMasterKeyFile, parseMasterKey } from '../src/master-key.js'
import { openSqliteStore } from '../src/store/sqlite.js'
import type { Store } from '../src/store/store.js'
import { makeTempDir, TEST_MASTER_KEY_TEXT } from './fixtures/temp.js'

const NOW = 1_700_000_000

test('MasterKey hides bytes when printed', () => {
  const key = parseMasterKey(TEST_MASTER_KEY_TEXT, 'JOT_MASTER_KEY')

  assert.equal(JSON.stringify({ masterKey: key }), '{"masterKey":"[MasterKey]"}')
  assert.equal(inspect({ masterKey: key }), '{ masterKey: [MasterKey] }')
})

test('MasterKey bytes returns a copy', () => {
  const key = parseMasterKey(TEST_MASTER_KEY_TEXT, 'JOT_MASTER_KEY')

  key.bytes().fill(0)

  assert.deepEqual(key.bytes(), new Uint8Array(32).fill(1))
})

test('MasterKey rejects wrong length', () => {
  assert.throws(() => new MasterKey(new Uint8Array(16)), {
    name: 'ServerError',
    code: 'OPTION_INVALID',
    message: 'A master key must be 32 bytes, not 16.',
  })
})

async function openTempStore(t: TestContext, dir: string): Promise<Store> {
  const store = await openSqliteStore(join(dir, 'jot.db'))
  t.after(() => store.close())
  return store
}

function readKeyFileBytes(path: string): Uint8Array {
  return new Uint8Array(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url'))
}

test('prepare saves generated key for new store', async (t) => {
  const dir = makeTempDir(t)
  const path = join(dir, 'master.key')
  const store = await openTempStore(t, dir)
  const { masterKey, source } = loadMasterKeyFile(dir)
  assert.deepEqual(source, { kind: 'file', path, created: true })
  assert.equal(existsSync(path), false)

  await masterKey.prepare(store)

  assert.equal(statSync(path).mode & 0o777, 0o600)
  assert.deepEqual(readKeyFileBytes(path), masterKey.bytes())
  const again = loadMasterKeyFile(dir)
  assert.deepEqual(again.source, { kind: 'file', path, created: false })
  assert.deepEqual(again.masterKey.bytes(), masterKey.bytes())
})

test('prepare refuses store keyed elsewhere', async (t) => {
  const dir = makeTempDir(t)
  const path = join(dir, 'master.key')
  const store = await openTempStore(t, dir)
  await loadOrCreateSigningKeys(store, new MasterKey(new Uint8Array(32).fill(1)), NOW)
  const { masterKey } = loadMasterKeyFile(dir)

  await assert.rejects(masterKey.prepare(store), {
    name: 'ServerError',
    code: 'MASTER_KEY_MISMATCH',
    message:
      `JOT_MASTER_KEY is not set and ${path} does not exist, but the store contains signing keys ` +
      `encrypted under a master key. Restore ${path} or set JOT_MASTER_KEY to that key; no ` +
      'master key was written.',
  })
  assert.equal(existsSync(path), false)
})

test('checkStore rejects wrong master key', async (t) => {
  const dir = makeTempDir(t)
  const store = await openTempStore(t, dir)
  const { keys } = await loadOrCreateSigningKeys(
    store,
    new MasterKey(new Uint8Array(32).fill(1)),
    NOW,
  )
  const kid = keys.keys[0]?.kid ?? ''

  await assert.rejects(new MasterKey(new Uint8Array(32).fill(7)).checkStore(store), {
    name: 'ServerError',
    code: 'MASTER_KEY_MISMATCH',
    message:
      `The signing key ${kid} cannot be decrypted with the configured master key. Set ` +
      'JOT_MASTER_KEY to the key it was stored with; the server never replaces a stored key.',
  })
})

test('checkStore accepts matching key', async (t) => {
  const dir = makeTempDir(t)
  const store = await openTempStore(t, dir)
  const masterKey = new MasterKey(new Uint8Array(32).fill(1))
  await loadOrCreateSigningKeys(store, masterKey, NOW)
  await rotateSigningKey(store, { masterKey, now: NOW + 60 })

  await assert.doesNotReject(masterKey.checkStore(store))
})

test('checkStore writes nothing for new store', async (t) => {
  const dir = makeTempDir(t)
  const store = await openTempStore(t, dir)
  const { masterKey } = loadMasterKeyFile(dir)

  await masterKey.checkStore(store)

  assert.equal(existsSync(join(dir, 'master.key')), false)
})

test('generated key saved before first use', (t) => {
  const dir = makeTempDir(t)
  const path = join(dir, 'data', 'master.key')
  const { masterKey } = loadMasterKeyFile(join(dir, 'data'))

  const bytes = masterKey.bytes()

  assert.deepEqual(readKeyFileBytes(path), bytes)
  assert.equal(statSync(join(dir, 'data')).mode & 0o777, 0o700)
})

test('generated key yields to file saved first', (t) => {
  const dir = makeTempDir(t)
  const first = loadMasterKeyFile(dir).masterKey
  const second = loadMasterKeyFile(dir).masterKey

  const firstBytes = first.bytes()

  assert.deepEqual(second.bytes(), firstBytes)
  assert.deepEqual(readKeyFileBytes(join(dir, 'master.key')), firstBytes)
})
