import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  createVerifier,
  decryptCompact,
  encryptCompact,
  signJwt,
  verifyCompact,
  verifyJwt,
} from '../../src/index.js'
import type { JotErrorCode, JotKey } from '../../src/index.js'
import { BASE64URL_ALPHABET, FOREIGN_CHARACTERS } from './arbitraries.js'
import {
  FUZZING,
  NOW,
  SIGNING_ALGORITHMS,
  assertPrototypesIntact,
  propertyKeys,
  settle,
} from './helpers.js'

const { signing, dir, aesKw } = await propertyKeys

// Exhaustive over positions. A normal run tries every character at the last position of each
// segment, whose spare low bits lenient decoders ignore, and elsewhere two single-bit flips of
// the character's base64url value and one foreign character. A fuzz run tries every character
// everywhere.
const EVERY_CHARACTER = BASE64URL_ALPHABET + FOREIGN_CHARACTERS

function replacementsAt(token: string, index: number): string {
  const next = token.charAt(index + 1)
  if (FUZZING || next === '.' || next === '') return EVERY_CHARACTER
  const value = BASE64URL_ALPHABET.indexOf(token.charAt(index))
  const foreign = FOREIGN_CHARACTERS.charAt(index % FOREIGN_CHARACTERS.length)
  if (value === -1) return BASE64URL_ALPHABET.charAt(index % 64) + foreign
  const flip = (bit: number) => BASE64URL_ALPHABET.charAt(value ^ (1 << (bit % 6)))
  return flip(index) + flip(index + 3) + foreign
}

/**
 * Lists tokens that differ from `token` by one replaced, inserted or deleted character, at
 * every position, with the characters replacementsAt picks there.
 */
function singleChanges(token: string): ReadonlySet<string> {
  const changed = new Set<string>()
  for (let index = 0; index <= token.length; index++) {
    const head = token.slice(0, index)
    for (const character of replacementsAt(token, index)) {
      if (index < token.length) changed.add(head + character + token.slice(index + 1))
      if (FUZZING || character === replacementsAt(token, index).charAt(0)) {
        changed.add(head + character + token.slice(index))
      }
    }
    if (index < token.length) changed.add(head + token.slice(index + 1))
  }
  changed.delete(token)
  return changed
}

const SIGNATURE_REJECTIONS: readonly JotErrorCode[] = [
  'TOKEN_MALFORMED',
  'SIGNATURE_INVALID',
  'ALG_UNSUPPORTED',
  'ALG_NOT_ALLOWED',
  'CRIT_UNSUPPORTED',
]

/**
 * Runs every changed token through each verifier and counts the error codes. Any acceptance,
 * any exception other than a JotError, and any unexpected code fails the test.
 */
async function assertEveryChangeRejected(
  token: string,
  verifiers: Readonly<Record<string, (input: string) => unknown>>,
  allowed: readonly JotErrorCode[],
): Promise<ReadonlyMap<string, number>> {
  const codes = new Map<string, number>()
  for (const changed of singleChanges(token)) {
    for (const [name, verify] of Object.entries(verifiers)) {
      const outcome = await settle(() => verify(changed))
      assert.equal(outcome.ok, false, `${name} accepted a changed token: ${changed}`)
      if (outcome.ok) continue
      assert.ok(allowed.includes(outcome.error.code), `${name}: ${outcome.error.code}`)
      codes.set(outcome.error.code, (codes.get(outcome.error.code) ?? 0) + 1)
    }
  }
  assertPrototypesIntact()
  return codes
}

for (const alg of SIGNING_ALGORITHMS) {
  test(`${alg} token rejects every one-character change`, async () => {
    const { signingKey, verificationKey } = signing[alg]
    const token = await signJwt({ sub: 'user-1', scope: 'orders:read' }, signingKey, {
      now: NOW,
      expiresInSec: 900,
    })
    const keyList = SIGNING_ALGORITHMS.map((name) => signing[name].verificationKey)
    const verifiers: Record<string, (input: string) => unknown> = {
      verifyJwt: (input: string) => verifyJwt(input, verificationKey, { now: NOW }),
      createVerifier: createVerifier(keyList, { now: NOW }),
      verifyCompact: (input: string) => verifyCompact(input, verificationKey),
    }
    for (const verify of Object.values(verifiers))
      assert.equal((await settle(() => verify(token))).ok, true)

    const codes = await assertEveryChangeRejected(token, verifiers, [
      ...SIGNATURE_REJECTIONS,
      'NO_MATCHING_KEY',
    ])
    // Most changes reach the signature check; if none did, the test would prove little.
    assert.ok((codes.get('SIGNATURE_INVALID') ?? 0) > token.length)
  })
}

const encryptions: readonly {
  readonly name: string
  readonly key: JotKey
  readonly enc: 'A256GCM' | 'A128CBC-HS256'
}[] = [
  { name: 'dir A256GCM', key: dir, enc: 'A256GCM' },
  { name: 'A128KW A128CBC-HS256', key: aesKw, enc: 'A128CBC-HS256' },
]

for (const { name, key, enc } of encryptions) {
  test(`${name} JWE rejects every one-character change`, async () => {
    const token = await encryptCompact('{"sub":"user-1"}', key, { enc })
    const decrypt = (input: string) => decryptCompact(input, key)
    assert.equal((await settle(() => decrypt(token))).ok, true)

    const codes = await assertEveryChangeRejected(token, { decryptCompact: decrypt }, [
      ...SIGNATURE_REJECTIONS,
      'DECRYPTION_FAILED',
      'NO_MATCHING_KEY',
    ])
    assert.ok((codes.get('DECRYPTION_FAILED') ?? 0) > token.length)
  })
}
