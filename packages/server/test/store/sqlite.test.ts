import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import { openSqliteStore, SQLITE_SCHEMA_VERSION } from '../../src/store/sqlite.js'
import { alice, defineStoreTests } from '../fixtures/store-suite.js'
import { makeTempDir } from '../fixtures/temp.js'

defineStoreTests('sqlite', (t) => {
  const path = join(makeTempDir(t), 'nested', 'dir', 'jot.db')
  return Promise.resolve(() => openSqliteStore(path))
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

test('sqlite store migrates version 1 keys', async (t) => {
  const path = join(makeTempDir(t), 'jot.db')
  const db = new Database(path)
  db.exec(`CREATE TABLE schema_version (version INTEGER NOT NULL) STRICT;
    INSERT INTO schema_version (version) VALUES (1);
    CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      password_hash TEXT NOT NULL, roles TEXT NOT NULL, scopes TEXT NOT NULL,
      created_at INTEGER NOT NULL) STRICT;
    CREATE TABLE signing_keys (kid TEXT PRIMARY KEY, alg TEXT NOT NULL, public_jwk TEXT NOT NULL,
      encrypted_private_key TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('active')),
      created_at INTEGER NOT NULL) STRICT;
    INSERT INTO signing_keys VALUES ('second', 'ES256', '{"kty":"EC"}', 'v1.b', 'active', 20);
    INSERT INTO signing_keys VALUES ('first', 'ES256', '{"kty":"EC"}', 'v1.a', 'active', 10);`)
  db.close()

  const store = await openSqliteStore(path)
  t.after(() => store.close())

  assert.deepEqual(await store.listSigningKeys(), [
    {
      kid: 'first',
      alg: 'ES256',
      publicJwk: { kty: 'EC' },
      encryptedPrivateKey: 'v1.a',
      generation: 1,
      createdAt: 10,
      activatesAt: 10,
    },
    {
      kid: 'second',
      alg: 'ES256',
      publicJwk: { kty: 'EC' },
      encryptedPrivateKey: 'v1.b',
      generation: 2,
      createdAt: 20,
      activatesAt: 20,
    },
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

test('sqlite store rejects corrupt grant types', async (t) => {
  const path = join(makeTempDir(t), 'jot.db')
  const store = await openSqliteStore(path)
  t.after(() => store.close())
  const db = new Database(path)
  db.prepare(
    `INSERT INTO clients VALUES ('svc', '$sha256$x', '[]', '["implicit"]', 1700000000)`,
  ).run()
  db.close()

  await assert.rejects(store.findClient('svc'), {
    name: 'ServerError',
    code: 'STORE_INVALID',
    message: 'The database contains corrupt data: grant types of client svc.',
  })
})
