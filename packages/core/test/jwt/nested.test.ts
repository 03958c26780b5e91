import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as jose from 'jose'
import {
  decryptAndVerifyJwt,
  decryptCompact,
  decryptJwt,
  encryptCompact,
  encryptJwt,
  exportJwk,
  generateKeyPair,
  generateSecret,
  signAndEncryptJwt,
  signJwt,
} from '../../src/index.js'
import type { JotKey } from '../../src/index.js'
import { NOW } from '../fixtures/tokens.js'
import { jotError } from '../jwe/helpers.js'

const issuer = await generateKeyPair('ES256', { kid: 'sig-1' })
const recipient = await generateKeyPair('RSA-OAEP-256', { kid: 'enc-1' })
const keys = { signingKey: issuer.privateKey, encryptionKey: recipient.publicKey }
const openKeys = { decryptionKeys: recipient.privateKey, verificationKeys: issuer.publicKey }
const claimOptions = {
  issuer: 'https://auth.example.com',
  audience: 'https://api.example.com',
  expiresInSec: 900,
  now: NOW,
}

async function nested(): Promise<string> {
  return signAndEncryptJwt({ sub: 'user-1' }, keys, {
    ...claimOptions,
    enc: 'A256GCM',
    typ: 'at+jwt',
    encryptionHeader: { typ: 'JWT' },
  })
}

test('nested JWT round trip', async () => {
  const result = await decryptAndVerifyJwt(await nested(), openKeys, {
    issuer: 'https://auth.example.com',
    audience: 'https://api.example.com',
    typ: 'at+jwt',
    now: NOW + 1,
  })
  assert.deepEqual(result, {
    header: { alg: 'ES256', kid: 'sig-1', typ: 'at+jwt' },
    claims: {
      sub: 'user-1',
      iss: 'https://auth.example.com',
      aud: 'https://api.example.com',
      iat: NOW,
      exp: NOW + 900,
    },
    encryptionHeader: { alg: 'RSA-OAEP-256', kid: 'enc-1', enc: 'A256GCM', typ: 'JWT', cty: 'JWT' },
  })
})

test('nested JWT inner is a JWS', async () => {
  const { plaintext, protectedHeader } = await decryptCompact(await nested(), recipient.privateKey)
  assert.equal(protectedHeader.cty, 'JWT')
  assert.equal(Buffer.from(plaintext).toString().split('.').length, 3)
})

test('nested JWT checks claims last', async () => {
  const token = await nested()
  await assert.rejects(
    decryptAndVerifyJwt(token, openKeys, { now: NOW + 900 }),
    jotError('TOKEN_EXPIRED', 'The token has expired.'),
  )
  // Expired and signed by another key: the signature fails first.
  const stranger = await generateKeyPair('ES256', { kid: 'sig-1' })
  await assert.rejects(
    decryptAndVerifyJwt(
      token,
      { decryptionKeys: recipient.privateKey, verificationKeys: stranger.publicKey },
      { now: NOW + 900 },
    ),
    jotError('SIGNATURE_INVALID', 'The signature is invalid.'),
  )
})

test('nested JWT keeps layer options apart', async () => {
  const token = await nested()
  await assert.rejects(
    decryptAndVerifyJwt(token, openKeys, { verification: { algorithms: ['RS256'] } }),
    jotError('ALG_NOT_ALLOWED', 'The algorithm "ES256" is not in the allowed list.'),
  )
  await assert.rejects(
    decryptAndVerifyJwt(token, openKeys, { decryption: { keyManagementAlgorithms: ['RSA-OAEP'] } }),
    jotError('ALG_NOT_ALLOWED', 'The algorithm "RSA-OAEP-256" is not in the allowed list.'),
  )
  await assert.rejects(
    decryptAndVerifyJwt(token, openKeys, { typ: 'JWT', now: NOW }),
    jotError('TYP_MISMATCH', 'The token type is "at+jwt", expected "JWT".'),
  )
})

test('nested JWT keys kept apart', async () => {
  const token = await nested()
  // The decryption key cannot verify, nor the verification key decrypt.
  await assert.rejects(
    decryptAndVerifyJwt(token, {
      decryptionKeys: issuer.publicKey,
      verificationKeys: issuer.publicKey,
    }),
    jotError('ALG_NOT_ALLOWED', 'The key is bound to ES256 and cannot be used with RSA-OAEP-256.'),
  )
  await assert.rejects(
    decryptAndVerifyJwt(token, {
      decryptionKeys: recipient.privateKey,
      verificationKeys: recipient.publicKey,
    }),
    jotError('ALG_NOT_ALLOWED', 'The key is bound to RSA-OAEP-256 and cannot be used with ES256.'),
  )
})

test('nested JWT needs cty JWT', async () => {
  const jws = await signJwt({ sub: 'user-1' }, issuer.privateKey)
  const plain = await encryptCompact(jws, recipient.publicKey, { enc: 'A128GCM' })
  await assert.rejects(
    decryptAndVerifyJwt(plain, openKeys),
    jotError(
      'TOKEN_MALFORMED',
      'The JWE does not carry a nested JWT: its header has no cty "JWT".',
    ),
  )
  const lower = await encryptCompact(jws, recipient.publicKey, {
    enc: 'A128GCM',
    header: { cty: 'application/jwt' },
  })
  const result = await decryptAndVerifyJwt(lower, openKeys)
  assert.equal(result.claims.sub, 'user-1')
})

test('nested JWT refuses unsigned inner token', async () => {
  const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`
  const token = await encryptCompact(unsigned, recipient.publicKey, {
    enc: 'A128GCM',
    header: { cty: 'JWT' },
  })
  await assert.rejects(
    decryptAndVerifyJwt(token, openKeys),
    jotError('ALG_NOT_ALLOWED', 'The algorithm "none" is not allowed.'),
  )
})

test('nested JWT with async resolvers', async () => {
  const seen: string[] = []
  const result = await decryptAndVerifyJwt(
    await nested(),
    {
      decryptionKeys: (header) => {
        seen.push(`jwe ${header.kid ?? ''}`)
        return Promise.resolve(recipient.privateKey)
      },
      verificationKeys: (header) => {
        seen.push(`jws ${header.kid ?? ''}`)
        return Promise.resolve(issuer.publicKey)
      },
    },
    { now: NOW },
  )
  assert.equal(result.claims.sub, 'user-1')
  assert.deepEqual(seen, ['jwe enc-1', 'jws sig-1'])
})

const rejections: [string, () => Promise<unknown>, string, string][] = [
  [
    'missing keys',
    () => signAndEncryptJwt({}, { signingKey: issuer.privateKey } as never, { enc: 'A128GCM' }),
    'ARGUMENT_INVALID',
    'signAndEncryptJwt expects { signingKey, encryptionKey }, both JotKeys.',
  ],
  [
    'cty other than JWT',
    () => signAndEncryptJwt({}, keys, { enc: 'A128GCM', encryptionHeader: { cty: 'json' } }),
    'OPTION_INVALID',
    'The encryptionHeader "cty" of a nested JWT must be "JWT".',
  ],
  [
    'unknown sign option',
    () => signAndEncryptJwt({}, keys, { enc: 'A128GCM', expiresIn: 5 } as never),
    'OPTION_INVALID',
    'signJwt has no option "expiresIn". Use expiresInSec (seconds).',
  ],
  [
    'swapped keys',
    () =>
      signAndEncryptJwt(
        {},
        { signingKey: recipient.privateKey, encryptionKey: issuer.publicKey },
        {
          enc: 'A128GCM',
        },
      ),
    'KEY_INVALID',
    'The key is bound to the JWE algorithm RSA-OAEP-256 and cannot sign; import it for a JWS algorithm.',
  ],
  [
    'open without keys object',
    () => decryptAndVerifyJwt('a.b.c.d.e', recipient.privateKey as never),
    'ARGUMENT_INVALID',
    'decryptAndVerifyJwt expects { decryptionKeys, verificationKeys }.',
  ],
  [
    'open with flat algorithms option',
    () => decryptAndVerifyJwt('a.b.c.d.e', openKeys, { algorithms: ['ES256'] } as never),
    'OPTION_INVALID',
    'decryptAndVerifyJwt has no option "algorithms".',
  ],
]

for (const [label, run, code, message] of rejections) {
  test(`nested JWT rejects ${label}`, async () => {
    await assert.rejects(run(), jotError(code as 'OPTION_INVALID', message))
  })
}

async function joseKey(key: JotKey): Promise<jose.CryptoKey> {
  return (await jose.importJWK((await exportJwk(key)) as jose.JWK, key.alg)) as jose.CryptoKey
}

test('nested JWT from jose', async () => {
  const jws = await new jose.SignJWT({ sub: 'user-2' })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setIssuedAt(NOW)
    .sign(await joseKey(issuer.privateKey))
  const token = await new jose.CompactEncrypt(new TextEncoder().encode(jws))
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' })
    .encrypt(await joseKey(recipient.publicKey))
  const result = await decryptAndVerifyJwt(token, openKeys, { now: NOW })
  assert.deepEqual(result.claims, { sub: 'user-2', iat: NOW })
})

test('nested JWT to jose', async () => {
  const token = await nested()
  const { plaintext } = await jose.compactDecrypt(token, await joseKey(recipient.privateKey))
  const { payload } = await jose.jwtVerify(
    new TextDecoder().decode(plaintext),
    await joseKey(issuer.publicKey),
    { currentDate: new Date(NOW * 1000) },
  )
  assert.equal(payload.sub, 'user-1')
})

test('encrypted JWT to and from jose', async () => {
  const key = await generateSecret('A256KW')
  const raw = Buffer.from((await exportJwk(key)).k!, 'base64url')
  const fromJose = await new jose.EncryptJWT({ sub: 'user-3' })
    .setProtectedHeader({ alg: 'A256KW', enc: 'A128CBC-HS256' })
    .setIssuedAt(NOW)
    .setExpirationTime(NOW + 60)
    .encrypt(raw)
  assert.deepEqual((await decryptJwt(fromJose, key, { now: NOW })).claims, {
    sub: 'user-3',
    iat: NOW,
    exp: NOW + 60,
  })
  const fromJot = await encryptJwt({ sub: 'user-4' }, key, { enc: 'A256GCM', now: NOW })
  const { payload } = await jose.jwtDecrypt(fromJot, raw, { currentDate: new Date(NOW * 1000) })
  assert.deepEqual(payload, { sub: 'user-4', iat: NOW })
})
