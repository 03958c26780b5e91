import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  createVerifier,
  decodeUnverified,
  decryptCompact,
  decryptJson,
  encryptCompact,
  encryptJson,
  importSecret,
  signJson,
  signJwt,
  verifyCompact,
  verifyJson,
  verifyJwt,
} from '../../src/index.js'
import { rawHs256 } from '../fixtures/tokens.js'
import { rawSignature } from '../jws/helpers.js'
import { wrapJson, renderJson, tokenLikeString } from './arbitraries.js'
import type { JsonTree } from './arbitraries.js'
import {
  NOW,
  SECRET,
  assertPrototypesIntact,
  assertRejected,
  base64url,
  propertyKeys,
  runParameters,
  settle,
} from './helpers.js'
import type { Outcome } from './helpers.js'

const { signing, dir, aesKw, pbes2 } = await propertyKeys
const hmacKey = signing.HS256.verificationKey
const DEFAULT_LIMIT = 16_384

/** How a reader reports input over its length limit. */
interface LengthTarget {
  readonly name: string
  readonly message: (limit: number) => string
  readonly run: (input: string, limit: number | undefined) => unknown
}

const compactJws = (limit: number) => `The token is longer than ${limit} characters.`
const jwe = (limit: number) => `The JWE is longer than ${limit} characters.`
const lengthOption = (limit: number | undefined) =>
  limit === undefined ? {} : { maxTokenLength: limit }

const lengthTargets: readonly LengthTarget[] = [
  {
    name: 'decodeUnverified',
    message: compactJws,
    run: (input, limit) => decodeUnverified(input, lengthOption(limit)),
  },
  {
    name: 'verifyJwt',
    message: compactJws,
    run: (input, limit) => verifyJwt(input, hmacKey, { now: NOW, ...lengthOption(limit) }),
  },
  {
    name: 'createVerifier',
    message: compactJws,
    run: (input, limit) => createVerifier(hmacKey, { now: NOW, ...lengthOption(limit) })(input),
  },
  {
    name: 'verifyCompact',
    message: compactJws,
    run: (input, limit) => verifyCompact(input, hmacKey, lengthOption(limit)),
  },
  {
    name: 'verifyJson',
    message: (limit) => `The JWS is longer than ${limit} characters of JSON.`,
    run: (input, limit) => verifyJson(input, hmacKey, lengthOption(limit)),
  },
  {
    name: 'decryptCompact',
    message: jwe,
    run: (input, limit) => decryptCompact(input, dir, lengthOption(limit)),
  },
  {
    name: 'decryptJson',
    message: jwe,
    run: (input, limit) => decryptJson(input, dir, lengthOption(limit)),
  },
]

test('over-long input is INPUT_TOO_LARGE', async () => {
  const limit = fc.option(fc.integer({ min: 1, max: 20_000 }), { freq: 4 })
  await fc.assert(
    fc.asyncProperty(
      limit,
      tokenLikeString(40).filter((text) => text !== ''),
      fc.integer({ min: 1, max: 300 }),
      async (chosen, pattern, excess) => {
        const effective = chosen ?? DEFAULT_LIMIT
        const input = pattern.repeat(Math.ceil((effective + excess) / pattern.length))
        for (const target of lengthTargets) {
          const outcome = await settle(() => target.run(input, chosen ?? undefined))
          assertRejected(outcome, 'INPUT_TOO_LARGE', target.message(effective))
        }
      },
    ),
    runParameters(0.5),
  )
})

test('invalid maxTokenLength is OPTION_INVALID', async () => {
  // NOTE: decodeUnverified is left out: it does not check its options, so NaN or null turns
  // the length limit off and unknown option names pass silently.
  const checked = lengthTargets.filter((target) => target.name !== 'decodeUnverified')
  const invalid = fc.constantFrom<unknown>(0, -1, 1.5, Number.NaN, Infinity, '100', null, 2 ** 53)
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...checked), invalid, async (target, limit) => {
      const outcome = await settle(() => target.run('a.b.c', limit as number))
      assertRejected(
        outcome,
        'OPTION_INVALID',
        'The "maxTokenLength" option must be a positive whole number.',
      )
    }),
    runParameters(0.3),
  )
})

const issuedJwt = await signJwt({ sub: 'user-1' }, signing.HS256.signingKey, { now: NOW })
const issuedJwe = await encryptCompact('{"sub":"user-1"}', dir, { enc: 'A256GCM' })
const issuedJws = JSON.stringify(
  await signJson('order 1234', [{ key: signing.HS256.signingKey }], { serialization: 'flattened' }),
)
const issuedJsonJwe = JSON.stringify(
  await encryptJson('{"sub":"user-1"}', dir, { enc: 'A256GCM', serialization: 'flattened' }),
)

test('limit admits input of exactly its length', async () => {
  const issued: readonly (readonly [string, string])[] = [
    ['decodeUnverified', issuedJwt],
    ['verifyJwt', issuedJwt],
    ['createVerifier', issuedJwt],
    ['verifyCompact', issuedJwt],
    ['verifyJson', issuedJws],
    ['decryptCompact', issuedJwe],
    ['decryptJson', issuedJsonJwe],
  ]
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...issued),
      fc.integer({ min: -40, max: 40 }),
      async ([name, input], delta) => {
        const target = lengthTargets.find((item) => item.name === name)
        assert.ok(target !== undefined)
        const limit = Math.max(1, input.length + delta)
        const outcome = await settle(() => target.run(input, limit))
        if (limit >= input.length)
          assert.equal(outcome.ok, true, `${name} rejected a token within the limit`)
        else assertRejected(outcome, 'INPUT_TOO_LARGE', target.message(limit))
      },
    ),
    runParameters(1),
  )
})

test('JSON object input counts as serialized', async () => {
  const jws = JSON.parse(issuedJws) as object
  const jweObject = JSON.parse(issuedJsonJwe) as object
  await fc.assert(
    fc.asyncProperty(fc.boolean(), fc.integer({ min: -40, max: 40 }), async (signed, delta) => {
      const input = signed ? jws : jweObject
      const length = JSON.stringify(input).length
      const limit = length + delta
      const outcome: Outcome<unknown> = signed
        ? await settle(() => verifyJson(input, hmacKey, { maxTokenLength: limit }))
        : await settle(() => decryptJson(input as never, dir, { maxTokenLength: limit }))
      const message = signed ? `The JWS is longer than ${limit} characters of JSON.` : jwe(limit)
      if (limit >= length) assert.equal(outcome.ok, true)
      else assertRejected(outcome, 'INPUT_TOO_LARGE', message)
    }),
    runParameters(0.5),
  )
})

/** Nesting levels, outermost first: 'array' for `[...]`, a member name for `{"name":...}`. */
const nesting = fc.array(fc.constantFrom('array', 'x', '__proto__'), { maxLength: 60, size: 'max' })
const leaf: JsonTree = { kind: 'scalar', text: '1' }

/** Where nested JSON goes, and how deep the reader's document is at that spot. */
interface DepthCase {
  readonly name: string
  /** The document the depth message names, and the levels above the nested value. */
  readonly document: string
  readonly above: number
  readonly run: (nested: string) => Promise<Outcome<unknown>>
}

const jweSegments = issuedJwe.split('.')
const depthCases: readonly DepthCase[] = [
  {
    name: 'JWT payload',
    document: 'payload',
    above: 1,
    run: (nested) =>
      settle(() =>
        verifyJwt(rawHs256('{"alg":"HS256"}', `{"data":${nested}}`, SECRET), hmacKey, { now: NOW }),
      ),
  },
  {
    name: 'decoded JWT payload',
    document: 'payload',
    above: 1,
    run: (nested) =>
      settle(() =>
        decodeUnverified(`${base64url('{"alg":"HS256"}')}.${base64url(`{"data":${nested}}`)}.c2ln`),
      ),
  },
  {
    name: 'JWS header',
    document: 'header',
    above: 1,
    run: (nested) =>
      settle(() =>
        verifyJwt(rawHs256(`{"alg":"HS256","data":${nested}}`, '{}', SECRET), hmacKey, {
          now: NOW,
        }),
      ),
  },
  {
    name: 'JWS JSON unprotected header',
    document: 'JWS',
    above: 2,
    run: (nested) => {
      const { signature, protected: header } = rawSignature({
        protectedHeader: { alg: 'HS256' },
        payload: 'e30',
      })
      const text = `{"payload":"e30","protected":"${header ?? ''}","header":{"data":${nested}},"signature":"${signature}"}`
      return settle(() => verifyJson(text, hmacKey))
    },
  },
  {
    name: 'JWE protected header',
    document: 'protected header',
    above: 1,
    run: (nested) => {
      // A header the tag does not cover: at most 32 levels it fails to decrypt instead.
      const header = base64url(`{"alg":"dir","enc":"A256GCM","data":${nested}}`)
      return settle(() => decryptCompact([header, ...jweSegments.slice(1)].join('.'), dir))
    },
  },
  {
    name: 'JWE JSON shared header',
    document: 'JWE',
    above: 2,
    run: (nested) => {
      const text = `{"unprotected":{"data":${nested}},${issuedJsonJwe.slice(1)}`
      return settle(() => decryptJson(text, dir))
    },
  },
]

test('JSON deeper than 32 levels is INPUT_TOO_LARGE', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...depthCases), nesting, async (item, levels) => {
      const nested = renderJson(wrapJson(leaf, levels))
      const depth = item.above + levels.length
      const outcome = await item.run(nested)
      if (depth > 32) {
        assertRejected(
          outcome,
          'INPUT_TOO_LARGE',
          `The ${item.document} nests deeper than 32 levels.`,
        )
      } else if (item.name === 'JWE protected header') {
        assertRejected(outcome, 'DECRYPTION_FAILED', 'The JWE could not be decrypted.')
      } else {
        assert.equal(outcome.ok, true, `${item.name} rejected ${depth} levels`)
      }
      assertPrototypesIntact()
    }),
    runParameters(1),
  )
})

test('signature count over maxSignatures is INPUT_TOO_LARGE', async () => {
  const entry = rawSignature({ protectedHeader: { alg: 'HS256' }, payload: 'e30' })
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 12 }),
      fc.option(fc.integer({ min: 1, max: 10 }), { freq: 3 }),
      async (count, limit) => {
        const jws = { payload: 'e30', signatures: Array.from({ length: count }, () => entry) }
        const effective = limit ?? 8
        const options = limit === null ? {} : { maxSignatures: limit }
        const outcome = await settle(() => verifyJson(jws, hmacKey, options))
        if (count <= effective) assert.equal(outcome.ok, true)
        else {
          assertRejected(
            outcome,
            'INPUT_TOO_LARGE',
            `The JWS has ${count} signatures, more than the limit of ${effective}.`,
          )
        }
      },
    ),
    runParameters(0.5),
  )
})

// Keys that differ only in their secret, so a token without kid matches every one of them.
const hmacSecret = (index: number) =>
  Uint8Array.from({ length: 32 }, (_, i) => (i + 1) * (index + 2))
const hmacKeys = await Promise.all(
  Array.from({ length: 6 }, (_, index) => importSecret(hmacSecret(index), { alg: 'HS256' })),
)
const wrapKeys = await Promise.all(
  Array.from({ length: 5 }, (_, index) =>
    importSecret(new Uint8Array(16).fill(index + 20), { alg: 'A128KW' }),
  ),
)
const wrappedJwe = await encryptCompact('x', aesKw, { enc: 'A128GCM' })

// A token without kid that no candidate verifies names how many keys were tried, if several.
function untriedMessage(tried: number): string {
  if (tried === 1) return 'The signature is invalid.'
  return `The signature is invalid with each of the ${String(tried)} HS256 keys tried. The token has no "kid", so at most maxKeyCandidates keys are tried, a limit of both the key set and the verifier; give tokens a "kid", or raise both limits.`
}

test('keys past maxKeyCandidates are not tried', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 5 }),
      fc.integer({ min: 1, max: 6 }),
      async (position, limit) => {
        // The right key comes after `position` wrong ones that fit the token just as well.
        const signedWith = hmacKeys[position]
        assert.ok(signedWith !== undefined)
        const keyList = [
          ...hmacKeys.filter((item) => item !== signedWith).slice(0, position),
          signedWith,
        ]
        const token = rawHs256('{"alg":"HS256"}', '{}', hmacSecret(position))
        const verified = await settle(() =>
          verifyJwt(token, keyList, { now: NOW, maxKeyCandidates: limit }),
        )
        if (position < limit) assert.equal(verified.ok, true)
        else assertRejected(verified, 'SIGNATURE_INVALID', untriedMessage(limit))

        const wrapList = [...wrapKeys.slice(0, position), aesKw]
        const decrypted = await settle(() =>
          decryptCompact(wrappedJwe, wrapList, { maxKeyCandidates: limit }),
        )
        if (position < limit) assert.equal(decrypted.ok, true)
        else assertRejected(decrypted, 'DECRYPTION_FAILED', 'The JWE could not be decrypted.')
      },
    ),
    runParameters(0.5),
  )
})

test('p2c over maxPbes2Count is INPUT_TOO_LARGE', async () => {
  const tail = wrappedJwe.split('.').slice(1).join('.')
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 3001, max: Number.MAX_SAFE_INTEGER }),
      ),
      fc.option(fc.integer({ min: 1, max: 3000 }), { freq: 4 }),
      async (count, limit) => {
        const header = base64url(
          `{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"AAAAAAAAAAAAAAAAAAAAAA","p2c":${count}}`,
        )
        const options = limit === null ? {} : { maxPbes2Count: limit }
        const effective = limit ?? 1_000_000
        // Counts within the limit cost PBKDF2 work, so only small ones are tried.
        if (count <= effective && count > 3000) return
        const outcome = await settle(() => decryptCompact(`${header}.${tail}`, pbes2, options))
        if (count > effective) {
          assertRejected(
            outcome,
            'INPUT_TOO_LARGE',
            `The PBES2 iteration count p2c ${count} exceeds the maximum of ${effective}; raise maxPbes2Count to accept it.`,
          )
        } else {
          assertRejected(outcome, 'DECRYPTION_FAILED', 'The JWE could not be decrypted.')
        }
      },
    ),
    runParameters(0.5),
  )
})

test('inflated content over maxDecompressedBytes is INPUT_TOO_LARGE', async () => {
  const plaintext = fc.oneof(
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 8000 }))
      .map(([unit, size]) => unit.repeat(size).slice(0, size)),
    fc.uint8Array({ maxLength: 4000 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  )
  await fc.assert(
    fc.asyncProperty(plaintext, fc.integer({ min: 1, max: 9000 }), async (text, limit) => {
      const bytes = new TextEncoder().encode(text)
      const token = await encryptCompact(bytes, dir, { enc: 'A256GCM', zip: 'DEF' })
      const outcome = await settle(() =>
        decryptCompact(token, dir, { maxDecompressedBytes: limit }),
      )
      if (bytes.length > limit) {
        assertRejected(
          outcome,
          'INPUT_TOO_LARGE',
          `The decompressed content is larger than ${limit} bytes; raise maxDecompressedBytes to accept it.`,
        )
      } else {
        // Copied into a plain Uint8Array: decryption returns a Node.js Buffer.
        assert.deepEqual(outcome.ok && Uint8Array.from(outcome.value.plaintext), bytes)
      }
    }),
    runParameters(0.5),
  )
})
