import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createCipheriv, randomBytes } from 'node:crypto'
import {
  decryptCompact,
  encryptCompact,
  exportJwk,
  generateKeyPair,
  generateSecret,
  importJwk,
  importSecret,
} from '../../src/index.js'
import type { JotKey } from '../../src/index.js'
import { compact, flip, sealCbcUnpadded, sealGcm, segment, split, withHeader } from './craft.js'
import { PASSWORD, TEST_PBES2_COUNT, jotError } from './helpers.js'

const FAILED = jotError('DECRYPTION_FAILED', 'The JWE could not be decrypted.')

const rsa = await generateKeyPair('RSA-OAEP-256')
const aesKw = await generateSecret('A128KW')
const gcmKw = await generateSecret('A256GCMKW')
const ecdhKw = await generateKeyPair('ECDH-ES+A192KW', { crv: 'P-384' })
const password = await importSecret(PASSWORD, { alg: 'PBES2-HS384+A192KW' })
const dir = await generateSecret('dir', { enc: 'A256GCM' })

interface Case {
  readonly label: string
  readonly encryptWith: JotKey
  readonly decryptWith: JotKey
}

const cases: Case[] = [
  { label: 'RSA-OAEP-256', encryptWith: rsa.publicKey, decryptWith: rsa.privateKey },
  { label: 'A128KW', encryptWith: aesKw, decryptWith: aesKw },
  { label: 'A256GCMKW', encryptWith: gcmKw, decryptWith: gcmKw },
  { label: 'ECDH-ES+A192KW', encryptWith: ecdhKw.publicKey, decryptWith: ecdhKw.privateKey },
  { label: 'PBES2-HS384+A192KW', encryptWith: password, decryptWith: password },
]

async function token(item: Case, enc: 'A256GCM' | 'A128CBC-HS256' = 'A256GCM'): Promise<string> {
  return encryptCompact('secret plans', item.encryptWith, { enc, pbes2Count: TEST_PBES2_COUNT })
}

for (const item of cases) {
  for (const part of ['encryptedKey', 'iv', 'ciphertext', 'tag'] as const) {
    test(`${item.label} altered ${part} fails alike`, async () => {
      const parts = split(await token(item))
      const altered = compact({ ...parts, [part]: flip(parts[part]) })
      await assert.rejects(decryptCompact(altered, item.decryptWith), FAILED)
    })
  }

  test(`${item.label} altered header fails alike`, async () => {
    const parts = split(await token(item, 'A128CBC-HS256'))
    const header = JSON.parse(Buffer.from(parts.header, 'base64url').toString()) as object
    const altered = compact({ ...parts, header: segment({ ...header, cty: 'text/plain' }) })
    await assert.rejects(decryptCompact(altered, item.decryptWith), FAILED)
  })
}

test('wrong key fails alike', async () => {
  const pairs: [JotKey, JotKey][] = [
    [rsa.publicKey, (await generateKeyPair('RSA-OAEP-256')).privateKey],
    [aesKw, await generateSecret('A128KW')],
    [gcmKw, await generateSecret('A256GCMKW')],
    [ecdhKw.publicKey, (await generateKeyPair('ECDH-ES+A192KW', { crv: 'P-384' })).privateKey],
    [password, await importSecret(Buffer.from('another password'), { alg: 'PBES2-HS384+A192KW' })],
    [dir, await generateSecret('dir', { enc: 'A256GCM' })],
  ]
  for (const [encryptWith, decryptWith] of pairs) {
    const jwe = await encryptCompact('x', encryptWith, { enc: 'A256GCM', pbes2Count: 1000 })
    await assert.rejects(decryptCompact(jwe, decryptWith), FAILED, encryptWith.alg)
  }
})

test('dir key of wrong length fails alike', async () => {
  const short = await importSecret(randomBytes(16), { alg: 'dir' })
  const jwe = sealGcm({ alg: 'dir', enc: 'A256GCM' }, randomBytes(32), Buffer.from('x'))
  await assert.rejects(decryptCompact(jwe, short), FAILED)
})

test('unwrapped CEK of wrong size fails alike', async () => {
  // A correctly wrapped 16-byte CEK in a token whose enc needs 32 bytes.
  const kek = randomBytes(16)
  const key = await importSecret(kek, { alg: 'A128KW' })
  const wrap = createCipheriv('id-aes128-wrap', kek, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'))
  const wrapped = Buffer.concat([wrap.update(randomBytes(16)), wrap.final()])
  const jwe = withHeader({ alg: 'A128KW', enc: 'A256GCM' }, wrapped)
  await assert.rejects(decryptCompact(jwe, key), FAILED)
})

test('CBC padding error fails alike', async () => {
  const cek = randomBytes(32)
  const key = await importSecret(cek, { alg: 'dir' })
  // A valid tag over content whose last byte is no PKCS #7 padding.
  const jwe = sealCbcUnpadded({ alg: 'dir', enc: 'A128CBC-HS256' }, cek, Buffer.alloc(16, 0))
  await assert.rejects(decryptCompact(jwe, key), FAILED)
})

test('truncated tag rejected', async () => {
  const parts = split(await token(cases[1]!))
  const truncated = compact({ ...parts, tag: parts.tag.subarray(0, 15) })
  await assert.rejects(
    decryptCompact(truncated, aesKw),
    jotError('TOKEN_MALFORMED', 'The JWE Authentication Tag must be 16 bytes for A256GCM, not 15.'),
  )
  const cbc = split(await token(cases[1]!, 'A128CBC-HS256'))
  await assert.rejects(
    decryptCompact(compact({ ...cbc, tag: cbc.tag.subarray(0, 8) }), aesKw),
    jotError(
      'TOKEN_MALFORMED',
      'The JWE Authentication Tag must be 16 bytes for A128CBC-HS256, not 8.',
    ),
  )
})

test('wrong-length IV rejected', async () => {
  const parts = split(await token(cases[1]!))
  await assert.rejects(
    decryptCompact(compact({ ...parts, iv: randomBytes(16) }), aesKw),
    jotError(
      'TOKEN_MALFORMED',
      'The JWE Initialization Vector must be 12 bytes for A256GCM, not 16.',
    ),
  )
  const cbc = split(await token(cases[1]!, 'A128CBC-HS256'))
  await assert.rejects(
    decryptCompact(compact({ ...cbc, iv: randomBytes(12) }), aesKw),
    jotError(
      'TOKEN_MALFORMED',
      'The JWE Initialization Vector must be 16 bytes for A128CBC-HS256, not 12.',
    ),
  )
})

test('AES-GCM key wrap header lengths checked', async () => {
  const parts = split(await token(cases[2]!))
  const header = JSON.parse(Buffer.from(parts.header, 'base64url').toString()) as Record<
    string,
    string
  >
  const shortTag = { ...header, tag: Buffer.alloc(12).toString('base64url') }
  await assert.rejects(
    decryptCompact(compact({ ...parts, header: segment(shortTag) }), gcmKw),
    jotError('TOKEN_MALFORMED', 'The header parameter "tag" must be 16 bytes, not 12.'),
  )
  const noIv = Object.fromEntries(Object.entries(header).filter(([name]) => name !== 'iv'))
  await assert.rejects(
    decryptCompact(compact({ ...parts, header: segment(noIv) }), gcmKw),
    jotError('TOKEN_MALFORMED', 'The header has no "iv" parameter.'),
  )
})

test('RSA1_5 rejected with reason', async () => {
  const jwe = withHeader({ alg: 'RSA1_5', enc: 'A128CBC-HS256' }, randomBytes(256))
  const message =
    'The JWE algorithm "RSA1_5" is not supported: RSAES-PKCS1-v1_5 is open to padding oracle attacks (RFC 8725 section 3.2); use RSA-OAEP-256.'
  await assert.rejects(decryptCompact(jwe, rsa.privateKey), jotError('ALG_UNSUPPORTED', message))
  const jwk = await exportJwk(rsa.privateKey)
  await assert.rejects(importJwk({ ...jwk, alg: 'RSA1_5' }), jotError('ALG_UNSUPPORTED', message))
  await assert.rejects(
    decryptCompact(jwe, rsa.privateKey, { keyManagementAlgorithms: ['RSA1_5' as 'RSA-OAEP'] }),
    jotError(
      'OPTION_INVALID',
      'The "keyManagementAlgorithms" option lists "RSA1_5", which is not a supported algorithm.',
    ),
  )
})

test('use sig key refuses encryption', async () => {
  const jwk = await exportJwk(rsa.privateKey)
  const signingOnly = await importJwk({ ...jwk, use: 'sig' }, { alg: 'RSA-OAEP-256' })
  await assert.rejects(
    encryptCompact('x', signingOnly, { enc: 'A128GCM' }),
    jotError('KEY_INVALID', 'The key is marked use "sig" and cannot wrap a key.'),
  )
  const jwe = await encryptCompact('x', rsa.publicKey, { enc: 'A128GCM' })
  await assert.rejects(
    decryptCompact(jwe, signingOnly),
    jotError('KEY_INVALID', 'The key is marked use "sig" and cannot unwrap a key.'),
  )
  await assert.rejects(
    decryptCompact(jwe, [signingOnly]),
    jotError(
      'NO_MATCHING_KEY',
      'No decryption key matches the JWE\'s alg "RSA-OAEP-256" and no kid.',
    ),
  )
})

test('key_ops limit JWE operations', async () => {
  const jwk = await exportJwk(rsa.privateKey)
  const decryptOnly = await importJwk({ ...jwk, key_ops: ['decrypt'] }, { alg: 'RSA-OAEP-256' })
  await assert.rejects(
    encryptCompact('x', decryptOnly, { enc: 'A128GCM' }),
    jotError('KEY_INVALID', 'The key\'s key_ops do not include "wrapKey".'),
  )
  const jwe = await encryptCompact('x', rsa.publicKey, { enc: 'A128GCM' })
  await assert.rejects(
    decryptCompact(jwe, decryptOnly),
    jotError('KEY_INVALID', 'The key\'s key_ops do not include "unwrapKey".'),
  )
  const ecdh = await exportJwk(ecdhKw.privateKey)
  const deriving = await importJwk({ ...ecdh, key_ops: ['deriveBits'] }, { alg: 'ECDH-ES+A192KW' })
  const agreed = await encryptCompact('agreed', ecdhKw.publicKey, { enc: 'A128GCM' })
  assert.equal(Buffer.from((await decryptCompact(agreed, deriving)).plaintext).toString(), 'agreed')
  const wrapping = await importJwk({ ...ecdh, key_ops: ['unwrapKey'] }, { alg: 'ECDH-ES+A192KW' })
  await assert.rejects(
    decryptCompact(agreed, wrapping),
    jotError('KEY_INVALID', 'The key\'s key_ops do not include "deriveKey" or "deriveBits".'),
  )
})

test('public key cannot decrypt', async () => {
  const jwe = await encryptCompact('x', rsa.publicKey, { enc: 'A128GCM' })
  await assert.rejects(
    decryptCompact(jwe, rsa.publicKey),
    jotError('KEY_INVALID', 'A public key cannot decrypt; use the private key.'),
  )
})

test('key bound to another alg refused', async () => {
  const jwe = await encryptCompact('x', aesKw, { enc: 'A128GCM' })
  await assert.rejects(
    decryptCompact(jwe, await generateSecret('A256KW')),
    jotError('ALG_NOT_ALLOWED', 'The key is bound to A256KW and cannot be used with A128KW.'),
  )
  const signing = await generateSecret('HS256')
  await assert.rejects(
    decryptCompact(jwe, signing),
    jotError('ALG_NOT_ALLOWED', 'The key is bound to HS256 and cannot be used with A128KW.'),
  )
})

test('allowlists narrow algorithms', async () => {
  const jwe = await encryptCompact('x', aesKw, { enc: 'A128GCM' })
  await assert.rejects(
    decryptCompact(jwe, aesKw, { keyManagementAlgorithms: ['A256KW'] }),
    jotError('ALG_NOT_ALLOWED', 'The algorithm "A128KW" is not in the allowed list.'),
  )
  await assert.rejects(
    decryptCompact(jwe, aesKw, { contentEncryptionAlgorithms: ['A256GCM'] }),
    jotError(
      'ALG_NOT_ALLOWED',
      'The content encryption algorithm "A128GCM" is not in the allowed list.',
    ),
  )
  const allowed = await decryptCompact(jwe, aesKw, {
    keyManagementAlgorithms: ['A128KW'],
    contentEncryptionAlgorithms: ['A128GCM'],
  })
  assert.equal(Buffer.from(allowed.plaintext).toString(), 'x')
})

test('key list picked by kid and bounded', async () => {
  const keys = await Promise.all([1, 2, 3, 4].map(() => generateSecret('A128KW')))
  const last = keys[3]!
  const jwe = await encryptCompact('x', last, { enc: 'A128GCM' })
  // Without a kid every key fits, and only the first three are tried.
  await assert.rejects(decryptCompact(jwe, keys), FAILED)
  const result = await decryptCompact(jwe, keys, { maxKeyCandidates: 4 })
  assert.equal(Buffer.from(result.plaintext).toString(), 'x')

  const named = await generateSecret('A128KW', { kid: 'k1' })
  const withKid = await encryptCompact('y', named, { enc: 'A128GCM' })
  assert.equal(
    Buffer.from((await decryptCompact(withKid, [...keys, named])).plaintext).toString(),
    'y',
  )
  await assert.rejects(
    decryptCompact(withKid, keys),
    jotError('NO_MATCHING_KEY', 'No decryption key matches the JWE\'s alg "A128KW" and kid "k1".'),
  )
})

test('async resolver gets the header', async () => {
  const named = await generateSecret('A128KW', { kid: 'k2' })
  const jwe = await encryptCompact('z', named, { enc: 'A128GCM', header: { typ: 'note' } })
  const seen: unknown[] = []
  const result = await decryptCompact(jwe, (header) => {
    seen.push(header)
    return Promise.resolve(named)
  })
  assert.equal(Buffer.from(result.plaintext).toString(), 'z')
  assert.deepEqual(seen, [{ alg: 'A128KW', kid: 'k2', enc: 'A128GCM', typ: 'note' }])
  await assert.rejects(
    decryptCompact(jwe, () => undefined),
    jotError('NO_MATCHING_KEY', 'No decryption key matches the JWE\'s alg "A128KW" and kid "k2".'),
  )
})

const dirKey = Buffer.alloc(32, 3)
const dirJot = await importSecret(dirKey, { alg: 'dir' })
const valid = sealGcm({ alg: 'dir', enc: 'A256GCM' }, dirKey, Buffer.from('x'))
const [, , iv = '', ciphertext = '', tag = ''] = valid.split('.')

const malformed: [string, unknown, string, string][] = [
  ['number', 42, 'ARGUMENT_INVALID', 'The JWE must be a string, not a number.'],
  [
    'JWS',
    `${segment({ alg: 'HS256' })}.${segment({})}.sig`,
    'TOKEN_MALFORMED',
    'The token has 3 segments: it is a signed JWS, not an encrypted JWE.',
  ],
  [
    'four segments',
    'a.b.c.d',
    'TOKEN_MALFORMED',
    'The JWE must have 5 segments separated by dots, not 4.',
  ],
  [
    'six segments',
    'a.b.c.d.e.f',
    'TOKEN_MALFORMED',
    'The JWE must have 5 segments separated by dots, not 6.',
  ],
  ['too long', 'a'.repeat(16_385), 'INPUT_TOO_LARGE', 'The JWE is longer than 16384 characters.'],
  [
    'padded IV',
    `${segment({ alg: 'dir', enc: 'A256GCM' })}..${iv}=.${ciphertext}.${tag}`,
    'TOKEN_MALFORMED',
    'The Initialization Vector is not canonical unpadded base64url.',
  ],
  [
    'plus in ciphertext',
    `${segment({ alg: 'dir', enc: 'A256GCM' })}..${iv}.+${ciphertext.slice(1)}.${tag}`,
    'TOKEN_MALFORMED',
    'The ciphertext is not canonical unpadded base64url.',
  ],
  [
    'header not JSON',
    `${segment('{alg')}..${iv}.${ciphertext}.${tag}`,
    'TOKEN_MALFORMED',
    'The protected header is not valid JSON.',
  ],
  [
    'header array',
    `${segment('[1]')}..${iv}.${ciphertext}.${tag}`,
    'TOKEN_MALFORMED',
    'The protected header must be a JSON object.',
  ],
  [
    'duplicate alg',
    `${segment('{"alg":"dir","alg":"dir","enc":"A256GCM"}')}..${iv}.${ciphertext}.${tag}`,
    'TOKEN_MALFORMED',
    'The protected header has the member "alg" twice.',
  ],
  [
    'no enc',
    withHeader({ alg: 'dir' }),
    'TOKEN_MALFORMED',
    'The JWE header has no "enc" parameter.',
  ],
  [
    'no alg',
    withHeader({ enc: 'A256GCM' }),
    'TOKEN_MALFORMED',
    'The JWE header has no "alg" parameter.',
  ],
  [
    'numeric alg',
    withHeader({ alg: 1, enc: 'A256GCM' }),
    'TOKEN_MALFORMED',
    'The header parameter "alg" must be a string.',
  ],
  [
    'alg none',
    withHeader({ alg: 'none', enc: 'A256GCM' }),
    'ALG_NOT_ALLOWED',
    'The algorithm "none" is not allowed.',
  ],
  [
    'unknown alg',
    withHeader({ alg: 'A1024KW', enc: 'A256GCM' }),
    'ALG_UNSUPPORTED',
    'The JWE algorithm "A1024KW" is not supported.',
  ],
  [
    'unknown enc',
    withHeader({ alg: 'dir', enc: 'A512GCM' }),
    'ALG_UNSUPPORTED',
    'The JWE content encryption algorithm "A512GCM" is not supported.',
  ],
  [
    'dir with encrypted key',
    withHeader({ alg: 'dir', enc: 'A256GCM' }, Buffer.alloc(16)),
    'TOKEN_MALFORMED',
    'The JWE Encrypted Key must be empty for dir.',
  ],
  [
    'unknown crit',
    withHeader({ alg: 'dir', enc: 'A256GCM', crit: ['exp'], exp: 1 }),
    'CRIT_UNSUPPORTED',
    'The critical header parameter "exp" is not supported.',
  ],
  [
    'empty crit',
    withHeader({ alg: 'dir', enc: 'A256GCM', crit: [] }),
    'TOKEN_MALFORMED',
    'The header parameter "crit" must be a non-empty array.',
  ],
  [
    'crit lists enc',
    withHeader({ alg: 'dir', enc: 'A256GCM', crit: ['enc'] }),
    'TOKEN_MALFORMED',
    'The "crit" array must not list the registered parameter "enc".',
  ],
]

for (const [label, input, code, message] of malformed) {
  test(`decryptCompact rejects ${label}`, async () => {
    await assert.rejects(
      decryptCompact(input as string, dirJot),
      jotError(code as 'TOKEN_MALFORMED', message),
    )
  })
}

test('empty encrypted key rejected for A128KW', async () => {
  await assert.rejects(
    decryptCompact(withHeader({ alg: 'A128KW', enc: 'A256GCM' }), aesKw),
    jotError('TOKEN_MALFORMED', 'The JWE Encrypted Key is empty; A128KW needs one.'),
  )
})

test('declared crit accepted', async () => {
  const jwe = await encryptCompact('x', dir, {
    enc: 'A256GCM',
    header: { crit: ['exp-check'], 'exp-check': true },
  })
  await assert.rejects(
    decryptCompact(jwe, dir),
    jotError('CRIT_UNSUPPORTED', 'The critical header parameter "exp-check" is not supported.'),
  )
  const result = await decryptCompact(jwe, dir, { crit: ['exp-check'] })
  assert.equal(result.protectedHeader['exp-check'], true)
})

test('structure checked before keys', async () => {
  // A wrong key never hides a malformed token.
  await assert.rejects(
    decryptCompact('a.b.c.d', await generateSecret('A128KW')),
    jotError('TOKEN_MALFORMED', 'The JWE must have 5 segments separated by dots, not 4.'),
  )
})

const badOptions: [string, unknown, string][] = [
  [
    'maxPbes2Count zero',
    { maxPbes2Count: 0 },
    'The "maxPbes2Count" option must be a positive whole number.',
  ],
  [
    'maxDecompressedBytes fraction',
    { maxDecompressedBytes: 1.5 },
    'The "maxDecompressedBytes" option must be a positive whole number.',
  ],
  [
    'maxTokenLength string',
    { maxTokenLength: '10' },
    'The "maxTokenLength" option must be a positive whole number.',
  ],
  [
    'empty keyManagementAlgorithms',
    { keyManagementAlgorithms: [] },
    'The "keyManagementAlgorithms" option must be a non-empty array.',
  ],
  [
    'unknown enc allowed',
    { contentEncryptionAlgorithms: ['A512GCM'] },
    'The "contentEncryptionAlgorithms" option lists "A512GCM", which is not a supported algorithm.',
  ],
  ['crit string', { crit: 'b64' }, 'The "crit" option must be an array of header parameter names.'],
  [
    'returnContentEncryptionKey string',
    { returnContentEncryptionKey: 'yes' },
    'The "returnContentEncryptionKey" option must be a boolean.',
  ],
]

for (const [label, options, message] of badOptions) {
  test(`decryptCompact option ${label} refused`, async () => {
    await assert.rejects(
      decryptCompact(valid, dirJot, options as never),
      jotError('OPTION_INVALID', message),
    )
  })
}

test('decryptCompact needs JotKeys', async () => {
  await assert.rejects(
    decryptCompact(valid, 'secret' as never),
    jotError(
      'ARGUMENT_INVALID',
      'The decryption key must be a JotKey, an array of JotKeys or a resolver function; import raw material with importJwk, importPem or importSecret first.',
    ),
  )
})

test('non-extractable dir key keeps CEK', async () => {
  const hidden = await importSecret(dirKey, { alg: 'dir', extractable: false })
  await assert.rejects(
    decryptCompact(valid, hidden, { returnContentEncryptionKey: true }),
    jotError(
      'KEY_INVALID',
      'The secret key is not extractable, so returnContentEncryptionKey cannot reveal its material.',
    ),
  )
  assert.equal(Buffer.from((await decryptCompact(valid, hidden)).plaintext).toString(), 'x')
})

test('crit naming an inherited member rejected', async () => {
  const input = withHeader({ alg: 'dir', enc: 'A256GCM', crit: ['hasOwnProperty'] })
  await assert.rejects(
    decryptCompact(input, dirJot, { crit: ['hasOwnProperty'] }),
    jotError('TOKEN_MALFORMED', 'The critical header parameter "hasOwnProperty" is missing.'),
  )
})
