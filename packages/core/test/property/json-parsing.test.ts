import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { decryptJson, encryptJson, importSecret, signJson, verifyJson } from '../../src/index.js'
import type { DecryptJsonResult, VerifyJsonResult } from '../../src/index.js'
import {
  base64urlBytes,
  jsonTree,
  memberName,
  pollutingJson,
  renderJson,
  tokenLikeString,
} from './arbitraries.js'
import {
  SIGNING_ALGORITHMS,
  assertInputNotShown,
  assertPrototypesIntact,
  propertyKeys,
  runParameters,
  settle,
} from './helpers.js'
import type { Outcome } from './helpers.js'

const { signing, dir, aesKw } = await propertyKeys
const secondAesKw = await importSecret(new Uint8Array(16).fill(3), { alg: 'A128KW', kid: 'second' })
const verificationKeys = SIGNING_ALGORITHMS.map((alg) => signing[alg].verificationKey)
const decryptionKeys = [aesKw, secondAesKw, dir]

const PAYLOAD = 'order 1234 shipped'
const PLAINTEXT = '{"sub":"user-1"}'
const AAD = 'order-1234'

const issuedJws: readonly object[] = [
  await signJson(PAYLOAD, [
    { key: signing.HS256.signingKey },
    { key: signing.ES256.signingKey, unprotectedHeader: { kid: 'es' } },
  ]),
  await signJson(PAYLOAD, [{ key: signing.RS256.signingKey }], { serialization: 'flattened' }),
  await signJson(PAYLOAD, [{ key: signing.EdDSA.signingKey }], { b64: false }),
]
const issuedJwe: readonly object[] = [
  await encryptJson(PLAINTEXT, [{ key: aesKw }, { key: secondAesKw, header: { kid: 'second' } }], {
    enc: 'A128CBC-HS256',
    unprotectedHeader: { cty: 'json' },
    aad: AAD,
  }),
  await encryptJson(PLAINTEXT, dir, { enc: 'A256GCM', serialization: 'flattened', aad: AAD }),
]
const issuedProtected = issuedJws.flatMap(protectedHeadersOf)

function protectedHeadersOf(jws: object): unknown[] {
  const entries = 'signatures' in jws ? (jws.signatures as object[]) : [jws]
  return entries.map((entry) =>
    'protected' in entry
      ? (JSON.parse(Buffer.from(String(entry.protected), 'base64url').toString('utf8')) as unknown)
      : undefined,
  )
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

/**
 * Asserts that an accepted JWS or JWE carries what its signer or sender protected: the payload
 * and a protected header they wrote, or the plaintext and the aad.
 */
function assertIssuedContent(name: string, outcome: Outcome<unknown>): void {
  if (!outcome.ok) return
  if (name === 'verifyJson') {
    const result = outcome.value as VerifyJsonResult
    assert.equal(text(result.payload), PAYLOAD)
    assert.ok(
      issuedProtected.some((header) => isDeepStrictEqual(result.protectedHeader, header)),
      'verifyJson accepted a protected header no signer wrote',
    )
    return
  }
  const result = outcome.value as DecryptJsonResult
  assert.equal(text(result.plaintext), PLAINTEXT)
  assert.equal(text(result.additionalAuthenticatedData ?? new Uint8Array()), AAD)
}

/** Every function that reads a JSON serialization; each takes JSON text or an object. */
const targets: Readonly<Record<string, (input: unknown) => unknown>> = {
  verifyJson: (input) => verifyJson(input as string, verificationKeys),
  decryptJson: (input) => decryptJson(input as string, decryptionKeys),
}

async function checkEveryTarget(input: unknown): Promise<void> {
  for (const [name, read] of Object.entries(targets)) {
    const outcome = await settle(() => read(input))
    if (typeof input === 'string') assertInputNotShown(outcome, input)
    assertIssuedContent(name, outcome)
  }
  assertPrototypesIntact()
}

test('JSON readers survive arbitrary text', async () => {
  const input = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    jsonTree(4).map(renderJson),
    pollutingJson,
  )
  await fc.assert(fc.asyncProperty(input, checkEveryTarget), runParameters(1))
})

test('JSON readers survive arbitrary values', async () => {
  const input = fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withNullPrototype: true,
    withSet: true,
    withSparseArray: true,
    withTypedArray: true,
  })
  await fc.assert(fc.asyncProperty(input, checkEveryTarget), runParameters(1))
})

// A toJSON method decides what JSON.stringify writes, so an object can stand for any text.
test('JSON readers survive toJSON methods', async () => {
  const returned = fc.oneof(fc.anything({ maxDepth: 2, withBigInt: true }), fc.constant(undefined))
  await fc.assert(
    fc.asyncProperty(returned, fc.boolean(), async (value, throws) => {
      const input = {
        toJSON(): unknown {
          if (throws) throw new Error('toJSON failed')
          return value
        },
      }
      const outcome = await settle(() => verifyJson(input, verificationKeys))
      assert.equal(outcome.ok, false)
      assert.equal((await settle(() => decryptJson(input, decryptionKeys))).ok, false)
      assertPrototypesIntact()
    }),
    runParameters(0.5),
  )
})

/** A JWS-shaped or JWE-shaped object whose members hold random values of random types. */
const jsonMemberValue = fc.oneof(
  base64urlBytes(48),
  tokenLikeString(16),
  jsonTree(2).map((tree) => JSON.parse(renderJson(tree)) as unknown),
  pollutingJson.map((json) => JSON.parse(json) as unknown),
)

function shapedObject(names: readonly string[]): fc.Arbitrary<string> {
  const member = fc.tuple(fc.oneof(fc.constantFrom(...names), memberName), jsonMemberValue)
  return fc
    .array(member, { maxLength: 8 })
    .map(
      (members) =>
        `{${members.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value) ?? 'null'}`).join(',')}}`,
    )
}

const JWS_MEMBERS = ['payload', 'protected', 'header', 'signature', 'signatures']
const JWE_MEMBERS = [
  'protected',
  'unprotected',
  'header',
  'recipients',
  'encrypted_key',
  'iv',
  'ciphertext',
  'tag',
  'aad',
]

test('JSON readers survive JOSE-shaped objects', async () => {
  const signatureEntry = shapedObject(['protected', 'header', 'signature'])
  const recipientEntry = shapedObject(['header', 'encrypted_key'])
  const shaped = fc.oneof(
    shapedObject(JWS_MEMBERS),
    shapedObject(JWE_MEMBERS),
    fc
      .tuple(shapedObject(['payload']), fc.array(signatureEntry, { maxLength: 10 }))
      .map(([rest, entries]) => `{"signatures":[${entries.join(',')}],${rest.slice(1)}`),
    fc
      .tuple(shapedObject(JWE_MEMBERS), fc.array(recipientEntry, { maxLength: 5 }))
      .map(([rest, entries]) => `{"recipients":[${entries.join(',')}],${rest.slice(1)}`),
  )
  await fc.assert(
    fc.asyncProperty(shaped, async (json) => {
      // Text as sent, and the object JSON.parse makes of it, with any __proto__ member its own.
      await checkEveryTarget(json)
      let parsed: unknown
      try {
        parsed = JSON.parse(json)
      } catch {
        return
      }
      await checkEveryTarget(parsed)
    }),
    runParameters(1),
  )
})

type JsonPath = readonly (string | number)[]

/** Lists the path of every member and array item in a JSON value. */
function pathsOf(value: unknown, prefix: JsonPath = []): JsonPath[] {
  if (typeof value !== 'object' || value === null) return []
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value)
  return entries.flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])])
}

type JsonEdit =
  | { readonly op: 'remove'; readonly at: number }
  | { readonly op: 'set'; readonly at: number; readonly value: unknown }
  | {
      readonly op: 'character'
      readonly at: number
      readonly offset: number
      readonly text: string
    }
  | { readonly op: 'add'; readonly at: number; readonly name: string; readonly value: unknown }

const jsonEdit: fc.Arbitrary<JsonEdit> = fc.oneof(
  fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: jsonMemberValue }),
  fc.record({
    op: fc.constant('character' as const),
    at: fc.nat(),
    offset: fc.nat(),
    text: tokenLikeString(2),
  }),
  fc.record({
    op: fc.constant('add' as const),
    at: fc.nat(),
    name: memberName,
    value: jsonMemberValue,
  }),
)

/** Applies one edit to a copy of a JSON value, at a path chosen by `at`. */
function applyEdit(root: unknown, edit: JsonEdit): unknown {
  const copy = JSON.parse(JSON.stringify(root)) as unknown
  const paths = pathsOf(copy)
  const path = paths[edit.at % paths.length] ?? []
  let parent = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  const key = path[path.length - 1] ?? ''
  switch (edit.op) {
    case 'remove':
      if (Array.isArray(parent)) parent.splice(Number(key), 1)
      else Reflect.deleteProperty(parent, key)
      break
    case 'set':
      define(parent, key, edit.value)
      break
    case 'character': {
      const current = parent[key]
      if (typeof current !== 'string') break
      const at = edit.offset % (current.length + 1)
      define(parent, key, current.slice(0, at) + edit.text + current.slice(at + 1))
      break
    }
    case 'add': {
      const target = parent[key]
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
        define(target as Record<string, unknown>, edit.name, edit.value)
      }
      break
    }
  }
  return copy
}

// defineProperty keeps a member named __proto__ an own property, as JSON.parse would make it.
function define(target: Record<string | number, unknown>, key: string | number, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

test('JSON readers keep protected content', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...issuedJws, ...issuedJwe),
      fc.array(jsonEdit, { minLength: 1, maxLength: 3 }),
      async (issued, edits) => {
        const edited = edits.reduce(applyEdit, issued)
        await checkEveryTarget(edited)
        await checkEveryTarget(JSON.stringify(edited))
      },
    ),
    runParameters(1),
  )
})

test('JSON readers accept what jot issued', async () => {
  for (const jws of issuedJws) {
    const outcome = await settle(() => verifyJson(jws, verificationKeys))
    assert.equal(outcome.ok && text(outcome.value.payload), PAYLOAD)
  }
  for (const jwe of issuedJwe) {
    const outcome = await settle(() => decryptJson(JSON.stringify(jwe), decryptionKeys))
    assert.equal(outcome.ok && text(outcome.value.plaintext), PLAINTEXT)
  }
})
