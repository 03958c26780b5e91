import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import {
  JWE_KEY_MANAGEMENT_ALGORITHMS,
  JWS_ALGORITHMS,
  importJwk,
  isJwsAlgorithm,
  localKeySet,
  signCompact,
  toPublicKey,
  verifyCompact,
} from '../../src/index.js'
import type { JotKey, JwsHeader } from '../../src/index.js'
import { base64urlBytes, memberName, pollutingJson, tokenLikeString } from './arbitraries.js'
import { SECRET, assertPrototypesIntact, runParameters, settle } from './helpers.js'

const fixtureJwks = JSON.parse(
  readFileSync(new URL('../fixtures/keys/expected-jwks.json', import.meta.url), 'utf8'),
) as Record<'rsa-2048' | 'ec-p256' | 'ed25519', Record<string, string>>

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi']
const publicPart = (jwk: Record<string, string>) =>
  Object.fromEntries(Object.entries(jwk).filter(([name]) => !PRIVATE_MEMBERS.includes(name)))

/** Valid JWKs to start from: private and public halves of the fixtures, and an HMAC secret. */
const validJwks: readonly Record<string, string>[] = [
  { ...fixtureJwks['rsa-2048'], alg: 'RS256' },
  { ...publicPart(fixtureJwks['rsa-2048']), alg: 'PS256' },
  { ...fixtureJwks['ec-p256'], alg: 'ES256' },
  { ...publicPart(fixtureJwks['ec-p256']), alg: 'ES256' },
  { ...fixtureJwks['ed25519'], alg: 'EdDSA' },
  { ...publicPart(fixtureJwks['ed25519']), alg: 'Ed25519' },
  { kty: 'oct', k: Buffer.from(SECRET).toString('base64url'), alg: 'HS256' },
]
const realMemberValues = validJwks.flatMap((jwk) => Object.values(jwk))

const KEY_OPERATIONS = ['sign', 'verify', 'encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'deriveKey']

// Lengths of EC coordinates, OKP keys, AES keys and HMAC secrets, and a 2048-bit modulus.
const materialLength = fc.constantFrom(0, 1, 16, 20, 24, 31, 32, 33, 48, 56, 57, 64, 66, 256)

const otherType = fc.constantFrom(null, true, 0, -1, 2 ** 53, 1.5, [], ['x'], {}, { a: 1 })

/** A value for a key material member: right-sized, non-canonical, real, foreign or mistyped. */
const materialValue: fc.Arbitrary<unknown> = fc.oneof(
  materialLength.chain((length) =>
    fc
      .uint8Array({ minLength: length, maxLength: length })
      .map((bytes) => Buffer.from(bytes).toString('base64url')),
  ),
  base64urlBytes(80),
  base64urlBytes(40).map((text) => `${text}=`),
  fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('base64')),
  fc.constantFrom(...realMemberValues),
  tokenLikeString(20),
  otherType,
)

const stringOrOther = (values: readonly string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...values) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 1, arbitrary: otherType },
  )

const algValue = stringOrOther([
  ...JWS_ALGORITHMS,
  ...JWE_KEY_MANAGEMENT_ALGORITHMS,
  'none',
  'RSA1_5',
  'HS1',
  '',
])

/** Every member a JWK may have, each with values of the right and of the wrong types. */
const jwkMember: fc.Arbitrary<readonly [string, unknown]> = fc.oneof(
  fc.tuple(fc.constant('kty'), stringOrOther(['RSA', 'EC', 'OKP', 'oct', 'rsa', 'ec', ''])),
  fc.tuple(
    fc.constant('crv'),
    stringOrOther([
      'P-256',
      'P-384',
      'P-521',
      'secp256k1',
      'Ed25519',
      'Ed448',
      'X25519',
      'X448',
      'P-192',
    ]),
  ),
  fc.tuple(fc.constant('alg'), algValue),
  fc.tuple(
    fc.constantFrom('x', 'y', 'd', 'n', 'e', 'p', 'q', 'dp', 'dq', 'qi', 'k'),
    materialValue,
  ),
  fc.tuple(fc.constant('use'), stringOrOther(['sig', 'enc', 'SIG'])),
  fc.tuple(
    fc.constant('key_ops'),
    fc.oneof(fc.array(fc.constantFrom(...KEY_OPERATIONS, 'fly'), { maxLength: 4 }), otherType),
  ),
  fc.tuple(fc.constant('kid'), fc.oneof(fc.string({ maxLength: 8 }), otherType)),
  fc.tuple(fc.constantFrom('x5t', 'x5t#S256'), materialValue),
  fc.tuple(fc.constant('x5c'), fc.oneof(fc.array(materialValue, { maxLength: 2 }), otherType)),
  fc.tuple(fc.constant('oth'), fc.oneof(fc.array(fc.object(), { maxLength: 2 }), otherType)),
  fc.tuple(fc.constant('ext'), fc.oneof(fc.boolean(), otherType)),
  fc.tuple(
    memberName,
    pollutingJson.map((json) => JSON.parse(json) as unknown),
  ),
)

/** Builds an object the way JSON.parse would, so a __proto__ member stays an own member. */
function jsonObject(members: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const text = `{${members.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`).join(',')}}`
  // A repeated name keeps its last value, as JSON.parse does, and jot receives only the object.
  return JSON.parse(text) as Record<string, unknown>
}

const randomJwk = fc.array(jwkMember, { maxLength: 10 }).map(jsonObject)

const importOptions = fc.oneof(
  fc.constant(undefined),
  fc.record({ alg: algValue }, { requiredKeys: [] }),
  fc.record(
    { alg: algValue, extractable: fc.oneof(fc.boolean(), otherType) },
    { requiredKeys: [] },
  ),
  fc.constantFrom({ expiresIn: 60 }, { alg: 'ES256', kid: 'k' }, null, 'ES256'),
)

function own(object: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(object, name) ? object[name] : undefined
}

/**
 * Checks a key importJwk accepted against the JWK it came from, and that a private or secret
 * key signs what its public half verifies.
 */
async function assertKeyMatchesJwk(
  key: JotKey,
  jwk: Record<string, unknown>,
  options: unknown,
): Promise<void> {
  const optionAlg =
    typeof options === 'object' && options !== null
      ? own(options as Record<string, unknown>, 'alg')
      : undefined
  assert.equal(key.alg, own(jwk, 'alg') ?? optionAlg)
  assert.equal(key.kty, own(jwk, 'kty'))
  assert.equal(key.kid, own(jwk, 'kid'))
  // Members that do not belong to the key type, such as crv on an RSA key, are ignored.
  const kty = own(jwk, 'kty')
  assert.equal(key.crv, kty === 'EC' || kty === 'OKP' ? own(jwk, 'crv') : undefined)
  const kind = kty === 'oct' ? 'secret' : own(jwk, 'd') === undefined ? 'public' : 'private'
  assert.equal(key.kind, kind)
  // The RSA relations between d, e, p, q, dp, dq and qi are checked on import; their own
  // cases are in test/keys/rsa-consistency.test.ts.
  if (key.kind === 'public' || !isJwsAlgorithm(key.alg) || key.use === 'enc') return
  if (key.keyOps !== undefined && !key.keyOps.includes('sign')) return
  const verificationKey = key.kind === 'secret' ? key : await toPublicKey(key)
  const token = await signCompact('property', key)
  const { payload } = await verifyCompact(token, verificationKey)
  assert.equal(new TextDecoder().decode(payload), 'property')
}

test('importJwk survives random JWKs', async () => {
  await fc.assert(
    fc.asyncProperty(randomJwk, importOptions, async (jwk, options) => {
      const before = JSON.stringify(jwk)
      const outcome = await settle(() => importJwk(jwk, options as never))
      if (outcome.ok) await assertKeyMatchesJwk(outcome.value, jwk, options)
      assert.equal(JSON.stringify(jwk), before, 'importJwk changed its input')
      assertPrototypesIntact()
    }),
    runParameters(2),
  )
})

type JwkEdit =
  | { readonly op: 'remove'; readonly at: number }
  | { readonly op: 'set'; readonly member: readonly [string, unknown] }
  | {
      readonly op: 'character'
      readonly at: number
      readonly offset: number
      readonly text: string
    }

const jwkEdit: fc.Arbitrary<JwkEdit> = fc.oneof(
  fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), member: jwkMember }),
  fc.record({
    op: fc.constant('character' as const),
    at: fc.nat(),
    offset: fc.nat(),
    text: tokenLikeString(2),
  }),
)

function applyJwkEdit(jwk: Record<string, unknown>, edit: JwkEdit): Record<string, unknown> {
  const members: (readonly [string, unknown])[] = Object.entries(jwk)
  const index = 'at' in edit ? edit.at % Math.max(1, members.length) : 0
  switch (edit.op) {
    case 'remove':
      members.splice(index, 1)
      break
    case 'set':
      members.push(edit.member)
      break
    case 'character': {
      const [name, value] = members[index] ?? ['', undefined]
      if (typeof value !== 'string') break
      const at = edit.offset % (value.length + 1)
      members[index] = [name, value.slice(0, at) + edit.text + value.slice(at + 1)]
      break
    }
  }
  return jsonObject(members)
}

test('importJwk survives edited valid JWKs', async () => {
  for (const jwk of validJwks) await assertKeyMatchesJwk(await importJwk(jwk), jwk, undefined)
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...validJwks),
      fc.array(jwkEdit, { minLength: 1, maxLength: 3 }),
      async (valid, edits) => {
        const jwk = edits.reduce<Record<string, unknown>>(applyJwkEdit, valid)
        const outcome = await settle(() => importJwk(jwk))
        if (outcome.ok) await assertKeyMatchesJwk(outcome.value, jwk, undefined)
        assertPrototypesIntact()
      },
    ),
    runParameters(1),
  )
})

const headerForLookup: fc.Arbitrary<JwsHeader> = fc.record(
  {
    alg: fc.constantFrom(...JWS_ALGORITHMS),
    kid: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('a', 'b')),
  },
  { requiredKeys: ['alg'] },
)

test('localKeySet survives random JWK Sets', async () => {
  const entry = fc.oneof(
    { weight: 3, arbitrary: randomJwk },
    { weight: 2, arbitrary: fc.constantFrom(...validJwks) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...validJwks), fc.array(jwkEdit, { maxLength: 2 }))
        .map(([jwk, edits]) =>
          edits.reduce<Record<string, unknown>>(applyJwkEdit, { ...jwk, kid: 'a' }),
        ),
    },
    { weight: 1, arbitrary: otherType },
  )
  const jwkSet = fc.oneof(
    { weight: 5, arbitrary: fc.array(entry, { maxLength: 6 }).map((keys) => ({ keys })) },
    { weight: 1, arbitrary: fc.oneof(otherType, fc.record({ keys: otherType })) },
  )
  const setOptions = fc.oneof(
    fc.constant(undefined),
    fc.record(
      {
        algorithms: fc.oneof(fc.subarray([...JWS_ALGORITHMS], { minLength: 1 }), otherType),
        maxKeyCandidates: fc.oneof(fc.integer({ min: 1, max: 4 }), otherType),
      },
      { requiredKeys: [] },
    ),
  )
  await fc.assert(
    fc.asyncProperty(jwkSet, setOptions, headerForLookup, async (set, options, header) => {
      const outcome = await settle(() => localKeySet(set as never, options as never))
      assertPrototypesIntact()
      if (!outcome.ok) {
        assert.ok(['JWKS_INVALID', 'OPTION_INVALID'].includes(outcome.error.code))
        return
      }
      const keySet = outcome.value
      const entries = (set as { keys: unknown[] }).keys
      const skipped = new Set(keySet.skipped.map((item) => item.index))
      assert.equal(skipped.size, keySet.skipped.length, 'an entry was skipped twice')
      for (const item of keySet.skipped) {
        assert.ok(item.index >= 0)
        assert.ok(item.index < entries.length)
        // A JWK that crashed importJwk is skipped with this generic message.
        assert.notEqual(item.message, 'The JWK could not be imported.')
      }
      assert.ok(keySet.keys.length >= entries.length - skipped.size)
      for (const key of keySet.keys) assert.equal(key.kind === 'private', false)

      const found = keySet(header)
      const limit = (options as { maxKeyCandidates?: number } | undefined)?.maxKeyCandidates ?? 3
      assert.ok(found.length <= limit)
      for (const key of found) {
        assert.equal(key.alg, header.alg)
        if (header.kid !== undefined) assert.equal(key.kid, header.kid)
        assert.notEqual(key.use, 'enc')
      }
    }),
    runParameters(1),
  )
})

test('localKeySet imports every valid JWK', async () => {
  const keySet = await localKeySet({ keys: validJwks as never })
  assert.deepEqual(keySet.skipped, [])
  assert.deepEqual(
    keySet.keys.map((key) => [key.alg, key.kind]),
    validJwks.map((jwk) => [jwk['alg'], jwk['kty'] === 'oct' ? 'secret' : 'public']),
  )
})
