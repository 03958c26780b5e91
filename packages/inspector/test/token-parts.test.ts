import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  encryptCompact,
  encryptJson,
  generateKeyPair,
  generateSecret,
  signCompact,
  signJson,
  signJwt,
} from '@jot/core'
import { inspectToken } from '../src/token-parts.js'

const NOW = 1_700_000_000

function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

test('inspectToken compact JWS', async () => {
  const { privateKey } = await generateKeyPair('ES256', { kid: 'k1' })
  const token = await signJwt({ sub: 'user-42' }, privateKey, { now: NOW, expiresInSec: 300 })
  const [header, payload, signature] = token.split('.') as [string, string, string]

  assert.deepEqual(inspectToken(`  ${token}\n`), {
    ok: true,
    token: {
      kind: 'jws',
      serialization: 'compact',
      parts: [
        { name: 'header', text: header },
        { name: 'payload', text: payload },
        { name: 'signature', text: signature },
      ],
      header: { alg: 'ES256', kid: 'k1', typ: 'JWT' },
      payload: { kind: 'json', value: { sub: 'user-42', iat: NOW, exp: NOW + 300 } },
      signatureCount: 1,
    },
  })
})

test('inspectToken compact JWE', async () => {
  const key = await generateSecret('A256KW', { kid: 'wrap' })
  const token = await encryptCompact('order 1234', key, { enc: 'A256GCM' })
  const segments = token.split('.')

  assert.deepEqual(inspectToken(token), {
    ok: true,
    token: {
      kind: 'jwe',
      serialization: 'compact',
      parts: ['header', 'encrypted_key', 'iv', 'ciphertext', 'tag'].map((name, index) => ({
        name,
        text: segments[index],
      })),
      header: { alg: 'A256KW', enc: 'A256GCM', kid: 'wrap' },
      recipientCount: 1,
    },
  })
})

test('inspectToken unsecured and text payloads', () => {
  const header = encodeJson({ alg: 'none' })
  const text = Buffer.from('plain words').toString('base64url')
  const binary = Buffer.from([0xff, 0xfe, 0x00]).toString('base64url')

  const unsecured = inspectToken(`${header}.${encodeJson({ sub: 'x' })}.`)
  const plain = inspectToken(`${header}.${text}.`)
  const bytes = inspectToken(`${header}.${binary}.`)

  assert.equal(
    unsecured.ok && unsecured.token.kind === 'jws' && unsecured.token.payload.kind,
    'json',
  )
  assert.deepEqual(plain.ok && plain.token.kind === 'jws' && plain.token.payload, {
    kind: 'text',
    text: 'plain words',
  })
  assert.deepEqual(bytes.ok && bytes.token.kind === 'jws' && bytes.token.payload, {
    kind: 'binary',
    length: 3,
  })
})

test('inspectToken unencoded payload', async () => {
  const key = await generateSecret('HS256')
  const token = await signCompact('$02 paid', key, { b64: false })

  const result = inspectToken(token)

  assert.deepEqual(result.ok && result.token.kind === 'jws' && result.token.payload, {
    kind: 'text',
    text: '$02 paid',
  })
})

test('inspectToken general JSON JWS', async () => {
  const first = await generateKeyPair('ES256', { kid: 'a' })
  const second = await generateKeyPair('EdDSA', { kid: 'b' })
  const jws = await signJson('{"sub":"user-42"}', [
    { key: first.privateKey, unprotectedHeader: { note: 'x' } },
    { key: second.privateKey },
  ])
  const signature = jws.signatures[0]!

  assert.deepEqual(inspectToken(JSON.stringify(jws)), {
    ok: true,
    token: {
      kind: 'jws',
      serialization: 'general',
      parts: [
        { name: 'header', text: signature.protected },
        { name: 'payload', text: jws.payload },
        { name: 'signature', text: signature.signature },
      ],
      header: { alg: 'ES256', kid: 'a', note: 'x' },
      payload: { kind: 'json', value: { sub: 'user-42' } },
      signatureCount: 2,
      json: JSON.parse(JSON.stringify(jws)) as unknown,
    },
  })
})

test('inspectToken flattened JSON JWE', async () => {
  const key = await generateSecret('A128KW', { kid: 'w' })
  const jwe = await encryptJson('order', key, {
    enc: 'A128GCM',
    serialization: 'flattened',
    aad: Buffer.from('context'),
  })

  const result = inspectToken(JSON.stringify(jwe))

  assert.equal(result.ok, true)
  assert.equal(result.ok && result.token.serialization, 'flattened')
  assert.deepEqual(result.ok && result.token.header, { alg: 'A128KW', enc: 'A128GCM', kid: 'w' })
  assert.deepEqual(result.ok && result.token.parts.map((part) => part.name), [
    'header',
    'encrypted_key',
    'iv',
    'ciphertext',
    'tag',
    'aad',
  ])
})

test('inspectToken rejects unreadable input', () => {
  const header = encodeJson({ alg: 'HS256' })
  const cases: [string, string][] = [
    ['', 'Paste a token to inspect it.'],
    ['   ', 'Paste a token to inspect it.'],
    ['a.b', 'The token has 2 dot-separated parts; a compact JWS has 3 and a compact JWE has 5.'],
    [
      'a.b.c.d',
      'The token has 4 dot-separated parts; a compact JWS has 3 and a compact JWE has 5.',
    ],
    [`${header}=.e30.`, 'The header is not valid base64url.'],
    ['e30+.e30.', 'The header is not valid base64url.'],
    [`${Buffer.from([0xc3, 0x28]).toString('base64url')}.e30.`, 'The header is not valid UTF-8.'],
    [`${encodeJson([1])}.e30.`, 'The header is not a JSON object.'],
    [`${encodeJson('alg')}.e30.`, 'The header is not a JSON object.'],
    [`${header}.e30*.`, 'The payload is not valid base64url.'],
    [`${header}.A.`, 'The payload is not valid base64url.'],
    ['{"payload":', 'The token is not valid JSON.'],
    [
      '{"keys":[]}',
      'The JSON has neither "payload" (a JWS) nor "ciphertext" (a JWE), so it is no JOSE JSON serialization.',
    ],
    ['{"payload":"e30","signatures":[]}', 'The JWS has no signature object.'],
  ]
  for (const [input, message] of cases) {
    assert.deepEqual(inspectToken(input), { ok: false, message }, JSON.stringify(input))
  }
})

test('inspectToken keeps __proto__ as data', () => {
  const header = Buffer.from('{"alg":"HS256","__proto__":{"polluted":true}}').toString('base64url')

  const result = inspectToken(`${header}.e30.`)

  assert.equal(result.ok, true)
  const parsed = result.ok ? result.token.header : {}
  assert.equal(Object.hasOwn(parsed, '__proto__'), true)
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype)
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined)
})
