import { test } from 'node:test'
import assert from 'node:assert/strict'
import { generateKeyPair, importSecret, signJson, verifyJson } from '../../src/index.js'
import type { JotKey, JwsHeader, VerifyJsonOptions } from '../../src/index.js'
import { SECRET } from '../fixtures/tokens.js'
import { base64url, bytes, rawFlattened, rawSignature } from './helpers.js'

const hsKey = await importSecret(SECRET, { alg: 'HS256' })
const otherSecret = Uint8Array.from({ length: 32 }, (_, i) => 100 + i)
const ec = await generateKeyPair('ES256', { kid: 'ec-1' })
const rsa = await generateKeyPair('RS256', { kid: 'rsa-1' })

const PAYLOAD = base64url('hello')
const ALG = { alg: 'HS256' }

test('verifyJson flattened protected and unprotected', async () => {
  const jws = rawFlattened({ protectedHeader: ALG, header: { kid: 'a', x: [1] }, payload: PAYLOAD })
  const result = await verifyJson(jws, hsKey)
  assert.deepEqual(result, {
    payload: bytes('hello'),
    header: { alg: 'HS256', kid: 'a', x: [1] },
    protectedHeader: ALG,
    unprotectedHeader: { kid: 'a', x: [1] },
    signatureIndex: 0,
  })
})

test('verifyJson takes JSON text', async () => {
  const jws = rawFlattened({ protectedHeader: ALG, payload: PAYLOAD })
  const result = await verifyJson(JSON.stringify(jws), hsKey)
  assert.deepEqual(result, {
    payload: bytes('hello'),
    header: ALG,
    protectedHeader: ALG,
    unprotectedHeader: undefined,
    signatureIndex: 0,
  })
})

test('verifyJson unprotected header only', async () => {
  const jws = rawFlattened({ header: ALG, payload: PAYLOAD })
  const result = await verifyJson(jws, hsKey)
  assert.deepEqual(result, {
    payload: bytes('hello'),
    header: ALG,
    protectedHeader: undefined,
    unprotectedHeader: ALG,
    signatureIndex: 0,
  })
})

test('verifyJson accepts empty unprotected header', async () => {
  const jws = rawFlattened({ protectedHeader: ALG, header: {}, payload: PAYLOAD })
  const result = await verifyJson(jws, hsKey)
  assert.deepEqual(result.unprotectedHeader, {})
  assert.deepEqual(result.header, ALG)
})

test('verifyJson ignores unknown members', async () => {
  const jws = { ...rawFlattened({ protectedHeader: ALG, payload: PAYLOAD }), note: { any: 1 } }
  const result = await verifyJson(jws, hsKey)
  assert.equal(result.signatureIndex, 0)
})

test('verifyJson freezes returned headers', async () => {
  const jws = rawFlattened({ protectedHeader: ALG, header: { x: { y: 1 } }, payload: PAYLOAD })
  const result = await verifyJson(jws, hsKey)
  assert.ok(Object.isFrozen(result.header))
  assert.ok(Object.isFrozen(result.unprotectedHeader))
  assert.ok(Object.isFrozen(result.unprotectedHeader?.['x']))
})

test('verifyJson never shares caller objects', async () => {
  const header = { kid: 'a' }
  const jws = rawFlattened({ protectedHeader: ALG, header, payload: PAYLOAD })
  const result = await verifyJson(jws, hsKey)
  assert.notEqual(result.unprotectedHeader, header)
  assert.equal(Object.isFrozen(header), false)
})

test('verifyJson crit parameter in unprotected half', async () => {
  const jws = rawFlattened({
    protectedHeader: { alg: 'HS256', crit: ['exp-v2'] },
    header: { 'exp-v2': 1 },
    payload: PAYLOAD,
  })
  const result = await verifyJson(jws, hsKey, { crit: ['exp-v2'] })
  assert.deepEqual(result.header, { alg: 'HS256', crit: ['exp-v2'], 'exp-v2': 1 })
})

test('verifyJson unencoded payload', async () => {
  const protectedHeader = { alg: 'HS256', b64: false, crit: ['b64'] }
  const jws = rawFlattened({ protectedHeader, payload: '$.02 ünïcode' })
  const result = await verifyJson(jws, hsKey)
  assert.deepEqual(result, {
    payload: bytes('$.02 ünïcode'),
    header: protectedHeader,
    protectedHeader,
    unprotectedHeader: undefined,
    signatureIndex: 0,
  })
})

test('verifyJson b64 true listed in crit', async () => {
  const protectedHeader = { alg: 'HS256', b64: true, crit: ['b64'] }
  const jws = rawFlattened({ protectedHeader, payload: PAYLOAD })
  const result = await verifyJson(jws, hsKey)
  assert.deepEqual(result.payload, bytes('hello'))
})

test('verifyJson detached payload', async () => {
  const { signature } = rawSignature({ protectedHeader: ALG, payload: PAYLOAD })
  const jws = { protected: base64url(JSON.stringify(ALG)), signature }
  for (const detachedPayload of ['hello', bytes('hello')]) {
    const result = await verifyJson(jws, hsKey, { detachedPayload })
    assert.deepEqual(result.payload, bytes('hello'))
  }
  await assert.rejects(verifyJson(jws, hsKey, { detachedPayload: 'hellO' }), {
    code: 'SIGNATURE_INVALID',
    message: 'The signature is invalid.',
  })
})

test('verifyJson detached unencoded payload', async () => {
  const protectedHeader = { alg: 'HS256', b64: false, crit: ['b64'] }
  const { signature, protected: encoded } = rawSignature({ protectedHeader, payload: 'a.b' })
  const result = await verifyJson({ protected: encoded, signature }, hsKey, {
    detachedPayload: bytes('a.b'),
  })
  assert.deepEqual(result.payload, bytes('a.b'))
})

test('verifyJson general picks first verifying', async () => {
  const jws = await signJson('multi', [
    { key: ec.privateKey },
    { key: hsKey, unprotectedHeader: { kid: 'hs' } },
    { key: rsa.privateKey },
  ])
  const cases: [JotKey | JotKey[], number, JwsHeader][] = [
    [ec.publicKey, 0, { alg: 'ES256', kid: 'ec-1' }],
    [hsKey, 1, { alg: 'HS256', kid: 'hs' }],
    [rsa.publicKey, 2, { alg: 'RS256', kid: 'rsa-1' }],
    // In a list, a key without a kid never matches a header with one, so hsKey is skipped.
    [[hsKey, rsa.publicKey], 2, { alg: 'RS256', kid: 'rsa-1' }],
  ]
  for (const [keys, index, header] of cases) {
    const result = await verifyJson(jws, keys)
    assert.equal(result.signatureIndex, index)
    assert.deepEqual(result.header, header)
    assert.deepEqual(result.payload, bytes('multi'))
  }
})

test('verifyJson general algorithms option skips', async () => {
  const jws = await signJson('multi', [{ key: hsKey }, { key: ec.privateKey }])
  const result = await verifyJson(jws, [hsKey, ec.publicKey], { algorithms: ['ES256'] })
  assert.equal(result.signatureIndex, 1)
})

test('verifyJson reports furthest failure', async () => {
  const wrongSecret = await importSecret(otherSecret, { alg: 'HS256' })
  const jws = await signJson('multi', [{ key: ec.privateKey }, { key: wrongSecret }])
  await assert.rejects(verifyJson(jws, hsKey), {
    code: 'SIGNATURE_INVALID',
    message: 'The signature is invalid.',
  })
})

test('verifyJson reports first among equals', async () => {
  const jws = await signJson('multi', [{ key: ec.privateKey }, { key: rsa.privateKey }])
  await assert.rejects(verifyJson(jws, hsKey), {
    code: 'ALG_NOT_ALLOWED',
    message: 'The key is bound to HS256 and cannot be used with ES256.',
  })
})

test('verifyJson prefers not allowed over unsupported', async () => {
  const jws = {
    payload: PAYLOAD,
    signatures: [
      rawSignature({ protectedHeader: { alg: 'ML-DSA-44' }, payload: PAYLOAD }),
      rawSignature({ protectedHeader: { alg: 'none' }, payload: PAYLOAD }),
    ],
  }
  await assert.rejects(verifyJson(jws, hsKey), {
    code: 'ALG_NOT_ALLOWED',
    message: 'The algorithm "none" is not allowed.',
  })
})

test('verifyJson no matching key in list', async () => {
  const jws = await signJson('multi', [{ key: ec.privateKey }])
  await assert.rejects(verifyJson(jws, [hsKey]), {
    code: 'NO_MATCHING_KEY',
    message: 'No verification key matches the token\'s alg "ES256" and kid "ec-1".',
  })
})

test('verifyJson resolver sees joined header', async () => {
  const seen: JwsHeader[] = []
  const jws = await signJson('multi', [
    { key: ec.privateKey },
    { key: hsKey, unprotectedHeader: { kid: 'hs' } },
  ])
  const result = await verifyJson(jws, async (header) => {
    seen.push(header)
    return Promise.resolve(header.kid === 'hs' ? hsKey : undefined)
  })
  assert.equal(result.signatureIndex, 1)
  assert.deepEqual(seen, [
    { alg: 'ES256', kid: 'ec-1' },
    { alg: 'HS256', kid: 'hs' },
  ])
})

test('verifyJson resolver errors propagate', async () => {
  const jws = await signJson('multi', [{ key: hsKey }, { key: hsKey }])
  await assert.rejects(
    verifyJson(jws, () => {
      throw new RangeError('lookup failed')
    }),
    { name: 'RangeError', message: 'lookup failed' },
  )
  await assert.rejects(
    verifyJson(jws, () => 'not a key' as unknown as JotKey),
    {
      code: 'ARGUMENT_INVALID',
      message: 'The key resolver must return a JotKey, an array of JotKeys or undefined.',
    },
  )
})

test('verifyJson tampered payload rejected', async () => {
  const jws = rawFlattened({ protectedHeader: ALG, payload: PAYLOAD })
  await assert.rejects(verifyJson({ ...jws, payload: base64url('hellO') }, hsKey), {
    code: 'SIGNATURE_INVALID',
    message: 'The signature is invalid.',
  })
})

test('verifyJson maxSignatures option', async () => {
  const jws = await signJson('multi', [{ key: hsKey }, { key: hsKey }, { key: hsKey }])
  await assert.rejects(verifyJson(jws, hsKey, { maxSignatures: 2 }), {
    code: 'INPUT_TOO_LARGE',
    message: 'The JWS has 3 signatures, more than the limit of 2.',
  })
  assert.equal((await verifyJson(jws, hsKey, { maxSignatures: 3 })).signatureIndex, 0)
})

const nestedHeader = (depth: number): unknown => (depth === 0 ? 1 : { n: nestedHeader(depth - 1) })
const cyclic: Record<string, unknown> = { payload: PAYLOAD }
cyclic['self'] = cyclic
const b64False = { alg: 'HS256', b64: false, crit: ['b64'] }

interface Rejection {
  readonly name: string
  readonly jws: () => unknown
  readonly options?: VerifyJsonOptions
  readonly code: string
  readonly message: string
}

const rejections: Rejection[] = [
  {
    name: 'duplicate names across halves',
    jws: () =>
      rawFlattened({
        protectedHeader: { alg: 'HS256', kid: 'a' },
        header: { kid: 'a' },
        payload: PAYLOAD,
      }),
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "kid" is in both the protected and the unprotected header.',
  },
  {
    name: 'alg in both halves',
    jws: () => rawFlattened({ protectedHeader: ALG, header: ALG, payload: PAYLOAD }),
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "alg" is in both the protected and the unprotected header.',
  },
  {
    name: 'crit in unprotected header',
    jws: () =>
      rawFlattened({ protectedHeader: ALG, header: { crit: ['x'], x: 1 }, payload: PAYLOAD }),
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "crit" must be in the protected header.',
  },
  {
    name: 'b64 in unprotected header',
    jws: () => rawFlattened({ protectedHeader: ALG, header: { b64: false }, payload: 'raw' }),
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "b64" must be in the protected header.',
  },
  {
    name: 'b64 not in crit',
    jws: () => rawFlattened({ protectedHeader: { alg: 'HS256', b64: false }, payload: 'raw' }),
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "b64" must be listed in "crit".',
  },
  {
    name: 'b64 with crit of others',
    jws: () =>
      rawFlattened({
        protectedHeader: { alg: 'HS256', b64: false, crit: ['x'], x: 1 },
        payload: 'raw',
      }),
    options: { crit: ['x'] },
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "b64" must be listed in "crit".',
  },
  {
    name: 'b64 not boolean',
    jws: () =>
      rawFlattened({
        protectedHeader: { alg: 'HS256', b64: 'false', crit: ['b64'] },
        payload: 'raw',
      }),
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "b64" must be a boolean.',
  },
  {
    name: 'b64 differing between signatures',
    jws: () => ({
      payload: 'raw',
      signatures: [
        rawSignature({ protectedHeader: b64False, payload: 'raw' }),
        rawSignature({ protectedHeader: ALG, payload: 'raw' }),
      ],
    }),
    code: 'TOKEN_MALFORMED',
    message: 'Every signature of the JWS must have the same "b64" value.',
  },
  {
    name: 'unknown crit',
    jws: () =>
      rawFlattened({
        protectedHeader: { alg: 'HS256', crit: ['exp-v2'], 'exp-v2': 1 },
        payload: PAYLOAD,
      }),
    code: 'CRIT_UNSUPPORTED',
    message: 'The critical header parameter "exp-v2" is not supported.',
  },
  {
    name: 'unknown crit in second signature',
    jws: () => ({
      payload: PAYLOAD,
      signatures: [
        rawSignature({ protectedHeader: ALG, payload: PAYLOAD }),
        rawSignature({ protectedHeader: { alg: 'HS256', crit: ['x'], x: 1 }, payload: PAYLOAD }),
      ],
    }),
    code: 'CRIT_UNSUPPORTED',
    message: 'The critical header parameter "x" is not supported.',
  },
  {
    name: 'crit listing missing parameter',
    jws: () => rawFlattened({ protectedHeader: { alg: 'HS256', crit: ['x'] }, payload: PAYLOAD }),
    options: { crit: ['x'] },
    code: 'TOKEN_MALFORMED',
    message: 'The critical header parameter "x" is missing.',
  },
  {
    name: 'empty crit',
    jws: () => rawFlattened({ protectedHeader: { alg: 'HS256', crit: [] }, payload: PAYLOAD }),
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "crit" must be a non-empty array.',
  },
  {
    name: 'missing alg',
    jws: () =>
      rawFlattened({ protectedHeader: { kid: 'a' }, header: { typ: 'x' }, payload: PAYLOAD }),
    code: 'TOKEN_MALFORMED',
    message: 'The header has no "alg" parameter.',
  },
  {
    name: 'alg not a string',
    jws: () => rawFlattened({ header: { alg: 256 }, payload: PAYLOAD }),
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "alg" must be a string.',
  },
  {
    name: 'jwk not an object',
    jws: () => rawFlattened({ protectedHeader: { ...ALG, jwk: 'x' }, payload: PAYLOAD }),
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "jwk" must be an object.',
  },
  {
    name: 'x5c not an array',
    jws: () => rawFlattened({ protectedHeader: ALG, header: { x5c: 'cert' }, payload: PAYLOAD }),
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "x5c" must be an array of strings.',
  },
  {
    name: 'kid not a string',
    jws: () => rawFlattened({ protectedHeader: ALG, header: { kid: 5 }, payload: PAYLOAD }),
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "kid" must be a string.',
  },
  {
    name: 'header not an object',
    jws: () => rawFlattened({ protectedHeader: ALG, header: 'kid', payload: PAYLOAD }),
    code: 'TOKEN_MALFORMED',
    message: 'The "header" member must be a JSON object.',
  },
  {
    name: 'header an array',
    jws: () => rawFlattened({ protectedHeader: ALG, header: [], payload: PAYLOAD }),
    code: 'TOKEN_MALFORMED',
    message: 'The "header" member must be a JSON object.',
  },
  {
    name: 'header null',
    jws: () => rawFlattened({ protectedHeader: ALG, header: null, payload: PAYLOAD }),
    code: 'TOKEN_MALFORMED',
    message: 'The "header" member must be a JSON object.',
  },
  {
    name: 'protected not a string',
    jws: () => ({ payload: PAYLOAD, protected: { alg: 'HS256' }, signature: 'AAAA' }),
    code: 'TOKEN_MALFORMED',
    message: 'The "protected" member must be a non-empty string.',
  },
  {
    name: 'protected empty',
    jws: () => ({ payload: PAYLOAD, protected: '', header: ALG, signature: 'AAAA' }),
    code: 'TOKEN_MALFORMED',
    message: 'The "protected" member must be a non-empty string.',
  },
  {
    name: 'protected padded',
    jws: () => ({
      payload: PAYLOAD,
      protected: `${base64url('{"alg":"HS256"}')}=`,
      signature: 'AAAA',
    }),
    code: 'TOKEN_MALFORMED',
    message: 'The protected header is not canonical unpadded base64url.',
  },
  {
    name: 'protected not JSON',
    jws: () => ({ payload: PAYLOAD, protected: base64url('{alg}'), signature: 'AAAA' }),
    code: 'TOKEN_MALFORMED',
    message: 'The protected header is not valid JSON.',
  },
  {
    name: 'protected not an object',
    jws: () => ({ payload: PAYLOAD, protected: base64url('["HS256"]'), signature: 'AAAA' }),
    code: 'TOKEN_MALFORMED',
    message: 'The protected header must be a JSON object.',
  },
  {
    name: 'protected duplicate member',
    jws: () => ({
      payload: PAYLOAD,
      protected: base64url('{"alg":"HS256","alg":"none"}'),
      signature: 'AAAA',
    }),
    code: 'TOKEN_MALFORMED',
    message: 'The protected header has the member "alg" twice.',
  },
  {
    name: 'neither protected nor header',
    jws: () => ({ payload: PAYLOAD, signature: 'AAAA' }),
    code: 'TOKEN_MALFORMED',
    message: 'A JWS signature needs a "protected" or a "header" member.',
  },
  {
    name: 'payload not a string',
    jws: () => ({ ...rawFlattened({ protectedHeader: ALG, payload: PAYLOAD }), payload: 5 }),
    code: 'TOKEN_MALFORMED',
    message: 'The "payload" member must be a string.',
  },
  {
    name: 'payload non-canonical',
    jws: () => rawFlattened({ protectedHeader: ALG, payload: 'aGVsbG8=' }),
    code: 'TOKEN_MALFORMED',
    message: 'The payload is not canonical unpadded base64url.',
  },
  {
    name: 'signature missing',
    jws: () => ({ payload: PAYLOAD, protected: base64url('{"alg":"HS256"}') }),
    code: 'TOKEN_MALFORMED',
    message: 'The "signature" member must be a string.',
  },
  {
    name: 'signature empty',
    jws: () => ({ ...rawFlattened({ protectedHeader: ALG, payload: PAYLOAD }), signature: '' }),
    code: 'TOKEN_MALFORMED',
    message: 'The signature is empty or not canonical unpadded base64url.',
  },
  {
    name: 'signature with plus',
    jws: () => ({ ...rawFlattened({ protectedHeader: ALG, payload: PAYLOAD }), signature: 'AA+A' }),
    code: 'TOKEN_MALFORMED',
    message: 'The signature is empty or not canonical unpadded base64url.',
  },
  {
    name: 'signatures not an array',
    jws: () => ({ payload: PAYLOAD, signatures: {} }),
    code: 'TOKEN_MALFORMED',
    message: 'The "signatures" member must be a non-empty array.',
  },
  {
    name: 'signatures empty',
    jws: () => ({ payload: PAYLOAD, signatures: [] }),
    code: 'TOKEN_MALFORMED',
    message: 'The "signatures" member must be a non-empty array.',
  },
  {
    name: 'signatures entry not an object',
    jws: () => ({ payload: PAYLOAD, signatures: ['AAAA'] }),
    code: 'TOKEN_MALFORMED',
    message: 'Each entry of "signatures" must be a JSON object.',
  },
  {
    name: 'general with top-level signature',
    jws: () => ({
      payload: PAYLOAD,
      signatures: [rawSignature({ protectedHeader: ALG, payload: PAYLOAD })],
      signature: 'AAAA',
    }),
    code: 'TOKEN_MALFORMED',
    message: 'The JWS has both "signatures" and a top-level "signature" member.',
  },
  {
    name: 'too many signatures',
    jws: () => ({
      payload: PAYLOAD,
      signatures: Array.from({ length: 9 }, () =>
        rawSignature({ protectedHeader: ALG, payload: PAYLOAD }),
      ),
    }),
    code: 'INPUT_TOO_LARGE',
    message: 'The JWS has 9 signatures, more than the limit of 8.',
  },
  {
    name: 'oversize text input',
    jws: () =>
      JSON.stringify(
        rawFlattened({ protectedHeader: ALG, payload: base64url('x'.repeat(13_000)) }),
      ),
    code: 'INPUT_TOO_LARGE',
    message: 'The JWS is longer than 16384 characters of JSON.',
  },
  {
    name: 'oversize object input',
    jws: () => rawFlattened({ protectedHeader: ALG, payload: base64url('x'.repeat(13_000)) }),
    code: 'INPUT_TOO_LARGE',
    message: 'The JWS is longer than 16384 characters of JSON.',
  },
  {
    name: 'maxTokenLength option',
    jws: () => rawFlattened({ protectedHeader: ALG, payload: PAYLOAD }),
    options: { maxTokenLength: 40 },
    code: 'INPUT_TOO_LARGE',
    message: 'The JWS is longer than 40 characters of JSON.',
  },
  {
    name: 'deep nesting in text',
    jws: () =>
      JSON.stringify(
        rawFlattened({ protectedHeader: ALG, header: nestedHeader(40), payload: PAYLOAD }),
      ),
    code: 'INPUT_TOO_LARGE',
    message: 'The JWS nests deeper than 32 levels.',
  },
  {
    name: 'deep nesting in object',
    jws: () => rawFlattened({ protectedHeader: ALG, header: nestedHeader(40), payload: PAYLOAD }),
    code: 'INPUT_TOO_LARGE',
    message: 'The JWS nests deeper than 32 levels.',
  },
  {
    name: 'duplicate member in text',
    jws: () => `{"payload":"","payload":"${PAYLOAD}","header":{"alg":"HS256"},"signature":"AAAA"}`,
    code: 'TOKEN_MALFORMED',
    message: 'The JWS has the member "payload" twice.',
  },
  {
    name: 'invalid JSON text',
    jws: () => '{"payload":',
    code: 'TOKEN_MALFORMED',
    message: 'The JWS is not valid JSON.',
  },
  {
    name: 'JSON text not an object',
    jws: () => '["payload"]',
    code: 'TOKEN_MALFORMED',
    message: 'The JWS must be a JSON object.',
  },
  {
    name: 'array input',
    jws: () => [],
    code: 'TOKEN_MALFORMED',
    message: 'The JWS must be a JSON object.',
  },
  {
    name: 'cyclic object',
    jws: () => cyclic,
    code: 'TOKEN_MALFORMED',
    message: 'The JWS object cannot be serialized as JSON.',
  },
  {
    name: 'toJSON returning undefined',
    jws: () => ({ toJSON: () => undefined }),
    code: 'TOKEN_MALFORMED',
    message: 'The JWS object cannot be serialized as JSON.',
  },
  {
    name: 'number input',
    jws: () => 42,
    code: 'ARGUMENT_INVALID',
    message: 'The JWS must be JSON text or an object, not a number.',
  },
  {
    name: 'undefined input',
    jws: () => undefined,
    code: 'ARGUMENT_INVALID',
    message: 'The JWS must be JSON text or an object, not undefined.',
  },
  {
    name: 'payload missing',
    jws: () => rawSignature({ protectedHeader: ALG, payload: PAYLOAD }),
    code: 'TOKEN_MALFORMED',
    message: 'The JWS has no payload; give the detached payload in the "detachedPayload" option.',
  },
  {
    name: 'payload present with detachedPayload',
    jws: () => rawFlattened({ protectedHeader: ALG, payload: PAYLOAD }),
    options: { detachedPayload: 'hello' },
    code: 'TOKEN_MALFORMED',
    message: 'The JWS carries a payload, but the "detachedPayload" option was given.',
  },
  {
    name: 'alg none',
    jws: () => rawFlattened({ protectedHeader: { alg: 'none' }, payload: PAYLOAD }),
    code: 'ALG_NOT_ALLOWED',
    message: 'The algorithm "none" is not allowed.',
  },
  {
    name: 'alg unsupported',
    jws: () => rawFlattened({ protectedHeader: { alg: 'HS1' }, payload: PAYLOAD }),
    code: 'ALG_UNSUPPORTED',
    message: 'The JWS algorithm "HS1" is not supported.',
  },
  {
    name: 'alg outside allowlist',
    jws: () => rawFlattened({ protectedHeader: ALG, payload: PAYLOAD }),
    options: { algorithms: ['ES256'] },
    code: 'ALG_NOT_ALLOWED',
    message: 'The algorithm "HS256" is not in the allowed list.',
  },
  {
    name: 'wrong secret',
    jws: () => rawFlattened({ protectedHeader: ALG, payload: PAYLOAD, secret: otherSecret }),
    code: 'SIGNATURE_INVALID',
    message: 'The signature is invalid.',
  },
]

for (const rejection of rejections) {
  test(`verifyJson rejects ${rejection.name}`, async () => {
    await assert.rejects(verifyJson(rejection.jws() as object, hsKey, rejection.options), {
      name: 'JotError',
      code: rejection.code,
      message: rejection.message,
    })
  })
}

test('verifyJson unprotected __proto__ stays data', async () => {
  const text = JSON.stringify(rawFlattened({ protectedHeader: ALG, payload: PAYLOAD })).replace(
    '"signature"',
    '"header":{"__proto__":{"kid":"x"}},"signature"',
  )
  const result = await verifyJson(text, hsKey)
  assert.equal(result.header.kid, undefined)
  assert.deepEqual(Object.keys(result.header), ['alg', '__proto__'])
})

const optionRejections: [string, VerifyJsonOptions, string][] = [
  [
    'maxSignatures zero',
    { maxSignatures: 0 },
    'The "maxSignatures" option must be a positive whole number.',
  ],
  [
    'maxSignatures fraction',
    { maxSignatures: 1.5 },
    'The "maxSignatures" option must be a positive whole number.',
  ],
  [
    'detachedPayload number',
    { detachedPayload: 5 as never },
    'The "detachedPayload" option must be a string or a Uint8Array.',
  ],
  [
    'crit not array',
    { crit: 'b64' as never },
    'The "crit" option must be an array of header parameter names.',
  ],
]

for (const [name, options, message] of optionRejections) {
  test(`verifyJson option ${name} rejected`, async () => {
    const jws = rawFlattened({ protectedHeader: ALG, payload: PAYLOAD })
    await assert.rejects(verifyJson(jws, hsKey, options), { code: 'OPTION_INVALID', message })
  })
}

test('verifyJson rejects raw key material', async () => {
  const jws = rawFlattened({ protectedHeader: ALG, payload: PAYLOAD })
  await assert.rejects(verifyJson(jws, SECRET as unknown as JotKey), {
    code: 'ARGUMENT_INVALID',
    message:
      'The verification key must be a JotKey, an array of JotKeys or a resolver function; import raw material with importJwk, importPem or importSecret first.',
  })
})

test('verifyJson rejects empty object', async () => {
  await assert.rejects(verifyJson('{}', hsKey), {
    name: 'JotError',
    code: 'TOKEN_MALFORMED',
    message: 'A JWS signature needs a "protected" or a "header" member.',
  })
})
