import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  JWS_ALGORITHMS,
  createVerifier,
  decodeUnverified,
  decryptCompact,
  encryptCompact,
  signJwt,
  verifyCompact,
  verifyJwt,
} from '../../src/index.js'
import { rawHs256 } from '../fixtures/tokens.js'
import {
  base64urlBytes,
  firstDuplicateName,
  jsonDepth,
  jsonObjectTree,
  jsonTree,
  memberName,
  pollutingJson,
  renderJson,
  tokenLikeString,
  wrapJson,
} from './arbitraries.js'
import type { JsonTree } from './arbitraries.js'
import {
  NOW,
  SECRET,
  SIGNING_ALGORITHMS,
  assertInputNotShown,
  assertPrototypesIntact,
  assertRejected,
  base64url,
  propertyKeys,
  runParameters,
  settle,
} from './helpers.js'

const { signing, dir, aesKw } = await propertyKeys
const verificationKeys = SIGNING_ALGORITHMS.map((alg) => signing[alg].verificationKey)
const prepared = createVerifier(verificationKeys, { now: NOW })

const signedTokens = await Promise.all(
  SIGNING_ALGORITHMS.map((alg) =>
    signJwt({ sub: 'user-1', scope: 'orders:read' }, signing[alg].signingKey, {
      now: NOW,
      expiresInSec: 900,
      issuer: 'https://auth.example.com',
    }),
  ),
)
const encryptedTokens = [
  await encryptCompact('{"sub":"user-1"}', dir, { enc: 'A256GCM' }),
  await encryptCompact('{"sub":"user-1"}', aesKw, { enc: 'A128CBC-HS256' }),
]
const issuedTokens: ReadonlySet<string> = new Set([...signedTokens, ...encryptedTokens])
const issuedSegments = [...issuedTokens].flatMap((token) => token.split('.'))

/** Every function that reads a compact token, and whether it checks a signature or a tag. */
const targets: readonly {
  readonly name: string
  readonly checksIntegrity: boolean
  readonly run: (input: string) => unknown
}[] = [
  { name: 'decodeUnverified', checksIntegrity: false, run: (input) => decodeUnverified(input) },
  {
    name: 'verifyJwt with a key list',
    checksIntegrity: true,
    run: (input) => verifyJwt(input, verificationKeys, { now: NOW }),
  },
  {
    name: 'verifyJwt with one key',
    checksIntegrity: true,
    run: (input) => verifyJwt(input, signing.HS256.verificationKey, { now: NOW }),
  },
  {
    name: 'verifyJwt with an async resolver',
    checksIntegrity: true,
    run: (input) => verifyJwt(input, () => Promise.resolve(verificationKeys), { now: NOW }),
  },
  { name: 'createVerifier', checksIntegrity: true, run: (input) => prepared(input) },
  {
    name: 'verifyCompact',
    checksIntegrity: true,
    run: (input) => verifyCompact(input, verificationKeys),
  },
  { name: 'decryptCompact', checksIntegrity: true, run: (input) => decryptCompact(input, dir) },
  {
    name: 'decryptCompact with a key list',
    checksIntegrity: true,
    run: (input) => decryptCompact(input, [dir, aesKw]),
  },
]

/**
 * Feeds one input to every target: each returns a result or raises a JotError that does not
 * repeat the input, a target that checks integrity accepts only tokens jot issued, and no
 * prototype changes.
 */
async function checkEveryTarget(input: string): Promise<void> {
  for (const target of targets) {
    const outcome = await settle(() => target.run(input))
    assertInputNotShown(outcome, input)
    if (outcome.ok && target.checksIntegrity) {
      assert.ok(issuedTokens.has(input), `${target.name} accepted a token jot did not issue`)
    }
  }
  assertPrototypesIntact()
}

const algorithmValue = fc.oneof(
  fc.constantFrom(...JWS_ALGORITHMS, 'none', 'None', 'NONE', 'dir', 'A128KW', '', 'HS256 '),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(null, 256, true, ['HS256'], { alg: 'HS256' }),
)

/** A header as JSON text: `alg` (and maybe `enc`) first, then random members. */
const headerText = fc
  .record({
    alg: algorithmValue,
    enc: fc.option(fc.constantFrom('A256GCM', 'A128CBC-HS256', 'A1GCM', 7)),
    rest: jsonObjectTree(3),
  })
  .map(({ alg, enc, rest }) => {
    const lead = `"alg":${JSON.stringify(alg)}${enc === null ? '' : `,"enc":${JSON.stringify(enc)}`}`
    const body = renderJson(rest).slice(1)
    return body === '}' ? `{${lead}}` : `{${lead},${body}`
  })

const payloadText = fc.oneof(jsonTree(3).map(renderJson), pollutingJson)

const segment = fc.oneof(
  base64urlBytes(64),
  payloadText.map(base64url),
  tokenLikeString(24),
  fc.constantFrom('', ...issuedSegments),
)

test('compact readers survive arbitrary strings', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), tokenLikeString(400)),
      checkEveryTarget,
    ),
    runParameters(1),
  )
})

test('compact readers survive segment arrays', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(segment, { maxLength: 7 }).map((segments) => segments.join('.')),
      checkEveryTarget,
    ),
    runParameters(1),
  )
})

test('compact readers survive random JSON segments', async () => {
  const signature = fc.oneof(base64urlBytes(300), fc.constantFrom('', ...issuedSegments))
  const jws = fc
    .tuple(headerText, payloadText, signature)
    .map(([header, payload, sig]) => `${base64url(header)}.${base64url(payload)}.${sig}`)
  const jwe = fc
    .tuple(headerText, fc.array(base64urlBytes(40), { minLength: 4, maxLength: 4 }))
    .map(([header, rest]) => [base64url(header), ...rest].join('.'))
  await fc.assert(fc.asyncProperty(fc.oneof(jws, jwe), checkEveryTarget), runParameters(1))
})

type Mutation =
  | { readonly op: 'replace' | 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'segment'; readonly at: number; readonly text: string }
  | { readonly op: 'drop' | 'repeat'; readonly at: number }
  | { readonly op: 'swap'; readonly at: number; readonly other: number }
  | { readonly op: 'member'; readonly name: string; readonly value: string }

const position = fc.nat({ max: 1000 })
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constantFrom('replace' as const, 'insert' as const),
    at: position,
    text: tokenLikeString(3).filter((text) => text !== ''),
  }),
  fc.record({
    op: fc.constant('delete' as const),
    at: position,
    length: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({ op: fc.constant('segment' as const), at: position, text: segment }),
  fc.record({ op: fc.constantFrom('drop' as const, 'repeat' as const), at: position }),
  fc.record({ op: fc.constant('swap' as const), at: position, other: position }),
  fc.record({
    op: fc.constant('member' as const),
    name: memberName,
    value: fc.oneof(pollutingJson, jsonTree(2).map(renderJson)),
  }),
)

function applyMutation(token: string, change: Mutation): string {
  const segments = token.split('.')
  const index = 'at' in change ? change.at % segments.length : 0
  switch (change.op) {
    case 'replace': {
      const at = change.at % (token.length + 1)
      return token.slice(0, at) + change.text + token.slice(at + change.text.length)
    }
    case 'insert': {
      const at = change.at % (token.length + 1)
      return token.slice(0, at) + change.text + token.slice(at)
    }
    case 'delete': {
      const at = change.at % (token.length + 1)
      return token.slice(0, at) + token.slice(at + change.length)
    }
    case 'segment':
      segments[index] = change.text
      return segments.join('.')
    case 'drop':
      segments.splice(index, 1)
      return segments.join('.')
    case 'repeat':
      segments.splice(index, 0, segments[index] ?? '')
      return segments.join('.')
    case 'swap': {
      const other = change.other % segments.length
      const first = segments[index] ?? ''
      segments[index] = segments[other] ?? ''
      segments[other] = first
      return segments.join('.')
    }
    case 'member': {
      // Adds a member to the decoded header, then encodes it again: a well-formed header that
      // no longer matches its signature or tag.
      const header = Buffer.from(segments[0] ?? '', 'base64url').toString('utf8')
      if (!header.startsWith('{')) return token
      segments[0] = base64url(`{${JSON.stringify(change.name)}:${change.value},${header.slice(1)}`)
      return segments.join('.')
    }
  }
}

test('compact readers reject mutated tokens', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...issuedTokens),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      async (token, changes) => checkEveryTarget(changes.reduce(applyMutation, token)),
    ),
    runParameters(1),
  )
})

test('targets accept the tokens jot issued', async () => {
  const claims = {
    sub: 'user-1',
    scope: 'orders:read',
    iat: NOW,
    exp: NOW + 900,
    iss: 'https://auth.example.com',
  }
  for (const [index, token] of signedTokens.entries()) {
    const expected = { header: { alg: SIGNING_ALGORITHMS[index], typ: 'JWT' }, claims }
    assert.deepEqual(decodeUnverified(token), expected)
    assert.deepEqual(await verifyJwt(token, verificationKeys, { now: NOW }), expected)
    assert.deepEqual(prepared(token), expected)
    const { payload } = await verifyCompact(token, verificationKeys)
    assert.deepEqual(JSON.parse(new TextDecoder().decode(payload)), claims)
  }
  for (const token of encryptedTokens) {
    const { plaintext } = await decryptCompact(token, [dir, aesKw])
    assert.equal(new TextDecoder().decode(plaintext), '{"sub":"user-1"}')
  }
})

// Facts the reference model needs: the rules of RFC 8259 JSON as JSON.parse applies them, plus
// jot's documented limits (32 levels, 16384 characters) and its rejection of duplicate names.
function expectedPayload(
  tree: JsonTree,
  token: string,
): { readonly code: string; readonly message: string } | { readonly claims: unknown } {
  if (token.length > 16_384) {
    return { code: 'INPUT_TOO_LARGE', message: 'The token is longer than 16384 characters.' }
  }
  if (tree.kind !== 'object') {
    return { code: 'TOKEN_MALFORMED', message: 'The payload must be a JSON object.' }
  }
  if (jsonDepth(tree) > 32) {
    return { code: 'INPUT_TOO_LARGE', message: 'The payload nests deeper than 32 levels.' }
  }
  const duplicate = firstDuplicateName(tree)
  if (duplicate !== undefined) {
    return {
      code: 'TOKEN_MALFORMED',
      message: `The payload has the member "${duplicate.slice(0, 40)}" twice.`,
    }
  }
  return { claims: JSON.parse(renderJson(tree)) as unknown }
}

const CLAIM_CODES = ['CLAIM_INVALID', 'TOKEN_EXPIRED', 'TOKEN_NOT_YET_VALID', 'TOKEN_TOO_OLD']

test('payload parsing matches the JSON model', async () => {
  // 20 to 45 extra levels put the nesting on both sides of the 32-level limit.
  const levels = fc.array(fc.constantFrom('array', 'a', '__proto__'), {
    minLength: 20,
    maxLength: 45,
    size: 'max',
  })
  const payload = fc.oneof(
    { weight: 3, arbitrary: jsonObjectTree(4) },
    { weight: 1, arbitrary: jsonTree(4) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(jsonObjectTree(2), levels)
        .map(([tree, path]) => wrapJson(tree, ['outer', ...path])),
    },
  )
  await fc.assert(
    fc.asyncProperty(payload, async (tree) => {
      const text = renderJson(tree)
      const token = rawHs256('{"alg":"HS256"}', text, SECRET)
      const expected = expectedPayload(tree, token)

      const decoded = await settle(() => decodeUnverified(token))
      const verified = await settle(() =>
        verifyJwt(token, signing.HS256.verificationKey, { now: NOW }),
      )
      if ('code' in expected) {
        assertRejected(decoded, expected.code, expected.message)
        assertRejected(verified, expected.code, expected.message)
      } else {
        assert.deepEqual(decoded, {
          ok: true,
          value: { header: { alg: 'HS256' }, claims: expected.claims },
        })
        // Random claims may fail the claim checks, which run after parsing; nothing else may fail.
        if (verified.ok) assert.deepEqual(verified.value.claims, expected.claims)
        else assert.ok(CLAIM_CODES.includes(verified.error.code), verified.error.message)
      }
      assertPrototypesIntact()
    }),
    runParameters(2),
  )
})
