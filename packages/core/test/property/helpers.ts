/** Run counts, seeds, keys and outcome checks shared by the property-based tests. */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { inspect } from 'node:util'
import type fc from 'fast-check'
import { JOT_ERROR_CODES, JotError, importPem, importSecret, toPublicKey } from '../../src/index.js'
import type { JotKey } from '../../src/index.js'
import { SECRET } from '../fixtures/tokens.js'

export { NOW, SECRET } from '../fixtures/tokens.js'

/** Runs of a full-weight property in a normal test run; sized for CI on two cores. */
export const DEFAULT_RUNS = 100

/** Runs of a full-weight property: `JOT_FUZZ_RUNS`, or DEFAULT_RUNS when it is not set. */
export const RUNS = readRuns(process.env['JOT_FUZZ_RUNS'])

/** True when `JOT_FUZZ_RUNS` requests more than the default, as `npm run fuzz` does. */
export const FUZZING = RUNS > DEFAULT_RUNS

function readRuns(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_RUNS
  if (!/^[1-9][0-9]{0,8}$/.test(text)) {
    throw new Error(`JOT_FUZZ_RUNS must be a whole number from 1 to 999999999, not "${text}".`)
  }
  return Number(text)
}

// A normal test run uses one fixed seed, so CI failures reproduce. A fuzz run takes
// JOT_FUZZ_SEED, or a new seed each time so that repeated runs try new inputs. Either way
// fast-check prints the seed and the shrunk counterexample of a failure.
const FIXED_SEED = 20_260_101
const SEED = readSeed(process.env['JOT_FUZZ_SEED'])

function readSeed(text: string | undefined): number {
  if (text !== undefined && text !== '') {
    if (!/^-?[0-9]{1,10}$/.test(text)) {
      throw new Error(`JOT_FUZZ_SEED must be a 32-bit integer, not "${text}".`)
    }
    return Number(text) | 0
  }
  return FUZZING ? (Math.random() * 2 ** 32) | 0 : FIXED_SEED
}

/**
 * Returns fast-check parameters: the shared seed, and a share of RUNS for properties whose
 * runs cost more (crypto, big inputs), never below one run.
 */
export function runParameters<T>(share = 1): fc.Parameters<T> {
  return { seed: SEED, numRuns: Math.max(1, Math.round(RUNS * share)) }
}

/** What an operation on untrusted input did: returned a value or raised a JotError. */
export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: JotError }

/**
 * Runs an operation on untrusted input and returns its result or its JotError. Any other
 * exception fails the test, since bad input must never crash a caller.
 */
export async function settle<T>(operation: () => T | Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await operation() }
  } catch (error) {
    assertJotError(error)
    return { ok: false, error }
  }
}

/** Asserts a JotError with a code from the closed list and a non-empty message. */
export function assertJotError(error: unknown): asserts error is JotError {
  assert.ok(error instanceof JotError, `expected a JotError, got ${inspect(error)}`)
  const code: unknown = error.code
  assert.ok(
    JOT_ERROR_CODES.some((listed) => listed === code),
    `the code ${String(code)} is not listed`,
  )
  assert.equal(typeof error.message, 'string')
  assert.notEqual(error.message, '')
}

/** Asserts that an outcome is a JotError with exactly this code and message. */
export function assertRejected(outcome: Outcome<unknown>, code: string, message: string): void {
  assert.equal(outcome.ok, false, `expected ${code}, got a result`)
  if (outcome.ok) return
  assert.deepEqual({ code: outcome.error.code, message: outcome.error.message }, { code, message })
}

/**
 * Asserts that an error message does not repeat the input: messages name the failing part
 * and never show the token. Inputs under 24 characters could match by chance.
 */
export function assertInputNotShown(outcome: Outcome<unknown>, input: string): void {
  if (outcome.ok || input.length < 24) return
  assert.ok(!outcome.error.message.includes(input), 'the error message contains the input')
}

// Prototypes a hostile JSON member name could reach, and their properties at load time.
const PROTOTYPES: readonly object[] = [
  Object.prototype,
  Array.prototype,
  Function.prototype,
  String.prototype,
  Number.prototype,
  Boolean.prototype,
]
const prototypeSnapshot = PROTOTYPES.map(describeOwnProperties)

function describeOwnProperties(target: object): readonly (readonly [PropertyKey, unknown])[] {
  return Reflect.ownKeys(target).map((name) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(target, name)
    return [name, descriptor?.value ?? descriptor?.get] as const
  })
}

/**
 * Asserts that no built-in prototype gained, lost or changed a property, and that a new object
 * has no inherited `polluted` member, the name the generated hostile JSON uses.
 */
export function assertPrototypesIntact(): void {
  PROTOTYPES.forEach((target, index) => {
    const now = describeOwnProperties(target)
    const before = prototypeSnapshot[index] ?? []
    assert.equal(now.length, before.length, 'a built-in prototype gained or lost a property')
    now.forEach(([name, value], position) => {
      const [nameBefore, valueBefore] = before[position] ?? []
      assert.equal(name, nameBefore, 'a built-in prototype property was replaced')
      assert.equal(value, valueBefore, `the built-in prototype property ${String(name)} changed`)
    })
  })
  const probe: Record<string, unknown> = {}
  assert.equal(probe['polluted'], undefined)
  assert.equal(Object.getPrototypeOf(probe), Object.prototype)
}

/** The JWS algorithms whose tokens the tampering and parsing properties use. */
export const SIGNING_ALGORITHMS = ['HS256', 'ES256', 'EdDSA', 'RS256'] as const
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number]

/** A signing key and the key that verifies its signatures. */
export interface KeyPairFixture {
  readonly signingKey: JotKey
  readonly verificationKey: JotKey
}

/** The keys every property file uses, imported once from the test fixtures. */
export interface PropertyKeys {
  readonly signing: Readonly<Record<SigningAlgorithm, KeyPairFixture>>
  /** `dir` with A256GCM content encryption: a 32-byte secret. */
  readonly dir: JotKey
  /** A128KW key wrapping: a 16-byte secret. */
  readonly aesKw: JotKey
  /** PBES2-HS256+A128KW: a password. */
  readonly pbes2: JotKey
}

function readKeyFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/keys/${name}`, import.meta.url), 'utf8')
}

async function pemPair(file: string, alg: 'ES256' | 'EdDSA' | 'RS256'): Promise<KeyPairFixture> {
  const signingKey = await importPem(readKeyFixture(file), { alg })
  return { signingKey, verificationKey: await toPublicKey(signingKey) }
}

async function loadKeys(): Promise<PropertyKeys> {
  const hmac = await importSecret(SECRET, { alg: 'HS256' })
  return {
    signing: {
      HS256: { signingKey: hmac, verificationKey: hmac },
      ES256: await pemPair('ec-p256-pkcs8.pem', 'ES256'),
      EdDSA: await pemPair('ed25519-pkcs8.pem', 'EdDSA'),
      RS256: await pemPair('rsa-2048-pkcs8.pem', 'RS256'),
    },
    dir: await importSecret(new Uint8Array(32).fill(7), { alg: 'dir' }),
    aesKw: await importSecret(new Uint8Array(16).fill(9), { alg: 'A128KW' }),
    pbes2: await importSecret(new TextEncoder().encode('correct horse battery'), {
      alg: 'PBES2-HS256+A128KW',
    }),
  }
}

/** The shared keys; the fixtures are read and imported on first use only. */
export const propertyKeys: Promise<PropertyKeys> = loadKeys()

/** Encodes text as the UTF-8 bytes of unpadded base64url. */
export function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url')
}
