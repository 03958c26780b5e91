import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  decryptJwt,
  encryptCompact,
  encryptJwt,
  generateKeyPair,
  generateSecret,
} from '../../src/index.js'
import { NOW } from '../fixtures/tokens.js'
import { flip, split, compact } from '../jwe/craft.js'
import { jotError } from '../jwe/helpers.js'

const recipient = await generateKeyPair('ECDH-ES+A256KW', { kid: 'enc-1', crv: 'P-384' })
const options = {
  enc: 'A256GCM',
  issuer: 'https://auth.example.com',
  audience: 'https://api.example.com',
  expiresInSec: 900,
  now: NOW,
} as const

test('encryptJwt round trip', async () => {
  const token = await encryptJwt(
    { sub: 'user-1', scope: 'orders:read' },
    recipient.publicKey,
    options,
  )
  const result = await decryptJwt(token, recipient.privateKey, {
    issuer: 'https://auth.example.com',
    audience: 'https://api.example.com',
    typ: 'JWT',
    now: NOW + 60,
  })
  assert.deepEqual(result.claims, {
    sub: 'user-1',
    scope: 'orders:read',
    iss: 'https://auth.example.com',
    aud: 'https://api.example.com',
    iat: NOW,
    exp: NOW + 900,
  })
  assert.deepEqual(result.header, {
    alg: 'ECDH-ES+A256KW',
    kid: 'enc-1',
    epk: result.header.epk,
    enc: 'A256GCM',
    typ: 'JWT',
  })
})

test('encryptJwt typ and header options', async () => {
  const key = await generateSecret('A128KW')
  const token = await encryptJwt({}, key, {
    enc: 'A128GCM',
    typ: 'secevent+jwt',
    kid: 'k9',
    header: { cty: 'text/plain' },
    issuedAt: false,
  })
  const result = await decryptJwt(token, key)
  assert.deepEqual(result, {
    header: { alg: 'A128KW', enc: 'A128GCM', cty: 'text/plain', typ: 'secevent+jwt', kid: 'k9' },
    claims: {},
  })
  await assert.rejects(
    encryptJwt({}, key, { enc: 'A128GCM', typ: 'a', header: { typ: 'b' } }),
    jotError(
      'OPTION_INVALID',
      'The header parameter "typ" is set both as an option and in "header"; set it once.',
    ),
  )
})

test('encryptJwt rejects unknown options', async () => {
  const key = await generateSecret('A128KW')
  await assert.rejects(
    encryptJwt({}, key, { enc: 'A128GCM', expiresIn: 60 } as never),
    jotError('OPTION_INVALID', 'encryptJwt has no option "expiresIn". Use expiresInSec (seconds).'),
  )
  await assert.rejects(
    encryptJwt({}, key, undefined as never),
    jotError('OPTION_INVALID', 'encryptJwt needs options with enc, such as { enc: "A256GCM" }.'),
  )
  await assert.rejects(
    encryptJwt({ exp: 'soon' as unknown as number }, key, { enc: 'A128GCM' }),
    jotError('ARGUMENT_INVALID', 'The "exp" claim must be a number of seconds since the epoch.'),
  )
})

test('decryptJwt checks claims', async () => {
  const token = await encryptJwt({ sub: 'user-1' }, recipient.publicKey, options)
  await assert.rejects(
    decryptJwt(token, recipient.privateKey, { now: NOW + 900 }),
    jotError('TOKEN_EXPIRED', 'The token has expired.'),
  )
  await assert.rejects(
    decryptJwt(token, recipient.privateKey, { now: NOW, issuer: 'https://other.example.com' }),
    jotError('CLAIM_INVALID', 'The issuer "https://auth.example.com" is not accepted.'),
  )
  await assert.rejects(
    decryptJwt(token, recipient.privateKey, { now: NOW, typ: 'at+jwt' }),
    jotError('TYP_MISMATCH', 'The token type is "JWT", expected "at+jwt".'),
  )
})

test('decryptJwt fails decryption before claims', async () => {
  // Expired and tampered: the decryption failure wins, so claims are never read unchecked.
  const token = await encryptJwt({ sub: 'user-1' }, recipient.publicKey, options)
  const parts = split(token)
  const tampered = compact({ ...parts, ciphertext: flip(parts.ciphertext) })
  await assert.rejects(
    decryptJwt(tampered, recipient.privateKey, { now: NOW + 10_000 }),
    jotError('DECRYPTION_FAILED', 'The JWE could not be decrypted.'),
  )
})

test('decryptJwt refuses nested JWT', async () => {
  const key = await generateSecret('A128KW')
  const token = await encryptCompact('a.b.c', key, { enc: 'A128GCM', header: { cty: 'JWT' } })
  await assert.rejects(
    decryptJwt(token, key),
    jotError(
      'TOKEN_MALFORMED',
      'The JWE carries a nested JWT (cty "JWT"); open it with decryptAndVerifyJwt, which verifies its signature.',
    ),
  )
})

test('decryptJwt needs JSON object claims', async () => {
  const key = await generateSecret('A128KW')
  const token = await encryptCompact('[1,2]', key, { enc: 'A128GCM' })
  await assert.rejects(
    decryptJwt(token, key),
    jotError('TOKEN_MALFORMED', 'The payload must be a JSON object.'),
  )
  const duplicate = await encryptCompact('{"sub":"a","sub":"b"}', key, { enc: 'A128GCM' })
  await assert.rejects(
    decryptJwt(duplicate, key),
    jotError('TOKEN_MALFORMED', 'The payload has the member "sub" twice.'),
  )
})

test('decryptJwt rejects unknown options', async () => {
  const key = await generateSecret('A128KW')
  const token = await encryptJwt({}, key, { enc: 'A128GCM' })
  await assert.rejects(
    decryptJwt(token, key, { algorithms: ['A128KW'] } as never),
    jotError('OPTION_INVALID', 'decryptJwt has no option "algorithms".'),
  )
  const result = await decryptJwt(token, key, {
    keyManagementAlgorithms: ['A128KW'],
    contentEncryptionAlgorithms: ['A128GCM'],
    maxPbes2Count: 10_000,
    maxDecompressedBytes: 1024,
  })
  assert.equal(typeof result.claims.iat, 'number')
})

test('decryptJwt reads compressed claims', async () => {
  const key = await generateSecret('A256KW')
  const token = await encryptJwt({ roles: Array(50).fill('reader') }, key, {
    enc: 'A256CBC-HS512',
    zip: 'DEF',
    issuedAt: false,
  })
  const result = await decryptJwt(token, key)
  assert.deepEqual(result.claims, { roles: Array(50).fill('reader') })
  await assert.rejects(
    decryptJwt(token, key, { maxDecompressedBytes: 64 }),
    jotError(
      'INPUT_TOO_LARGE',
      'The decompressed content is larger than 64 bytes; raise maxDecompressedBytes to accept it.',
    ),
  )
})
