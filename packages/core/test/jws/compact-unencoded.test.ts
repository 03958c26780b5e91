import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { importSecret, signCompact, verifyCompact, verifyJwt } from '../../src/index.js'
import type { SignCompactOptions, VerifyCompactOptions } from '../../src/index.js'
import { NOW, SECRET, segment } from '../fixtures/tokens.js'
import { base64url, bytes } from './helpers.js'

const hsKey = await importSecret(SECRET, { alg: 'HS256' })
const B64_FALSE = { alg: 'HS256', b64: false, crit: ['b64'] }

/** Builds a compact JWS over raw header and payload segments with HS256, bypassing jot. */
function rawCompact(header: unknown, payloadSegment: string): string {
  const input = `${segment(header)}.${payloadSegment}`
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`
}

test('signCompact unencoded payload', async () => {
  const token = await signCompact('$02 ünï', hsKey, { b64: false })
  assert.equal(token, rawCompact(B64_FALSE, '$02 ünï'))
})

test('verifyCompact unencoded payload', async () => {
  const result = await verifyCompact(rawCompact(B64_FALSE, '$02 ünï'), hsKey)
  assert.deepEqual(result, { header: B64_FALSE, payload: bytes('$02 ünï') })
})

test('signCompact detached encoded payload', async () => {
  const token = await signCompact('a.b', hsKey, { detached: true })
  const [header, payload, signature] = token.split('.')
  assert.equal(payload, '')
  assert.equal(
    signature,
    createHmac('sha256', SECRET)
      .update(`${header}.${base64url('a.b')}`)
      .digest('base64url'),
  )
  const result = await verifyCompact(token, hsKey, { detachedPayload: 'a.b' })
  assert.deepEqual(result, { header: { alg: 'HS256' }, payload: bytes('a.b') })
})

test('signCompact detached unencoded payload', async () => {
  const payload = Uint8Array.from([0xff, 0x2e, 0x00])
  const token = await signCompact(payload, hsKey, { b64: false, detached: true })
  const [header, empty, signature] = token.split('.')
  assert.equal(header, segment(B64_FALSE))
  assert.equal(empty, '')
  const input = new Uint8Array([...bytes(`${header}.`), ...payload])
  assert.equal(signature, createHmac('sha256', SECRET).update(input).digest('base64url'))
  const result = await verifyCompact(token, hsKey, { detachedPayload: payload })
  assert.deepEqual(result, { header: B64_FALSE, payload })
})

test('verifyCompact detached needs payload', async () => {
  const token = await signCompact('doc', hsKey, { detached: true })
  await assert.rejects(verifyCompact(token, hsKey), {
    code: 'SIGNATURE_INVALID',
    message: 'The signature is invalid.',
  })
  await assert.rejects(verifyCompact(token, hsKey, { detachedPayload: 'dog' }), {
    code: 'SIGNATURE_INVALID',
    message: 'The signature is invalid.',
  })
})

test('verifyCompact returns plain bytes', async () => {
  const result = await verifyCompact(await signCompact('hello', hsKey), hsKey)
  assert.equal(result.payload.constructor, Uint8Array)
  assert.deepEqual(result, { header: { alg: 'HS256' }, payload: bytes('hello') })
})

test('verifyCompact b64 true listed in crit', async () => {
  const header = { alg: 'HS256', b64: true, crit: ['b64'] }
  const result = await verifyCompact(rawCompact(header, base64url('hi')), hsKey)
  assert.deepEqual(result, { header, payload: bytes('hi') })
})

test('verifyJwt still rejects b64', async () => {
  // A payload that is also canonical base64url gets past the JWT path's earlier checks.
  const token = rawCompact(B64_FALSE, base64url('{"sub":"a"}'))
  await assert.rejects(verifyJwt(token, hsKey, { now: NOW }), {
    code: 'CRIT_UNSUPPORTED',
    message: 'The critical header parameter "b64" is not supported.',
  })
  await assert.rejects(verifyJwt(token, hsKey, { now: NOW, crit: ['b64'] }), {
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "b64" is not supported in compact JWT verification.',
  })
})

interface SignRejection {
  readonly name: string
  readonly payload: string | Uint8Array
  readonly options: SignCompactOptions
  readonly code: string
  readonly message: string
}

const signRejections: SignRejection[] = [
  {
    name: 'dot in unencoded payload',
    payload: '$.02',
    options: { b64: false },
    code: 'ARGUMENT_INVALID',
    message: 'An unencoded payload in a compact JWS cannot contain "."; detach it or use signJson.',
  },
  {
    name: 'invalid UTF-8 unencoded payload',
    payload: Uint8Array.from([0xc3]),
    options: { b64: false },
    code: 'ARGUMENT_INVALID',
    message: 'An unencoded payload must be valid UTF-8 unless it is detached.',
  },
  {
    name: 'b64 in header',
    payload: 'x',
    options: { header: { b64: false } },
    code: 'OPTION_INVALID',
    message: 'The header parameter "b64" cannot be set here; use the "b64" option.',
  },
  {
    name: 'crit in header',
    payload: 'x',
    options: { header: { crit: ['x'], x: 1 } },
    code: 'OPTION_INVALID',
    message:
      'The header parameter "crit" cannot be set in a compact JWS; use signJson for critical extensions.',
  },
  {
    name: 'kid not a string',
    payload: 'x',
    options: { header: { kid: 5 } },
    code: 'OPTION_INVALID',
    message: 'The header parameter "kid" must be a string.',
  },
  {
    name: 'alg in header',
    payload: 'x',
    options: { header: { alg: 'HS256' } },
    code: 'OPTION_INVALID',
    message: 'The header parameter "alg" cannot be set here; the key determines it.',
  },
  {
    name: 'b64 option not boolean',
    payload: 'x',
    options: { b64: 0 as never },
    code: 'OPTION_INVALID',
    message: 'The "b64" option must be true or false.',
  },
  {
    name: 'detached option not boolean',
    payload: 'x',
    options: { detached: 'yes' as never },
    code: 'OPTION_INVALID',
    message: 'The "detached" option must be true or false.',
  },
]

for (const rejection of signRejections) {
  test(`signCompact rejects ${rejection.name}`, async () => {
    await assert.rejects(signCompact(rejection.payload, hsKey, rejection.options), {
      name: 'JotError',
      code: rejection.code,
      message: rejection.message,
    })
  })
}

interface VerifyRejection {
  readonly name: string
  readonly token: () => string
  readonly options?: VerifyCompactOptions
  readonly code: string
  readonly message: string
}

const verifyRejections: VerifyRejection[] = [
  {
    name: 'b64 not in crit',
    token: () => rawCompact({ alg: 'HS256', b64: false }, 'raw'),
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "b64" must be listed in "crit".',
  },
  {
    name: 'b64 not boolean',
    token: () => rawCompact({ alg: 'HS256', b64: 0, crit: ['b64'] }, 'raw'),
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "b64" must be a boolean.',
  },
  {
    name: 'unknown crit beside b64',
    token: () => rawCompact({ alg: 'HS256', b64: false, crit: ['b64', 'x'], x: 1 }, 'raw'),
    code: 'CRIT_UNSUPPORTED',
    message: 'The critical header parameter "x" is not supported.',
  },
  {
    name: 'dot in unencoded payload',
    token: () => `${segment(B64_FALSE)}.$.02.AAAA`,
    code: 'TOKEN_MALFORMED',
    message: 'The token must have 3 segments separated by dots, not 4.',
  },
  {
    name: 'payload beside detachedPayload',
    token: () => rawCompact({ alg: 'HS256' }, base64url('x')),
    options: { detachedPayload: 'x' },
    code: 'TOKEN_MALFORMED',
    message: 'The JWS carries a payload, but the "detachedPayload" option was given.',
  },
  {
    name: 'detachedPayload of wrong type',
    token: () => rawCompact({ alg: 'HS256' }, ''),
    options: { detachedPayload: 7 as never },
    code: 'OPTION_INVALID',
    message: 'The "detachedPayload" option must be a string or a Uint8Array.',
  },
  {
    name: 'encoded payload non-canonical',
    token: () => rawCompact({ alg: 'HS256' }, 'aGk='),
    code: 'TOKEN_MALFORMED',
    message: 'The payload is not canonical unpadded base64url.',
  },
  {
    name: 'empty signature',
    token: () => `${segment(B64_FALSE)}.raw.`,
    code: 'TOKEN_MALFORMED',
    message: 'The signature is empty or not canonical unpadded base64url.',
  },
  {
    name: 'unencoded payload altered',
    token: () => rawCompact(B64_FALSE, 'raw').replace('.raw.', '.rAw.'),
    code: 'SIGNATURE_INVALID',
    message: 'The signature is invalid.',
  },
  {
    name: 'oversize unencoded token',
    token: () => rawCompact(B64_FALSE, 'x'.repeat(16_400)),
    code: 'INPUT_TOO_LARGE',
    message: 'The token is longer than 16384 characters.',
  },
]

for (const rejection of verifyRejections) {
  test(`verifyCompact rejects ${rejection.name}`, async () => {
    await assert.rejects(verifyCompact(rejection.token(), hsKey, rejection.options), {
      name: 'JotError',
      code: rejection.code,
      message: rejection.message,
    })
  })
}
