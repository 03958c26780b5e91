import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import { openSqliteStore, SQLITE_SCHEMA_VERSION } from '../../src/store/sqlite.js'
import type { SigningKeyRecord, UserRecord } from '../../src/store/store.js'
import { makeTempDir } from '../fixtures/temp.js'

const alice: UserRecord = {
  id: '3f0c1c9e-6a43-4a5e-9d55-0c3b1a2c8e11',
  username: 'Alice',
  passwordHash:
    '$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  roles: ['admin'],
  scopes: ['orders:read', 'orders:write'],
  createdAt: 1_700_000_000,
}

function keyRecord(kid: string, createdAt: number): SigningKeyRecord {
  return {
    kid,
    alg: 'ES256',
    publicJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid, alg: 'ES256', use: 'sig' },
    encryptedPrivateKey: `v1.iv.${kid}.tag`,
    status: 'active',
    createdAt,
  }
}

test('sqlite store round-trips users', async (t) => {
  const store = await openSqliteStore(join(makeTempDir(t), 'jot.db'))
  t.after(() => store.close())

  await store.insertUser(alice)

  assert.deepEqual(await store.findUserByUsername('Alice'), alice)
  assert.deepEqual(await store.findUserById(alice.id), alice)
  assert.equal(await store.findUserByUsername('bob'), undefined)
  assert.equal(await store.findUserById('00000000-0000-0000-0000-000000000000'), undefined)
})

test('sqlite store usernames ignore ASCII case', async (t) => {
  const store = await openSqliteStore(join(makeTempDir(t), 'jot.db'))
  t.after(() => store.close())
  await store.insertUser(alice)

  assert.deepEqual(await store.findUserByUsername('ALICE'), alice)
  await assert.rejects(
    store.insertUser({ ...alice, id: '7d7c1d0e-0b5f-4a8e-8a53-a3ad2c0b6f10', username: 'alice' }),
    { name: 'ServerError', code: 'USERNAME_TAKEN', message: 'The username "alice" is taken.' },
  )
})

test('sqlite store inserts only first signing key', async (t) => {
  const store = await openSqliteStore(join(makeTempDir(t), 'jot.db'))
  t.after(() => store.close())

  assert.deepEqual(await store.listSigningKeys('active'), [])
  assert.equal(await store.insertFirstSigningKey(keyRecord('first', 1_700_000_000)), true)
  assert.equal(await store.insertFirstSigningKey(keyRecord('second', 1_700_000_001)), false)
  assert.deepEqual(await store.listSigningKeys('active'), [keyRecord('first', 1_700_000_000)])
})

test('sqlite store keeps data across reopen', async (t) => {
  const path = join(makeTempDir(t), 'nested', 'dir', 'jot.db')
  const first = await openSqliteStore(path)
  await first.insertUser(alice)
  await first.insertFirstSigningKey(keyRecord('first', 1_700_000_000))
  await first.close()

  const second = await openSqliteStore(path)
  t.after(() => second.close())

  assert.deepEqual(await second.findUserById(alice.id), alice)
  assert.deepEqual(await second.listSigningKeys('active'), [keyRecord('first', 1_700_000_000)])
})

test('sqlite store uses WAL and records schema version', async (t) => {
  const path = join(makeTempDir(t), 'jot.db')
  const store = await openSqliteStore(path)
  await store.close()

  const db = new Database(path, { readonly: true })
  t.after(() => db.close())
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal')
  assert.deepEqual(db.prepare('SELECT version FROM schema_version').all(), [
    { version: SQLITE_SCHEMA_VERSION },
  ])
})

test('sqlite store rejects newer schema', async (t) => {
  const path = join(makeTempDir(t), 'jot.db')
  const db = new Database(path)
  db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL) STRICT')
  db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SQLITE_SCHEMA_VERSION + 1)
  db.close()

  await assert.rejects(openSqliteStore(path), {
    name: 'ServerError',
    code: 'STORE_INVALID',
    message:
      `The SQLite database ${path} has schema version ${SQLITE_SCHEMA_VERSION + 1}, but this ` +
      `server supports versions up to ${SQLITE_SCHEMA_VERSION}; upgrade the server.`,
  })
})

test('sqlite store rejects file that is not SQLite', async (t) => {
  const path = join(makeTempDir(t), 'jot.db')
  writeFileSync(path, 'this is a text file, not a database\n'.repeat(200))

  await assert.rejects(openSqliteStore(path), {
    name: 'ServerError',
    code: 'STORE_INVALID',
    message: `The SQLite database ${path} cannot be opened.`,
  })
})

test('sqlite store rejects corrupt roles', async (t) => {
  const path = join(makeTempDir(t), 'jot.db')
  const store = await openSqliteStore(path)
  t.after(() => store.close())
  await store.insertUser(alice)
  const db = new Database(path)
  db.prepare('UPDATE users SET roles = \'{"admin":true}\'').run()
  db.close()

  await assert.rejects(store.findUserById(alice.id), {
    name: 'ServerError',
    code: 'STORE_INVALID',
    message: `The database contains corrupt data: roles of user ${alice.id}.`,
  })
})
