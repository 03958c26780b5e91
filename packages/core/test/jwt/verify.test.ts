import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import {
  createVerifier,
  generateKeyPair,
  importSecret,
  signJwt,
  verifyJwt,
} from '../../src/index.js'
import type { JotKey } from '../../src/index.js'
import { isSynchronousBackend } from '../fixtures/backend.js'
import { NOW, SECRET, rawHs256, segment } from '../fixtures/tokens.js'

const hsKey = await importSecret(SECRET, { alg: 'HS256', kid: 'hs' })
const es = await generateKeyPair('ES256', { kid: 'es' })
const rs = await generateKeyPair('RS256', { kid: 'rs' })
const claims = { sub: 'user-1', iss: 'https://issuer.test', aud: 'api', iat: NOW, exp: NOW + 600 }
const header = { alg: 'HS256', typ: 'JWT' }

function hs(payload: unknown, head: unknown = header): string {
  return rawHs256(JSON.stringify(head), JSON.stringify(payload), SECRET)
}

test('verifyJwt returns header and claims', async () => {
  const token = hs(claims)
  assert.deepEqual(await verifyJwt(token, hsKey, { now: NOW }), { header, claims })
  if (isSynchronousBackend()) {
    assert.deepEqual(createVerifier(hsKey, { now: NOW })(token), { header, claims })
  }
})

test('verifyJwt accepts an asymmetric token', async () => {
  const token = await signJwt({ sub: 'user-1' }, es.privateKey, { now: NOW, expiresInSec: 60 })
  const result = await verifyJwt(token, es.publicKey, { now: NOW, algorithms: ['ES256'] })
  assert.deepEqual(result, {
    header: { alg: 'ES256', kid: 'es', typ: 'JWT' },
    claims: { sub: 'user-1', iat: NOW, exp: NOW + 60 },
  })
})

interface RejectCase {
  readonly name: string
  readonly token: () => Promise<string> | string
  readonly key?: JotKey
  readonly options?: Parameters<typeof verifyJwt>[2]
  readonly code: string
  readonly message: string | RegExp
}

const rejectCases: RejectCase[] = [
  {
    name: 'alg none',
    token: () => `${segment({ alg: 'none' })}.${segment(claims)}.`,
    code: 'ALG_NOT_ALLOWED',
    message: 'The algorithm "none" is not allowed.',
  },
  {
    name: 'alg none with a signature',
    token: () => `${segment({ alg: 'none' })}.${segment(claims)}.AAAA`,
    code: 'ALG_NOT_ALLOWED',
    message: 'The algorithm "none" is not allowed.',
  },
  {
    name: 'HS256 token against RSA public key',
    token: () => hs(claims),
    key: rs.publicKey,
    code: 'ALG_NOT_ALLOWED',
    message: 'The key is bound to RS256 and cannot be used with HS256.',
  },
  {
    name: 'HS256 token against EC public key',
    token: () => hs(claims),
    key: es.publicKey,
    code: 'ALG_NOT_ALLOWED',
    message: 'The key is bound to ES256 and cannot be used with HS256.',
  },
  {
    name: 'wrong algorithm for key',
    token: () => hs(claims, { alg: 'HS384' }),
    code: 'ALG_NOT_ALLOWED',
    message: 'The key is bound to HS256 and cannot be used with HS384.',
  },
  {
    name: 'algorithm outside allowlist',
    token: () => hs(claims),
    options: { algorithms: ['HS512'] },
    code: 'ALG_NOT_ALLOWED',
    message: 'The algorithm "HS256" is not in the allowed list.',
  },
  {
    name: 'unknown algorithm',
    token: () => hs(claims, { alg: 'XS256' }),
    code: 'ALG_UNSUPPORTED',
    message: 'The JWS algorithm "XS256" is not supported.',
  },
  {
    name: 'expired',
    token: () => hs({ ...claims, exp: NOW }),
    code: 'TOKEN_EXPIRED',
    message: 'The token has expired.',
  },
  {
    name: 'not yet valid',
    token: () => hs({ ...claims, nbf: NOW + 1 }),
    code: 'TOKEN_NOT_YET_VALID',
    message: 'The token is not valid yet.',
  },
  {
    name: 'wrong issuer',
    token: () => hs(claims),
    options: { issuer: 'https://other.test' },
    code: 'CLAIM_INVALID',
    message: 'The issuer "https://issuer.test" is not accepted.',
  },
  {
    name: 'issuer prefix only',
    token: () => hs({ ...claims, iss: 'https://issuer.test.evil' }),
    options: { issuer: 'https://issuer.test' },
    code: 'CLAIM_INVALID',
    message: 'The issuer "https://issuer.test.evil" is not accepted.',
  },
  {
    name: 'missing issuer',
    token: () => hs({ sub: 'user-1' }),
    options: { issuer: 'https://issuer.test' },
    code: 'CLAIM_INVALID',
    message: 'The "iss" claim is missing.',
  },
  {
    name: 'wrong audience',
    token: () => hs(claims),
    options: { audience: 'other-api' },
    code: 'CLAIM_INVALID',
    message: 'The token is not intended for this audience.',
  },
  {
    name: 'empty audience array',
    token: () => hs({ ...claims, aud: [] }),
    options: { audience: 'api' },
    code: 'CLAIM_INVALID',
    message: 'The token is not intended for this audience.',
  },
  {
    name: 'wrong typ',
    token: () => hs(claims),
    options: { typ: 'at+jwt' },
    code: 'TYP_MISMATCH',
    message: 'The token type is "JWT", expected "at+jwt".',
  },
  {
    name: 'missing typ',
    token: () => hs(claims, { alg: 'HS256' }),
    options: { typ: 'at+jwt' },
    code: 'TYP_MISMATCH',
    message: 'The token type is none, expected "at+jwt".',
  },
  {
    name: 'wrong subject',
    token: () => hs(claims),
    options: { subject: 'user-2' },
    code: 'CLAIM_INVALID',
    message: 'The subject is not the expected one.',
  },
  {
    name: 'missing required claim',
    token: () => hs(claims),
    options: { requiredClaims: ['jti'] },
    code: 'CLAIM_INVALID',
    message: 'The "jti" claim is missing.',
  },
  {
    name: 'too old',
    token: () => hs({ ...claims, iat: NOW - 301 }),
    options: { maxAgeSec: 300 },
    code: 'TOKEN_TOO_OLD',
    message: 'The token is older than 300 seconds.',
  },
  {
    name: 'issued in the future with maxAge',
    token: () => hs({ ...claims, iat: NOW + 5 }),
    options: { maxAgeSec: 300 },
    code: 'TOKEN_NOT_YET_VALID',
    message: 'The token was issued in the future.',
  },
  {
    name: 'string exp',
    token: () => hs({ ...claims, exp: String(NOW + 600) }),
    code: 'CLAIM_INVALID',
    message: 'The "exp" claim must be a number of seconds.',
  },
  {
    name: 'string nbf',
    token: () => hs({ ...claims, nbf: '0' }),
    code: 'CLAIM_INVALID',
    message: 'The "nbf" claim must be a number of seconds.',
  },
  {
    name: 'numeric iss',
    token: () => hs({ ...claims, iss: 1 }),
    code: 'CLAIM_INVALID',
    message: 'The "iss" claim must be a string.',
  },
  {
    name: 'audience of mixed types',
    token: () => hs({ ...claims, aud: ['api', 1] }),
    code: 'CLAIM_INVALID',
    message: 'The "aud" claim must be a string or an array of strings.',
  },
  {
    name: 'two segments',
    token: () => `${segment(header)}.${segment(claims)}`,
    code: 'TOKEN_MALFORMED',
    message: 'The token must have 3 segments separated by dots, not 2.',
  },
  {
    name: 'four segments',
    token: () => `${hs(claims)}.x`,
    code: 'TOKEN_MALFORMED',
    message: 'The token must have 3 segments separated by dots, not 4.',
  },
  {
    name: 'five segments',
    token: () => 'a.b.c.d.e',
    code: 'TOKEN_MALFORMED',
    message: 'The token has 5 segments: it is an encrypted JWE, not a signed JWS.',
  },
  {
    name: 'padded signature',
    token: () => `${hs(claims)}=`,
    code: 'TOKEN_MALFORMED',
    message: 'The signature is empty or not canonical unpadded base64url.',
  },
  {
    name: 'padded header',
    token: () => {
      const [h, p, s] = hs(claims).split('.')
      return `${h}==.${p}.${s}`
    },
    code: 'TOKEN_MALFORMED',
    message: 'The header is not canonical unpadded base64url.',
  },
  {
    name: 'standard alphabet payload',
    token: () => {
      const [h, p, s] = hs({ ...claims, note: '>>>???' }).split('.')
      return `${h}.${p!.replaceAll('-', '+').replaceAll('_', '/')}.${s}`
    },
    code: 'TOKEN_MALFORMED',
    message: 'The payload is not canonical unpadded base64url.',
  },
  {
    name: 'whitespace in token',
    token: () => hs(claims).replace('.', ' .'),
    code: 'TOKEN_MALFORMED',
    message: 'The header is not canonical unpadded base64url.',
  },
  {
    name: 'duplicate header names',
    token: () => rawHs256('{"alg":"HS256","alg":"HS256"}', JSON.stringify(claims), SECRET),
    code: 'TOKEN_MALFORMED',
    message: 'The header has the member "alg" twice.',
  },
  {
    name: 'duplicate claim names',
    token: () => rawHs256(JSON.stringify(header), '{"sub":"user-1","sub":"admin"}', SECRET),
    code: 'TOKEN_MALFORMED',
    message: 'The payload has the member "sub" twice.',
  },
  {
    name: 'header not an object',
    token: () => `${segment([1])}.${segment(claims)}.AAAA`,
    code: 'TOKEN_MALFORMED',
    message: 'The header must be a JSON object.',
  },
  {
    name: 'payload not an object',
    token: () => rawHs256(JSON.stringify(header), '"just a string"', SECRET),
    code: 'TOKEN_MALFORMED',
    message: 'The payload must be a JSON object.',
  },
  {
    name: 'header without alg',
    token: () => `${segment({ typ: 'JWT' })}.${segment(claims)}.AAAA`,
    code: 'TOKEN_MALFORMED',
    message: 'The header has no "alg" parameter.',
  },
  {
    name: 'numeric kid',
    token: () => hs(claims, { alg: 'HS256', kid: 7 }),
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "kid" must be a string.',
  },
  {
    name: 'unknown critical parameter',
    token: () => hs(claims, { alg: 'HS256', crit: ['exp-v2'], 'exp-v2': 1 }),
    code: 'CRIT_UNSUPPORTED',
    message: 'The critical header parameter "exp-v2" is not supported.',
  },
  {
    name: 'empty crit',
    token: () => hs(claims, { alg: 'HS256', crit: [] }),
    code: 'TOKEN_MALFORMED',
    message: 'The header parameter "crit" must be a non-empty array.',
  },
  {
    name: 'crit lists registered name',
    token: () => hs(claims, { alg: 'HS256', crit: ['alg'] }),
    code: 'TOKEN_MALFORMED',
    message: 'The "crit" array must not list the registered parameter "alg".',
  },
  {
    name: 'oversize token',
    token: () => hs({ ...claims, blob: 'x'.repeat(20_000) }),
    code: 'INPUT_TOO_LARGE',
    message: 'The token is longer than 16384 characters.',
  },
  {
    name: 'deep nesting',
    token: () =>
      rawHs256(JSON.stringify(header), '{"a":'.repeat(40) + '1' + '}'.repeat(40), SECRET),
    code: 'INPUT_TOO_LARGE',
    message: 'The payload nests deeper than 32 levels.',
  },
  {
    name: 'invalid UTF-8 payload',
    token: () => {
      const input = `${segment(header)}.${Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]).toString('base64url')}`
      return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`
    },
    code: 'TOKEN_MALFORMED',
    message: 'The payload is not valid UTF-8.',
  },
  {
    name: 'tampered payload',
    token: () => {
      const [h, , s] = hs(claims).split('.')
      return `${h}.${segment({ ...claims, sub: 'admin' })}.${s}`
    },
    code: 'SIGNATURE_INVALID',
    message: 'The signature is invalid.',
  },
  {
    name: 'expired and wrongly signed',
    token: () => {
      const [h, p] = hs({ ...claims, exp: NOW - 100 }).split('.')
      return `${h}.${p}.${Buffer.alloc(32).toString('base64url')}`
    },
    code: 'SIGNATURE_INVALID',
    message: 'The signature is invalid.',
  },
  {
    name: 'kid not in key list',
    token: () => hs(claims, { alg: 'HS256', kid: 'other' }),
    code: 'NO_MATCHING_KEY',
    message: 'No verification key matches the token\'s alg "HS256" and kid "other".',
  },
]

for (const item of rejectCases) {
  test(`verifyJwt rejects ${item.name}`, async () => {
    const token = await item.token()
    // A single key is checked strictly; the list form is used where the case is about kid lookup.
    const key = item.name.startsWith('kid') ? [hsKey] : (item.key ?? hsKey)
    const expected = { name: 'JotError', code: item.code, message: item.message }
    await assert.rejects(verifyJwt(token, key, { now: NOW, ...item.options }), expected)
    if (isSynchronousBackend()) {
      assert.throws(() => createVerifier(key, { now: NOW, ...item.options })(token), expected)
    }
  })
}

test('verifyJwt applies clock tolerance', async () => {
  const token = hs({ ...claims, exp: NOW - 5, nbf: NOW + 5 })
  const result = await verifyJwt(token, hsKey, { now: NOW, clockToleranceSec: 10 })
  assert.deepEqual(result.claims, { ...claims, exp: NOW - 5, nbf: NOW + 5 })
  await assert.rejects(verifyJwt(token, hsKey, { now: NOW, clockToleranceSec: 4 }), {
    code: 'TOKEN_EXPIRED',
  })
})

test('verifyJwt accepts typ with media type prefix', async () => {
  const token = hs(claims, { alg: 'HS256', typ: 'application/AT+JWT' })
  const result = await verifyJwt(token, hsKey, { now: NOW, typ: 'at+jwt' })
  assert.deepEqual(result.header, { alg: 'HS256', typ: 'application/AT+JWT' })
})

test('verifyJwt accepts audience array member', async () => {
  const token = hs({ ...claims, aud: ['other', 'api'] })
  const result = await verifyJwt(token, hsKey, { now: NOW, audience: ['api', 'web'] })
  assert.deepEqual(result.claims.aud, ['other', 'api'])
})

test('verifyJwt accepts understood crit', async () => {
  const token = hs(claims, { alg: 'HS256', crit: ['exp-v2'], 'exp-v2': 1 })
  const result = await verifyJwt(token, hsKey, { now: NOW, crit: ['exp-v2'] })
  assert.deepEqual(result.header, { alg: 'HS256', crit: ['exp-v2'], 'exp-v2': 1 })
})

test('verifyJwt reads the injected clock function', async () => {
  let now = NOW
  const options = { now: () => now }
  // The Web Crypto backend has no synchronous verifier, so the async one is used there instead.
  const verify = isSynchronousBackend()
    ? createVerifier(hsKey, options)
    : (token: string) => verifyJwt(token, hsKey, options)
  const token = hs(claims)
  assert.equal((await verify(token)).claims.sub, 'user-1')
  now = NOW + 600
  await assert.rejects(async () => verify(token), { code: 'TOKEN_EXPIRED' })
})

test('verifyJwt picks key by kid from a list', async () => {
  const other = await importSecret(new Uint8Array(32).fill(9), { alg: 'HS256', kid: 'other' })
  const token = hs(claims, { alg: 'HS256', kid: 'hs' })
  const result = await verifyJwt(token, [other, hsKey], { now: NOW })
  assert.equal(result.claims.sub, 'user-1')
  const resolved = await verifyJwt(
    token,
    async (h) => Promise.resolve(h.kid === 'hs' ? hsKey : undefined),
    {
      now: NOW,
    },
  )
  assert.equal(resolved.claims.sub, 'user-1')
})

test('verifyJwt rejects key of wrong type', async () => {
  const expected = {
    code: 'ARGUMENT_INVALID',
    message:
      'The verification key must be a JotKey, an array of JotKeys or a resolver function; import raw material with importJwk, importPem or importSecret first.',
  }
  for (const key of [null, undefined, 'secret', SECRET, { kty: 'oct', k: 'AAAA' }, [hsKey, 'x']]) {
    await assert.rejects(verifyJwt(hs(claims), key as never, { now: NOW }), expected)
    assert.throws(() => createVerifier(key as never), expected)
  }
})

test('verifyJwt rejects invalid options', () => {
  const cases: [Parameters<typeof verifyJwt>[2], string][] = [
    [
      { algorithms: [] },
      'The "algorithms" option must be a non-empty array of JWS algorithm names.',
    ],
    [
      { algorithms: ['none' as never] },
      'The "algorithms" option lists "none", which is not a supported JWS algorithm.',
    ],
    [
      { clockToleranceSec: -1 },
      'The "clockToleranceSec" option must be a number of seconds from 0 to 86400.',
    ],
    [
      { clockToleranceSec: Number.NaN },
      'The "clockToleranceSec" option must be a number of seconds from 0 to 86400.',
    ],
    [
      { issuer: '' },
      'The "issuer" option must be a non-empty string or a non-empty array of them.',
    ],
    [
      { audience: [] },
      'The "audience" option must be a non-empty string or a non-empty array of them.',
    ],
    [
      { now: 'today' as never },
      'The "now" option must be seconds since the epoch or a function returning them.',
    ],
    [{ maxTokenLength: 0 }, 'The "maxTokenLength" option must be a positive whole number.'],
    [
      { requiredClaims: 'exp' as never },
      'The "requiredClaims" option must be an array of claim names.',
    ],
  ]
  for (const [options, message] of cases) {
    assert.throws(() => createVerifier(hsKey, options), { code: 'OPTION_INVALID', message })
  }
})

test('verifyJwt rejects non-string token', async () => {
  for (const token of [undefined, null, 42, {}, ['a.b.c']]) {
    await assert.rejects(verifyJwt(token as never, hsKey), { code: 'ARGUMENT_INVALID' })
  }
})

test('verifyJwt rejects public key signing', async () => {
  await assert.rejects(signJwt({ sub: 'x' }, es.publicKey), {
    code: 'KEY_INVALID',
    message: 'A public key cannot sign; use the private key.',
  })
})

test('verifyJwt checks crit per call on a cached header', async () => {
  const token = hs(claims, { alg: 'HS256', crit: ['exp-v2'], 'exp-v2': 1 })
  const first = await verifyJwt(token, hsKey, { now: NOW, crit: ['exp-v2'] })
  assert.equal(first.claims.sub, 'user-1')
  await assert.rejects(verifyJwt(token, hsKey, { now: NOW }), {
    code: 'CRIT_UNSUPPORTED',
    message: 'The critical header parameter "exp-v2" is not supported.',
  })
})

test('verifyJwt returns a frozen shared header', async () => {
  const token = hs(claims, { alg: 'HS256', typ: 'JWT', ext: { nested: [1] } })
  const first = await verifyJwt(token, hsKey, { now: NOW })
  const second = await verifyJwt(token, hsKey, { now: NOW })
  assert.equal(first.header, second.header)
  assert.ok(Object.isFrozen(first.header))
  assert.ok(Object.isFrozen(first.header['ext']))
  assert.deepEqual(second.header, { alg: 'HS256', typ: 'JWT', ext: { nested: [1] } })
})

test('verifyJwt rejects unknown options', async () => {
  await assert.rejects(verifyJwt(hs(claims), hsKey, { audiance: 'api' } as never), {
    code: 'OPTION_INVALID',
    message: 'verifyJwt has no option "audiance". Use audience.',
  })
  assert.throws(() => createVerifier(hsKey, { clockTolerance: 5 } as never), {
    code: 'OPTION_INVALID',
    message: 'createVerifier has no option "clockTolerance". Use clockToleranceSec (seconds).',
  })
  assert.throws(() => createVerifier(hsKey, 'HS256' as never), {
    code: 'OPTION_INVALID',
    message: 'The options of createVerifier must be an object.',
  })
})

test('verifyJwt names typ as written', async () => {
  await assert.rejects(
    verifyJwt(hs(claims, { alg: 'HS256', typ: 'at+jwt' }), hsKey, { typ: 'JWT' }),
    {
      code: 'TYP_MISMATCH',
      message: 'The token type is "at+jwt", expected "JWT".',
    },
  )
})

test('verifyJwt requires own claims', async () => {
  for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
    await assert.rejects(verifyJwt(hs(claims), hsKey, { now: NOW, requiredClaims: [name] }), {
      code: 'CLAIM_INVALID',
      message: `The "${name}" claim is missing.`,
    })
  }
})

test('verifyJwt rejects crit naming an inherited member', async () => {
  const token = hs(claims, { alg: 'HS256', crit: ['hasOwnProperty'] })
  await assert.rejects(verifyJwt(token, hsKey, { now: NOW, crit: ['hasOwnProperty'] }), {
    code: 'TOKEN_MALFORMED',
    message: 'The critical header parameter "hasOwnProperty" is missing.',
  })
})
