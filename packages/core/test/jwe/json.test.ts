import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  decryptJson,
  encryptJson,
  exportJwk,
  generateKeyPair,
  generateSecret,
  importJwk,
} from '../../src/index.js'
import type { GeneralJwe } from '../../src/index.js'
import { segment } from './craft.js'
import { jotError, withBufferPlaintext } from './helpers.js'

const alice = await generateSecret('A128KW', { kid: 'alice' })
const bob = await generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519', kid: 'bob' })
const carol = await generateSecret('A256GCMKW', { kid: 'carol' })
const message = Buffer.from('one ciphertext, three readers')

async function threeRecipients(): Promise<GeneralJwe> {
  return encryptJson(
    message,
    [{ key: alice, header: { note: 'a' } }, { key: bob.publicKey }, { key: carol }],
    {
      enc: 'A256GCM',
      protectedHeader: { cty: 'text/plain' },
      unprotectedHeader: { jku: 'https://keys.example.com' },
      aad: new Uint8Array([1, 2, 3]),
    },
  )
}

test('general JWE per-recipient headers', async () => {
  const jwe = await threeRecipients()
  assert.deepEqual(JSON.parse(Buffer.from(jwe.protected!, 'base64url').toString()), {
    enc: 'A256GCM',
    cty: 'text/plain',
  })
  assert.deepEqual(jwe.unprotected, { jku: 'https://keys.example.com' })
  assert.deepEqual(jwe.recipients[0]?.header, { alg: 'A128KW', kid: 'alice', note: 'a' })
  assert.equal(jwe.recipients[1]?.header?.alg, 'ECDH-ES+A256KW')
  assert.equal((jwe.recipients[1]?.header?.epk as { crv: string }).crv, 'X25519')
  assert.deepEqual(Object.keys(jwe.recipients[2]?.header ?? {}), ['alg', 'kid', 'iv', 'tag'])
  assert.equal(jwe.aad, 'AQID')
})

test('general JWE each recipient decrypts', async () => {
  const jwe = await threeRecipients()
  const readers = [alice, bob.privateKey, carol]
  for (const [index, key] of readers.entries()) {
    const result = await decryptJson(jwe, key)
    assert.deepEqual(withBufferPlaintext(result), {
      plaintext: message,
      header: {
        enc: 'A256GCM',
        cty: 'text/plain',
        jku: 'https://keys.example.com',
        ...jwe.recipients[index]?.header,
      },
      protectedHeader: { enc: 'A256GCM', cty: 'text/plain' },
      sharedUnprotectedHeader: { jku: 'https://keys.example.com' },
      recipientHeader: jwe.recipients[index]?.header,
      recipientIndex: index,
      additionalAuthenticatedData: Buffer.from([1, 2, 3]),
    })
  }
})

test('general JWE key list finds recipient', async () => {
  const jwe = await threeRecipients()
  const result = await decryptJson(jwe, [carol, await generateSecret('A256KW')])
  assert.equal(result.recipientIndex, 2)
  const none = await generateSecret('A192KW', { kid: 'dave' })
  await assert.rejects(
    decryptJson(jwe, [none]),
    jotError(
      'NO_MATCHING_KEY',
      'No decryption key matches the JWE\'s alg "A128KW" and kid "alice".',
    ),
  )
})

test('general JWE as JSON text', async () => {
  const text = JSON.stringify(await threeRecipients())
  const result = await decryptJson(text, carol)
  assert.equal(result.recipientIndex, 2)
})

test('general JWE attempts are bounded', async () => {
  // Four recipients for four keys of one algorithm, none with a kid: the fourth is out of reach.
  const keys = await Promise.all([1, 2, 3, 4].map(() => generateSecret('A128KW')))
  const jwe = await encryptJson(
    message,
    keys.map((key) => ({ key })),
    { enc: 'A128GCM' },
  )
  const last = keys[3]!
  await assert.rejects(
    decryptJson(jwe, last),
    jotError('DECRYPTION_FAILED', 'The JWE could not be decrypted.'),
  )
  const result = await decryptJson(jwe, last, { maxKeyCandidates: 4 })
  assert.equal(result.recipientIndex, 3)
})

test('general JWE skips disallowed recipients', async () => {
  const jwe = await threeRecipients()
  const result = await decryptJson(jwe, carol, { keyManagementAlgorithms: ['A256GCMKW'] })
  assert.equal(result.recipientIndex, 2)
  await assert.rejects(
    decryptJson(jwe, carol, { keyManagementAlgorithms: ['A256KW'] }),
    jotError('ALG_NOT_ALLOWED', 'The algorithm "A128KW" is not in the allowed list.'),
  )
})

test('flattened JWE round trip', async () => {
  const jwe = await encryptJson(
    message,
    { key: alice, header: { note: 'x' } },
    {
      enc: 'A128CBC-HS256',
      serialization: 'flattened',
      unprotectedHeader: { purpose: 'test' },
    },
  )
  assert.deepEqual(Object.keys(jwe), [
    'protected',
    'unprotected',
    'header',
    'encrypted_key',
    'iv',
    'ciphertext',
    'tag',
  ])
  assert.deepEqual(jwe.header, { note: 'x' })
  const result = await decryptJson(jwe, alice)
  assert.deepEqual(result.header, {
    alg: 'A128KW',
    kid: 'alice',
    enc: 'A128CBC-HS256',
    purpose: 'test',
    note: 'x',
  })
})

test('flattened needs one recipient', async () => {
  await assert.rejects(
    encryptJson(message, [{ key: alice }, { key: carol }], {
      enc: 'A128GCM',
      serialization: 'flattened',
    }),
    jotError(
      'ARGUMENT_INVALID',
      'The flattened serialization has exactly one recipient, not 2; use "general".',
    ),
  )
})

const encryptRejections: [string, () => Promise<unknown>, string, string][] = [
  [
    'repeated header name',
    () =>
      encryptJson(message, [{ key: alice, header: { purpose: 'a' } }], {
        enc: 'A128GCM',
        unprotectedHeader: { purpose: 'b' },
      }),
    'OPTION_INVALID',
    'The header parameter "purpose" is set in more than one header; each name may appear once.',
  ],
  [
    'zip unprotected',
    () => encryptJson(message, alice, { enc: 'A128GCM', unprotectedHeader: { zip: 'DEF' } }),
    'OPTION_INVALID',
    'The header parameter "zip" must be in the protected header.',
  ],
  [
    'crit in recipient header',
    () => encryptJson(message, { key: alice, header: { crit: ['x'], x: 1 } }, { enc: 'A128GCM' }),
    'OPTION_INVALID',
    'The header parameter "crit" must be in the protected header.',
  ],
  [
    'shared alg for two algorithms',
    () =>
      encryptJson(message, [{ key: alice }, { key: carol }], {
        enc: 'A128GCM',
        unprotectedHeader: { alg: 'A128KW' },
      }),
    'OPTION_INVALID',
    'The header parameter "alg" differs from the value jot sets; leave it out or give the same value.',
  ],
  [
    'enc in one recipient only',
    () =>
      encryptJson(message, [{ key: alice, header: { enc: 'A128GCM' } }, { key: carol }], {
        enc: 'A128GCM',
      }),
    'OPTION_INVALID',
    'The header parameter "enc" is shared by all recipients, so set it in every recipient\'s header or in a shared one.',
  ],
  [
    'no recipients',
    () => encryptJson(message, [], { enc: 'A128GCM' }),
    'ARGUMENT_INVALID',
    'encryptJson needs at least one recipient.',
  ],
  [
    'recipient without key',
    () => encryptJson(message, [{ header: {} } as never], { enc: 'A128GCM' }),
    'ARGUMENT_INVALID',
    'Recipient 0 must be an object with a JotKey as its "key".',
  ],
  [
    'aad number',
    () => encryptJson(message, alice, { enc: 'A128GCM', aad: 5 as never }),
    'OPTION_INVALID',
    'The "aad" option must be a string or a Uint8Array.',
  ],
  [
    'unknown serialization',
    () => encryptJson(message, alice, { enc: 'A128GCM', serialization: 'compact' as never }),
    'OPTION_INVALID',
    'The "serialization" option must be "general" or "flattened".',
  ],
]

for (const [label, run, code, message] of encryptRejections) {
  test(`encryptJson rejects ${label}`, async () => {
    await assert.rejects(run(), jotError(code as 'OPTION_INVALID', message))
  })
}

const valid = await encryptJson(message, alice, { enc: 'A128GCM', serialization: 'flattened' })

const decryptRejections: [string, unknown, string, string][] = [
  ['array', [], 'ARGUMENT_INVALID', 'The JWE must be a JSON object or its text, not an array.'],
  [
    'no ciphertext',
    { ...valid, ciphertext: undefined },
    'TOKEN_MALFORMED',
    'The JWE has no "ciphertext" member.',
  ],
  [
    'padded iv',
    { ...valid, iv: `${valid.iv}=` },
    'TOKEN_MALFORMED',
    'The JWE member "iv" must be a canonical unpadded base64url string.',
  ],
  [
    'recipients and header',
    { ...valid, recipients: [{}], header: {} },
    'TOKEN_MALFORMED',
    'The JWE has both "recipients" and a top-level "header" member.',
  ],
  [
    'empty recipients',
    { ...valid, encrypted_key: undefined, recipients: [] },
    'TOKEN_MALFORMED',
    'The JWE member "recipients" must be a non-empty array.',
  ],
  [
    'recipient not object',
    { ...valid, encrypted_key: undefined, recipients: ['x'] },
    'TOKEN_MALFORMED',
    'Each JWE recipient must be an object.',
  ],
  [
    'header string',
    { ...valid, header: 'x' },
    'TOKEN_MALFORMED',
    'The JWE member "header" must be an object.',
  ],
  [
    'name in two headers',
    { ...valid, unprotected: { alg: 'A128KW' } },
    'TOKEN_MALFORMED',
    'The header parameter "alg" appears in more than one part of the JWE header.',
  ],
  [
    'zip unprotected',
    { ...valid, unprotected: { zip: 'DEF' } },
    'TOKEN_MALFORMED',
    'The header parameter "zip" must be in the protected header.',
  ],
  [
    'crit unprotected',
    { ...valid, header: { crit: ['x'], x: 1 } },
    'TOKEN_MALFORMED',
    'The header parameter "crit" must be in the protected header.',
  ],
  [
    'duplicate member text',
    `{"iv":"${valid.iv}","iv":"${valid.iv}"}`,
    'TOKEN_MALFORMED',
    'The JWE has the member "iv" twice.',
  ],
  [
    'too long',
    { ...valid, header: { pad: 'x'.repeat(17_000) } },
    'INPUT_TOO_LARGE',
    'The JWE is longer than 16384 characters.',
  ],
  [
    'no protected header at all',
    { iv: valid.iv, ciphertext: valid.ciphertext, tag: valid.tag, header: { enc: 'A128GCM' } },
    'TOKEN_MALFORMED',
    'The JWE header has no "alg" parameter.',
  ],
  [
    'protected not base64url',
    { ...valid, protected: segment({ alg: 'A128KW' }) + '=' },
    'TOKEN_MALFORMED',
    'The JWE member "protected" must be a canonical unpadded base64url string.',
  ],
]

for (const [label, input, code, expected] of decryptRejections) {
  test(`decryptJson rejects ${label}`, async () => {
    await assert.rejects(
      decryptJson(input as object, alice),
      jotError(code as 'TOKEN_MALFORMED', expected),
    )
  })
}

test('decryptJson AAD change fails alike', async () => {
  const jwe = await encryptJson(message, alice, { enc: 'A128GCM', aad: 'v1' })
  await assert.rejects(
    decryptJson({ ...jwe, aad: Buffer.from('v2').toString('base64url') }, alice),
    jotError('DECRYPTION_FAILED', 'The JWE could not be decrypted.'),
  )
  await assert.rejects(
    decryptJson({ ...jwe, aad: undefined }, alice),
    jotError('DECRYPTION_FAILED', 'The JWE could not be decrypted.'),
  )
})

test('general JWE single key without kid', async () => {
  const alice = await generateKeyPair('RSA-OAEP-256', { kid: 'alice' })
  const bob = await generateKeyPair('ECDH-ES+A128KW', { kid: 'bob' })
  const bobWithoutKid = await importJwk(
    Object.fromEntries(
      Object.entries(await exportJwk(bob.privateKey)).filter(([name]) => name !== 'kid'),
    ),
  )
  const jwe = await encryptJson(
    new TextEncoder().encode('for both'),
    [{ key: alice.publicKey }, { key: bob.publicKey }],
    { enc: 'A256GCM' },
  )
  const result = await decryptJson(jwe, bobWithoutKid)
  assert.equal(new TextDecoder().decode(result.plaintext), 'for both')
  assert.equal(result.recipientIndex, 1)
})
