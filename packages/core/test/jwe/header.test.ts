/** The decoded protected header cache of JWE: keyed by the exact segment, frozen, bounded. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkHeaderTypes, decodeProtectedHeader } from '../../src/jwe/header.js'
import { decryptCompact, encryptCompact, generateKeyPair, importSecret } from '../../src/index.js'
import { segment } from './craft.js'
import { jotError } from './helpers.js'

test('header cache hit returns same object', () => {
  const encoded = segment({ alg: 'dir', enc: 'A256GCM', kid: 'hit' })
  const first = decodeProtectedHeader(encoded)
  const second = decodeProtectedHeader(encoded)
  assert.equal(second, first)
  assert.deepEqual(first, { alg: 'dir', enc: 'A256GCM', kid: 'hit' })
})

test('header cache keyed by exact segment', () => {
  const compactJson = segment('{"alg":"dir","enc":"A256GCM","kid":"exact"}')
  const spacedJson = segment('{"alg": "dir", "enc": "A256GCM", "kid": "exact"}')
  const first = decodeProtectedHeader(compactJson)
  const second = decodeProtectedHeader(spacedJson)
  assert.notEqual(second, first)
  assert.deepEqual(second, first)
  assert.equal(decodeProtectedHeader(compactJson), first)
  assert.equal(decodeProtectedHeader(spacedJson), second)
})

test('cached header deeply frozen', async () => {
  const { publicKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256' })
  const token = await encryptCompact('x', publicKey, { enc: 'A128GCM' })
  const header = decodeProtectedHeader(token.split('.')[0] ?? '')
  assert.ok(Object.isFrozen(header))
  assert.ok(Object.isFrozen(header['epk']))
  assert.equal(checkHeaderTypes(header), header)
})

test('decryptCompact returns cached header', async () => {
  const key = await importSecret(Buffer.alloc(32, 3), { alg: 'dir' })
  const token = await encryptCompact('x', key, { enc: 'A256GCM', header: { kid: 'shared' } })
  const first = await decryptCompact(token, key)
  const second = await decryptCompact(token, key)
  assert.equal(second.protectedHeader, first.protectedHeader)
  assert.ok(Object.isFrozen(first.protectedHeader))
})

test('header cache bounded', () => {
  const encoded = segment({ alg: 'dir', enc: 'A256GCM', kid: 'evicted' })
  const first = decodeProtectedHeader(encoded)
  // The cache keeps at most 256 headers, so 256 new ones cannot all fit beside this one.
  for (let index = 0; index < 256; index++) {
    decodeProtectedHeader(segment({ alg: 'dir', enc: 'A256GCM', kid: `filler-${index}` }))
  }
  const again = decodeProtectedHeader(encoded)
  assert.notEqual(again, first)
  assert.deepEqual(again, first)
})

test('long header segments not cached', () => {
  const encoded = segment({ alg: 'dir', enc: 'A256GCM', note: 'x'.repeat(1000) })
  assert.ok(encoded.length > 1024)
  const first = decodeProtectedHeader(encoded)
  const second = decodeProtectedHeader(encoded)
  assert.notEqual(second, first)
  assert.deepEqual(second, first)
  assert.ok(Object.isFrozen(second))
})

test('invalid header fails every time', () => {
  const encoded = segment('{"alg":"dir",')
  for (let attempt = 0; attempt < 2; attempt++) {
    assert.throws(
      () => decodeProtectedHeader(encoded),
      jotError('TOKEN_MALFORMED', 'The protected header is not valid JSON.'),
    )
  }
})
