import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  decodeBase64url,
  decodeCanonicalBase64url,
  encodeBase64url,
  encodeBase64urlString,
  isBase64url,
  utf8Decode,
} from '../../src/encoding/base64url.js'

test('base64url round trip every length', () => {
  for (let length = 0; length < 40; length++) {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff)
    const text = encodeBase64url(bytes)
    assert.equal(text, Buffer.from(bytes).toString('base64url'))
    assert.deepEqual(Buffer.from(decodeBase64url(text, 'test')), Buffer.from(bytes))
  }
})

test('base64url encodes views and Buffers', () => {
  const whole = Buffer.from('0123456789abcdef', 'utf8')
  const expected = Buffer.from('3456789a', 'utf8').toString('base64url')
  assert.equal(encodeBase64url(whole.subarray(3, 11)), expected)
  assert.equal(encodeBase64url(new Uint8Array(whole.buffer, whole.byteOffset + 3, 8)), expected)
})

test('base64url encodes UTF-8 strings', () => {
  assert.equal(
    encodeBase64urlString('héllo ✓'),
    Buffer.from('héllo ✓', 'utf8').toString('base64url'),
  )
})

test('base64url rejects non-canonical spellings', () => {
  const cases = [
    ['padding', 'YQ=='],
    ['standard alphabet plus', 'a+b'],
    ['standard alphabet slash', 'a/bc'],
    ['space', 'YW Jj'],
    ['line break', 'YWJj\nZGVm'],
    ['length 1 mod 4', 'YWJjZ'],
    ['non-zero trailing bits, 2 chars', 'YR'],
    ['non-zero trailing bits, 3 chars', 'YWJ'],
    ['non-ASCII', 'YWJj\u00e9'],
    ['code unit whose low byte is in the alphabet', 'AAA\u0141'],
  ] as const
  for (const [name, text] of cases) {
    assert.equal(isBase64url(text), false, name)
    assert.equal(decodeCanonicalBase64url(text), undefined, name)
    assert.throws(() => decodeBase64url(text, 'payload'), {
      name: 'JotError',
      code: 'TOKEN_MALFORMED',
      message: 'The payload is not canonical unpadded base64url.',
    })
  }
})

test('base64url accepts canonical trailing characters', () => {
  assert.equal(isBase64url('YQ'), true)
  assert.equal(isBase64url('YWI'), true)
  assert.equal(isBase64url(''), true)
})

test('decodeCanonicalBase64url agrees with isBase64url', () => {
  // Mostly alphabet characters, so that canonical strings come up, plus every kind of
  // character that a lenient decoder skips or maps.
  const character = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.constantFrom('A', 'Q', 'g', 'w', 'Y', 'Z', 'a', 'z', '0', '9', '-', '_'),
    },
    { weight: 1, arbitrary: fc.constantFrom('=', '+', '/', ' ', '\n', '.', '\u00e9', '\u0141') },
  )
  fc.assert(
    fc.property(fc.array(character, { maxLength: 24 }), (characters) => {
      const text = characters.join('')
      const decoded = decodeCanonicalBase64url(text)
      assert.equal(decoded !== undefined, isBase64url(text), text)
      if (decoded !== undefined) {
        assert.deepEqual(Buffer.from(decoded), Buffer.from(text, 'base64url'))
      }
    }),
    { numRuns: 2000 },
  )
})

test('utf8Decode rejects invalid sequences', () => {
  assert.throws(() => utf8Decode(Uint8Array.of(0x7b, 0xff, 0x7d), 'header'), {
    code: 'TOKEN_MALFORMED',
    message: 'The header is not valid UTF-8.',
  })
  assert.equal(utf8Decode(Uint8Array.of(0xe2, 0x9c, 0x93), 'header'), '✓')
})

test('utf8Decode keeps a genuine replacement character', () => {
  const bytes = Buffer.from('a\uFFFDb', 'utf8')
  assert.equal(utf8Decode(bytes, 'payload'), 'a\uFFFDb')
  assert.equal(utf8Decode(Uint8Array.from(bytes), 'payload'), 'a\uFFFDb')
})

test('utf8Decode rejects invalid bytes in a Buffer', () => {
  assert.throws(() => utf8Decode(Buffer.from([0x61, 0xc3]), 'payload'), {
    code: 'TOKEN_MALFORMED',
    message: 'The payload is not valid UTF-8.',
  })
})
