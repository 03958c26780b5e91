import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { generateKeyPair, importSecret, signJson, verifyJson } from '../../src/index.js'
import type { JotKey, JsonSigner, SignJsonOptions } from '../../src/index.js'
import { SECRET, segment } from '../fixtures/tokens.js'
import { base64url, bytes } from './helpers.js'

const hsKey = await importSecret(SECRET, { alg: 'HS256' })
const hsKeyWithKid = await importSecret(SECRET, { alg: 'HS256', kid: 'k1' })
const ec = await generateKeyPair('ES256', { kid: 'ec-1' })

/** HS256 over a signing input, computed without jot. */
function hmac(input: string | Uint8Array): string {
  return createHmac('sha256', SECRET).update(input).digest('base64url')
}

test('signJson flattened field for field', async () => {
  const jws = await signJson('hello', [{ key: hsKeyWithKid }], { serialization: 'flattened' })
  const protectedMember = segment({ alg: 'HS256', kid: 'k1' })
  const payload = base64url('hello')
  assert.deepEqual(jws, {
    payload,
    protected: protectedMember,
    signature: hmac(`${protectedMember}.${payload}`),
  })
})

test('signJson general by default', async () => {
  const jws = await signJson('hello', [
    { key: hsKey, protectedHeader: { typ: 'example' }, unprotectedHeader: { kid: 'k2' } },
  ])
  const protectedMember = segment({ alg: 'HS256', typ: 'example' })
  const payload = base64url('hello')
  assert.deepEqual(jws, {
    payload,
    signatures: [
      {
        protected: protectedMember,
        header: { kid: 'k2' },
        signature: hmac(`${protectedMember}.${payload}`),
      },
    ],
  })
})

test('signJson member order', async () => {
  const jws = await signJson('hello', [{ key: hsKey, unprotectedHeader: { kid: 'k2' } }], {
    serialization: 'flattened',
  })
  assert.deepEqual(Object.keys(jws), ['payload', 'protected', 'header', 'signature'])
})

test('signJson kid placement', async () => {
  const cases: [JsonSigner, Record<string, unknown>, Record<string, unknown> | undefined][] = [
    [{ key: hsKeyWithKid }, { alg: 'HS256', kid: 'k1' }, undefined],
    [
      { key: hsKeyWithKid, protectedHeader: { kid: 'own' } },
      { alg: 'HS256', kid: 'own' },
      undefined,
    ],
    [{ key: hsKeyWithKid, unprotectedHeader: { kid: 'own' } }, { alg: 'HS256' }, { kid: 'own' }],
    [{ key: hsKey }, { alg: 'HS256' }, undefined],
  ]
  for (const [signer, protectedHeader, unprotectedHeader] of cases) {
    const jws = await signJson('x', [signer], { serialization: 'flattened' })
    assert.equal(jws.protected, segment(protectedHeader))
    assert.deepEqual(jws.header, unprotectedHeader)
  }
})

test('signJson alg in unprotected header', async () => {
  const jws = await signJson('x', [{ key: hsKey, unprotectedHeader: { alg: 'HS256' } }], {
    serialization: 'flattened',
  })
  const payload = base64url('x')
  assert.deepEqual(jws, { payload, header: { alg: 'HS256' }, signature: hmac(`.${payload}`) })
})

test('signJson keeps caller header order', async () => {
  const jws = await signJson(
    'x',
    [{ key: hsKeyWithKid, protectedHeader: { typ: 't', alg: 'HS256', cty: 'c' } }],
    { serialization: 'flattened' },
  )
  assert.equal(jws.protected, segment({ alg: 'HS256', kid: 'k1', typ: 't', cty: 'c' }))
})

test('signJson unencoded payload', async () => {
  const jws = await signJson('$.02', [{ key: hsKey }], { serialization: 'flattened', b64: false })
  const protectedMember = segment({ alg: 'HS256', b64: false, crit: ['b64'] })
  assert.deepEqual(jws, {
    payload: '$.02',
    protected: protectedMember,
    signature: hmac(`${protectedMember}.$.02`),
  })
})

test('signJson unencoded adds b64 to crit', async () => {
  const signers: JsonSigner[] = [
    { key: hsKey, protectedHeader: { crit: ['x'], x: 1 } },
    { key: hsKey, protectedHeader: { crit: ['b64'] } },
  ]
  const jws = await signJson('p', signers, { b64: false })
  assert.deepEqual(
    jws.signatures.map((signature) => signature.protected),
    [
      segment({ alg: 'HS256', crit: ['x', 'b64'], x: 1, b64: false }),
      segment({ alg: 'HS256', crit: ['b64'], b64: false }),
    ],
  )
  const result = await verifyJson(jws, hsKey, { crit: ['x'] })
  assert.deepEqual(result.payload, bytes('p'))
})

test('signJson unencoded bytes payload', async () => {
  const jws = await signJson(bytes('ünï'), [{ key: hsKey }], { b64: false })
  assert.equal(jws.payload, 'ünï')
  assert.deepEqual((await verifyJson(jws, hsKey)).payload, bytes('ünï'))
})

test('signJson binary payload round trip', async () => {
  const payload = Uint8Array.from([0, 255, 128, 10, 46])
  const jws = await signJson(payload, [{ key: hsKey }])
  assert.equal(jws.payload, Buffer.from(payload).toString('base64url'))
  assert.deepEqual((await verifyJson(jws, hsKey)).payload, payload)
})

test('signJson detached payload', async () => {
  for (const b64 of [true, false]) {
    const jws = await signJson('a.b', [{ key: hsKey }], { detached: true, b64 })
    assert.equal(Object.hasOwn(jws, 'payload'), false)
    const result = await verifyJson(jws, hsKey, { detachedPayload: 'a.b' })
    assert.deepEqual(result.payload, bytes('a.b'))
  }
})

test('signJson detached unencoded binary', async () => {
  const payload = Uint8Array.from([0xff, 0xfe, 0x2e])
  const jws = await signJson(payload, [{ key: hsKey }], { detached: true, b64: false })
  const signature = jws.signatures[0]
  assert.ok(signature !== undefined)
  const prefix = bytes(`${signature.protected}.`)
  assert.equal(signature.signature, hmac(new Uint8Array([...prefix, ...payload])))
  assert.deepEqual((await verifyJson(jws, hsKey, { detachedPayload: payload })).payload, payload)
})

test('signJson several signers', async () => {
  const jws = await signJson('multi', [
    { key: ec.privateKey, unprotectedHeader: { role: 'issuer' } },
    { key: hsKey },
  ])
  assert.equal(jws.signatures.length, 2)
  assert.deepEqual(jws.signatures[0]?.header, { role: 'issuer' })
  assert.equal(jws.signatures[0]?.protected, segment({ alg: 'ES256', kid: 'ec-1' }))
  const result = await verifyJson(JSON.stringify(jws), ec.publicKey)
  assert.deepEqual(result, {
    payload: bytes('multi'),
    header: { alg: 'ES256', kid: 'ec-1', role: 'issuer' },
    protectedHeader: { alg: 'ES256', kid: 'ec-1' },
    unprotectedHeader: { role: 'issuer' },
    signatureIndex: 0,
  })
})

test('signJson copies caller headers', async () => {
  const unprotectedHeader: Record<string, unknown> = { kid: 'k2', skip: undefined, list: [1] }
  const jws = await signJson('x', [{ key: hsKey, unprotectedHeader }], {
    serialization: 'flattened',
  })
  ;(unprotectedHeader['list'] as number[]).push(2)
  assert.deepEqual(jws.header, { kid: 'k2', list: [1] })
})

test('signJson __proto__ header stays data', async () => {
  const protectedHeader = JSON.parse('{"__proto__":{"kid":"x"}}') as Record<string, unknown>
  const jws = await signJson('x', [{ key: hsKey, protectedHeader }], {
    serialization: 'flattened',
  })
  assert.equal(jws.protected, base64url('{"alg":"HS256","__proto__":{"kid":"x"}}'))
})

interface SignRejection {
  readonly name: string
  readonly payload?: unknown
  readonly signers: unknown
  readonly options?: SignJsonOptions
  readonly code: string
  readonly message: string
}

const rejections: SignRejection[] = [
  {
    name: 'flattened with two signers',
    signers: [{ key: hsKey }, { key: hsKey }],
    options: { serialization: 'flattened' },
    code: 'ARGUMENT_INVALID',
    message: 'The flattened serialization takes exactly one signer, not 2; use "general".',
  },
  {
    name: 'no signers',
    signers: [],
    code: 'ARGUMENT_INVALID',
    message:
      'The signers must be a non-empty array of { key, protectedHeader, unprotectedHeader } objects.',
  },
  {
    name: 'signers not an array',
    signers: { key: hsKey },
    code: 'ARGUMENT_INVALID',
    message:
      'The signers must be a non-empty array of { key, protectedHeader, unprotectedHeader } objects.',
  },
  {
    name: 'signer null',
    signers: [{ key: hsKey }, null],
    code: 'ARGUMENT_INVALID',
    message: 'Signer 1 must be an object with a "key".',
  },
  {
    name: 'raw key material',
    signers: [{ key: SECRET }],
    code: 'ARGUMENT_INVALID',
    message:
      'The signing key must be a JotKey; import raw material with importJwk, importPem or importSecret first.',
  },
  {
    name: 'public key',
    signers: [{ key: ec.publicKey }],
    code: 'KEY_INVALID',
    message: 'A public key cannot sign; use the private key.',
  },
  {
    name: 'protected header not an object',
    signers: [{ key: hsKey, protectedHeader: 'HS256' }],
    code: 'ARGUMENT_INVALID',
    message: 'The protectedHeader of signer 0 must be an object.',
  },
  {
    name: 'unprotected header an array',
    signers: [{ key: hsKey, unprotectedHeader: ['kid'] }],
    code: 'ARGUMENT_INVALID',
    message: 'The unprotectedHeader of signer 0 must be an object.',
  },
  {
    name: 'header turning into a string',
    signers: [{ key: hsKey, unprotectedHeader: new Date(0) }],
    code: 'ARGUMENT_INVALID',
    message: 'The unprotectedHeader of signer 0 must be an object.',
  },
  {
    name: 'header not JSON',
    signers: [{ key: hsKey, protectedHeader: { n: 1n } }],
    code: 'ARGUMENT_INVALID',
    message: 'The protectedHeader of signer 0 cannot be serialized as JSON.',
  },
  {
    name: 'b64 in protected header',
    signers: [{ key: hsKey, protectedHeader: { b64: false, crit: ['b64'] } }],
    code: 'ARGUMENT_INVALID',
    message: 'Signer 0 sets the header parameter "b64"; use the "b64" option instead.',
  },
  {
    name: 'b64 in unprotected header',
    signers: [{ key: hsKey }, { key: hsKey, unprotectedHeader: { b64: true } }],
    code: 'ARGUMENT_INVALID',
    message: 'Signer 1 sets the header parameter "b64"; use the "b64" option instead.',
  },
  {
    name: 'alg differing from key',
    signers: [{ key: hsKey, protectedHeader: { alg: 'RS256' } }],
    code: 'ARGUMENT_INVALID',
    message: 'Signer 0 sets alg to "RS256", but its key is bound to HS256.',
  },
  {
    name: 'alg not a string',
    signers: [{ key: hsKey, unprotectedHeader: { alg: 256 } }],
    code: 'ARGUMENT_INVALID',
    message: 'Signer 0 sets alg to a number, but its key is bound to HS256.',
  },
  {
    name: 'duplicate names across halves',
    signers: [{ key: hsKey, protectedHeader: { kid: 'a' }, unprotectedHeader: { kid: 'a' } }],
    code: 'ARGUMENT_INVALID',
    message:
      'The headers of signer 0 are invalid: the header parameter "kid" is in both the protected and the unprotected header.',
  },
  {
    name: 'crit in unprotected header',
    signers: [{ key: hsKey, unprotectedHeader: { crit: ['x'], x: 1 } }],
    code: 'ARGUMENT_INVALID',
    message:
      'The headers of signer 0 are invalid: the header parameter "crit" must be in the protected header.',
  },
  {
    name: 'crit listing missing parameter',
    signers: [{ key: hsKey, protectedHeader: { crit: ['x'] } }],
    code: 'ARGUMENT_INVALID',
    message: 'The headers of signer 0 are invalid: the critical header parameter "x" is missing.',
  },
  {
    name: 'crit listing registered parameter',
    signers: [{ key: hsKey, protectedHeader: { crit: ['kid'], kid: 'a' } }],
    code: 'ARGUMENT_INVALID',
    message:
      'The headers of signer 0 are invalid: the "crit" array must not list the registered parameter "kid".',
  },
  {
    name: 'crit listing b64 with b64 true',
    signers: [{ key: hsKey, protectedHeader: { crit: ['b64'] } }],
    code: 'ARGUMENT_INVALID',
    message: 'The headers of signer 0 are invalid: the critical header parameter "b64" is missing.',
  },
  {
    name: 'kid not a string',
    signers: [{ key: hsKey, unprotectedHeader: { kid: 5 } }],
    code: 'ARGUMENT_INVALID',
    message: 'The headers of signer 0 are invalid: the header parameter "kid" must be a string.',
  },
  {
    name: 'serialization unknown',
    signers: [{ key: hsKey }],
    options: { serialization: 'compact' as never },
    code: 'OPTION_INVALID',
    message: 'The "serialization" option must be "general" or "flattened".',
  },
  {
    name: 'b64 option not boolean',
    signers: [{ key: hsKey }],
    options: { b64: 'false' as never },
    code: 'OPTION_INVALID',
    message: 'The "b64" option must be true or false.',
  },
  {
    name: 'detached option not boolean',
    signers: [{ key: hsKey }],
    options: { detached: 1 as never },
    code: 'OPTION_INVALID',
    message: 'The "detached" option must be true or false.',
  },
  {
    name: 'payload of wrong type',
    payload: 42,
    signers: [{ key: hsKey }],
    code: 'ARGUMENT_INVALID',
    message: 'The payload must be a string or a Uint8Array.',
  },
  {
    name: 'unencoded payload invalid UTF-8',
    payload: Uint8Array.from([0xff]),
    signers: [{ key: hsKey }],
    options: { b64: false },
    code: 'ARGUMENT_INVALID',
    message: 'An unencoded payload must be valid UTF-8 unless it is detached.',
  },
]

for (const rejection of rejections) {
  test(`signJson rejects ${rejection.name}`, async () => {
    await assert.rejects(
      signJson(
        (rejection.payload ?? 'x') as string,
        rejection.signers as JsonSigner[],
        rejection.options,
      ),
      { name: 'JotError', code: rejection.code, message: rejection.message },
    )
  })
}

test('signJson types follow serialization', async () => {
  const key: JotKey = hsKey
  const flattened = await signJson('x', [{ key }], { serialization: 'flattened' })
  const general = await signJson('x', [{ key }])
  assert.equal(typeof flattened.signature, 'string')
  assert.equal(Array.isArray(general.signatures), true)
})
