import assert from 'node:assert/strict'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import { makeTempDir } from '../fixtures/temp.js'
import { ALICE, logIn, postForm, sqlitePath, startSeededServer } from '../fixtures/server.js'

const UNAVAILABLE = {
  error: 'temporarily_unavailable',
  error_description: 'The service is temporarily unavailable; retry later.',
}

test('locked SQLite answers 503 then recovers', async (t) => {
  const { url, config } = await startSeededServer(t, makeTempDir(t), {
    env: { JOT_DATABASE_BUSY_TIMEOUT_MS: '50' },
  })
  // A second connection, like an admin command on the same file, holds the write lock.
  const other = new Database(sqlitePath(config))
  t.after(() => other.close())
  other.exec('BEGIN IMMEDIATE')

  const during = await postForm(`${url}/token`, {
    grant_type: 'password',
    username: ALICE.username,
    password: ALICE.password,
  })
  other.exec('ROLLBACK')
  const after = await logIn(url, ALICE)

  assert.equal(during.status, 503)
  assert.equal(during.headers.get('retry-after'), '5')
  assert.equal(during.headers.get('content-type'), 'application/json; charset=utf-8')
  assert.deepEqual(await during.json(), UNAVAILABLE)
  assert.equal(after.split('.').length, 3)
})
