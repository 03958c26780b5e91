import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openPostgresStore, POSTGRES_SCHEMA_VERSION } from '../../src/store/postgres.js'
import { createTestDatabase, POSTGRES_SERVER, queryDatabase } from '../fixtures/postgres.js'
import { defineStoreTests } from '../fixtures/store-suite.js'

defineStoreTests('postgres', async (t) => {
  const url = await createTestDatabase(t)
  return () => openPostgresStore(url, { poolSize: 4 })
})

test('postgres store records schema version', async (t) => {
  const url = await createTestDatabase(t)
  await (await openPostgresStore(url)).close()

  assert.deepEqual(await queryDatabase(url, 'SELECT version FROM schema_version'), [
    { version: POSTGRES_SCHEMA_VERSION },
  ])
})

test('postgres store migrates once when opened together', async (t) => {
  const url = await createTestDatabase(t)

  const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(url)))
  await Promise.all(stores.map((store) => store.close()))

  assert.deepEqual(await queryDatabase(url, 'SELECT version FROM schema_version'), [
    { version: POSTGRES_SCHEMA_VERSION },
  ])
})

test('postgres store rejects newer schema', async (t) => {
  const url = await createTestDatabase(t)
  const name = new URL(url).pathname.slice(1)
  await queryDatabase(url, 'CREATE TABLE schema_version (version INTEGER NOT NULL)')
  await queryDatabase(url, 'INSERT INTO schema_version VALUES ($1)', [POSTGRES_SCHEMA_VERSION + 1])

  await assert.rejects(openPostgresStore(url), {
    name: 'ServerError',
    code: 'STORE_INVALID',
    message:
      `The PostgreSQL database ${name} has schema version ${POSTGRES_SCHEMA_VERSION + 1}, but ` +
      `this server supports versions up to ${POSTGRES_SCHEMA_VERSION}; upgrade the server.`,
  })
})

test('postgres store unreachable is unavailable', async () => {
  // Port 1 on loopback refuses connections.
  await assert.rejects(openPostgresStore('postgres://postgres@127.0.0.1:1/jot'), {
    name: 'ServerError',
    code: 'STORE_UNAVAILABLE',
    message: 'PostgreSQL cannot be reached; the request can be retried later.',
  })
})

test('postgres store rejects missing database', async () => {
  await assert.rejects(openPostgresStore(`${POSTGRES_SERVER}/jot_missing_database`), {
    name: 'ServerError',
    code: 'STORE_INVALID',
    message:
      'The PostgreSQL database jot_missing_database cannot be opened: database ' +
      '"jot_missing_database" does not exist.',
  })
})
