import assert from 'node:assert/strict'
import { test } from 'node:test'
import { inspect } from 'node:util'
import { MasterKey, parseMasterKey } from '../src/master-key.js'
import { TEST_MASTER_KEY_TEXT } from './fixtures/temp.js'

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
