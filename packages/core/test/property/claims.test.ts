import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { createVerifier, verifyJwt } from '../../src/index.js'
import type { VerifyJwtOptions } from '../../src/index.js'
import { rawHs256 } from '../fixtures/tokens.js'
import {
  NOW,
  SECRET,
  assertPrototypesIntact,
  propertyKeys,
  runParameters,
  settle,
} from './helpers.js'
import type { Outcome } from './helpers.js'

const { signing } = await propertyKeys
const key = signing.HS256.verificationKey

/** One claim as JSON text, and the value JSON.parse makes of it. */
interface ClaimValue {
  readonly text: string
  readonly value: unknown
}

const json = (value: unknown): ClaimValue => ({ text: JSON.stringify(value), value })
const raw = (text: string): ClaimValue => ({ text, value: JSON.parse(text) as unknown })

const ISSUERS = ['https://a.example', 'https://b.example', 'https://A.example', '']
const AUDIENCES = ['api', 'web', 'API', '']
const SUBJECTS = ['user-1', 'user-2', '']
const TYPES = ['JWT', 'jwt', 'at+jwt', 'application/at+jwt', 'AT+JWT', 'application/x/y']

// requiredClaims is drawn from ordinary names, which the reference model handles; names that
// Object.prototype provides (constructor, toString) have their own case in jwt/verify.test.ts.
const CLAIM_NAMES = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'scope', 'roles', 'nonce']

/** Valid verifyJwt options; claims and typ are then drawn to mostly satisfy them. */
const validOptions = fc.record(
  {
    issuer: fc.oneof(
      fc.constantFrom(...ISSUERS.slice(0, 3)),
      fc.subarray(ISSUERS.slice(0, 3), { minLength: 1 }),
    ),
    audience: fc.oneof(
      fc.constantFrom(...AUDIENCES.slice(0, 3)),
      fc.subarray(AUDIENCES.slice(0, 3), { minLength: 1 }),
    ),
    subject: fc.constantFrom(...SUBJECTS),
    typ: fc.constantFrom('at+jwt', 'application/at+jwt', 'JWT', 'application/x/y'),
    clockToleranceSec: fc.constantFrom(0, 1, 30, 59.5, 60, 86_400),
    maxAgeSec: fc.constantFrom(0, 1, 60, 3600),
    requiredClaims: fc.subarray(CLAIM_NAMES, { maxLength: 3 }),
    now: fc.constantFrom<unknown>(NOW, () => NOW),
  },
  { requiredKeys: ['now'] },
)
type ValidOptions = Partial<Record<keyof VerifyJwtOptions, unknown>> & {
  readonly issuer?: string | string[]
  readonly audience?: string | string[]
  readonly subject?: string
  readonly typ?: string
  readonly clockToleranceSec?: number
  readonly maxAgeSec?: number
  readonly requiredClaims?: string[]
}

/** One option set to a value of the wrong type or range. */
const invalidOption = fc.oneof(
  fc.tuple(fc.constant('issuer'), fc.constantFrom<unknown>('', [], [''], 7, ['x', 1])),
  fc.tuple(fc.constant('audience'), fc.constantFrom<unknown>('', [], 7)),
  fc.tuple(fc.constant('subject'), fc.constantFrom<unknown>(7, null)),
  fc.tuple(fc.constant('typ'), fc.constantFrom<unknown>('', 7)),
  fc.tuple(fc.constant('clockToleranceSec'), fc.constantFrom<unknown>(-1, 86_401, Number.NaN, '5')),
  fc.tuple(fc.constant('maxAgeSec'), fc.constantFrom<unknown>(-1, Infinity, Number.NaN)),
  fc.tuple(fc.constant('requiredClaims'), fc.constantFrom<unknown>('exp', [1])),
  fc.tuple(
    fc.constant('now'),
    fc.constantFrom<unknown>(Number.NaN, '1767225600', () => Number.NaN),
  ),
)

// Offsets from now that sit on and beside every boundary the options can make: the clock
// tolerances and maximum ages above, one second either side, and far away.
const BOUNDARIES = [0, 1, 2, 29, 30, 31, 59, 60, 61, 3599, 3600, 3601, 86_399, 86_400, 86_401]
const offset = fc.oneof(
  fc.constantFrom(...BOUNDARIES.flatMap((value) => [value, -value])),
  fc.integer({ min: -200_000, max: 200_000 }),
  // Quarter seconds stay exact in binary, so the model and jot round alike.
  fc.integer({ min: -400, max: 400 }).map((quarters) => quarters / 4),
)

/** A value of the wrong JSON type for any claim. */
const wrongType: fc.Arbitrary<ClaimValue> = fc.oneof(
  fc.constantFrom(null, true, false, [], {}, { exp: NOW }, [1], 0).map(json),
  fc.string({ maxLength: 6 }).map(json),
  fc.integer().map(json),
)

/** A claim that usually passes (`good`), sometimes sits near a boundary, and rarely is odd. */
const claimValue = (good: fc.Arbitrary<ClaimValue>, other: fc.Arbitrary<ClaimValue>) =>
  fc.oneof(
    { weight: 16, arbitrary: good },
    { weight: 3, arbitrary: other },
    { weight: 1, arbitrary: wrongType },
  )

const nearNow = offset.map((delta) => json(NOW + delta))
const oddTime = fc.oneof(
  // Numbers a double cannot hold parse to Infinity, which is not a NumericDate.
  fc.constantFrom('1e400', '-1e400', '1e300', '-1e300', '-0', '0').map(raw),
  fc.constant(json(String(NOW))),
)

const anyString = (pool: readonly string[]) =>
  fc.oneof(fc.constantFrom(...pool), fc.string({ unit: 'binary', maxLength: 100 })).map(json)

function claimsFor(options: ValidOptions): fc.Arbitrary<Record<string, ClaimValue>> {
  const list = (value: string | string[] | undefined, pool: readonly string[]) =>
    value === undefined ? pool : [value].flat()
  const issuers = list(options.issuer, ISSUERS)
  const audiences = list(options.audience, AUDIENCES)
  const maxAge = options.maxAgeSec ?? 600
  const claims = {
    iss: claimValue(fc.constantFrom(...issuers).map(json), anyString(ISSUERS)),
    sub: claimValue(fc.constant(json(options.subject ?? 'user-1')), anyString(SUBJECTS)),
    aud: claimValue(
      fc.oneof(
        fc.constantFrom(...audiences).map(json),
        fc.subarray(AUDIENCES).map((items) => json([...items, audiences[0] ?? 'api'])),
      ),
      fc.oneof(
        fc.subarray(AUDIENCES).map(json),
        fc.constantFrom(['api', 7], [null], [['api']]).map(json),
      ),
    ),
    exp: claimValue(
      fc.integer({ min: 86_402, max: 10 ** 6 }).map((delta) => json(NOW + delta)),
      fc.oneof(nearNow, oddTime),
    ),
    nbf: claimValue(
      fc.integer({ min: 86_402, max: 10 ** 6 }).map((delta) => json(NOW - delta)),
      fc.oneof(nearNow, oddTime),
    ),
    iat: claimValue(
      fc.integer({ min: 0, max: maxAge * 4 }).map((quarters) => json(NOW - quarters / 4)),
      fc.oneof(nearNow, oddTime),
    ),
    jti: claimValue(fc.constant(json('id-1')), anyString(['id-2'])),
    scope: claimValue(fc.constant(json('orders:read')), anyString(['orders:write'])),
    roles: fc.constant(json(['admin'])),
    nonce: fc.constant(json('n')),
  }
  // A claim is present three times in four, and nearly always when an option requires it.
  const requiredByOptions = new Set([
    ...(options.requiredClaims ?? []),
    ...(options.issuer === undefined ? [] : ['iss']),
    ...(options.audience === undefined ? [] : ['aud']),
    ...(options.subject === undefined ? [] : ['sub']),
    ...(options.maxAgeSec === undefined ? [] : ['iat']),
  ])
  const entries = Object.entries(claims).map(([name, arbitrary]) =>
    requiredByOptions.has(name)
      ? fc.option(
          arbitrary.map((value) => [name, value] as const),
          { freq: 20 },
        )
      : fc.option(
          arbitrary.map((value) => [name, value] as const),
          { freq: 4 },
        ),
  )
  return fc
    .tuple(...entries)
    .map((pairs) => Object.fromEntries(pairs.filter((pair) => pair !== null)))
}

function typFor(options: ValidOptions): fc.Arbitrary<string | null> {
  const expected = options.typ
  const matching =
    expected === undefined
      ? fc.constantFrom(...TYPES)
      : fc.constantFrom(expected, expected.toUpperCase(), `application/${expected}`)
  return fc.oneof(
    { weight: 8, arbitrary: matching },
    { weight: 1, arbitrary: fc.constantFrom(...TYPES) },
    { weight: 1, arbitrary: fc.constant(null) },
  )
}

/** Options, a claims set and a header typ, with one invalid option one time in ten. */
const scenario = (validOptions as fc.Arbitrary<ValidOptions>).chain((options) =>
  fc.record({
    options: fc
      .oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: invalidOption })
      .map((invalid): Record<string, unknown> =>
        invalid === null ? options : { ...options, [invalid[0]]: invalid[1] },
      ),
    claims: claimsFor(options),
    typ: typFor(options),
  }),
)

/** An expected rejection: the code, the message and, for claim codes, the details. */
interface Violation {
  readonly code: string
  readonly message: string
  readonly details?: { readonly claim: string; readonly reason: string }
}

const claimFailure = (code: string, claim: string, reason: string, message: string): Violation => ({
  code,
  message,
  details: { claim, reason },
})
const missing = (claim: string) =>
  claimFailure('CLAIM_INVALID', claim, 'missing', `The "${claim.slice(0, 40)}" claim is missing.`)
const wrongTypeOf = (claim: string, expected: string) =>
  claimFailure('CLAIM_INVALID', claim, 'type', `The "${claim}" claim must be ${expected}.`)

const isNonEmptyString = (value: unknown) => typeof value === 'string' && value !== ''
const isStringList = (value: unknown): value is string[] =>
  isNonEmptyString(value) ||
  (Array.isArray(value) && value.length > 0 && value.every(isNonEmptyString))
const isSeconds = (value: unknown, max: number) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max

/** Lists every verifyJwt option that breaks its documented rule. */
function optionViolations(options: Record<string, unknown>): Violation[] {
  const found: Violation[] = []
  const fail = (message: string) => found.push({ code: 'OPTION_INVALID', message })
  const { issuer, audience, subject, typ, clockToleranceSec, maxAgeSec, requiredClaims, now } =
    options
  if (
    requiredClaims !== undefined &&
    !(Array.isArray(requiredClaims) && requiredClaims.every((name) => typeof name === 'string'))
  ) {
    fail('The "requiredClaims" option must be an array of claim names.')
  }
  if (typ !== undefined && !isNonEmptyString(typ))
    fail('The "typ" option must be a non-empty string.')
  if (subject !== undefined && typeof subject !== 'string')
    fail('The "subject" option must be a string.')
  for (const [name, value] of [
    ['issuer', issuer],
    ['audience', audience],
  ] as const) {
    if (value !== undefined && !isStringList(value)) {
      fail(`The "${name}" option must be a non-empty string or a non-empty array of them.`)
    }
  }
  if (clockToleranceSec !== undefined && !isSeconds(clockToleranceSec, 86_400)) {
    fail('The "clockToleranceSec" option must be a number of seconds from 0 to 86400.')
  }
  if (maxAgeSec !== undefined && !isSeconds(maxAgeSec, Number.MAX_SAFE_INTEGER)) {
    fail(`The "maxAgeSec" option must be a number of seconds from 0 to ${Number.MAX_SAFE_INTEGER}.`)
  }
  if (typeof now !== 'function' && !(typeof now === 'number' && Number.isFinite(now))) {
    fail('The "now" option must be seconds since the epoch or a function returning them.')
  }
  return found
}

// RFC 7515 section 4.1.9: typ compares case-insensitively, and "application/" may be left out.
function mediaType(typ: string): string {
  const lower = typ.toLowerCase()
  return /^application\/[^/]*$/.test(lower) ? lower.slice('application/'.length) : lower
}

/**
 * Lists every rule of the reference model that the token breaks, in no particular order. The
 * rules are RFC 7519 section 4.1 and the README's option table. jot must reject with one of
 * them, or accept when the list is empty.
 */
function claimViolations(
  typ: string | null,
  claims: Record<string, unknown>,
  options: Record<string, unknown>,
): Violation[] {
  const found: Violation[] = []
  const expectedTyp = options['typ'] as string | undefined
  if (expectedTyp !== undefined && (typ === null || mediaType(typ) !== mediaType(expectedTyp))) {
    found.push({
      code: 'TYP_MISMATCH',
      message: `The token type is ${typ === null ? 'none' : `"${typ.slice(0, 40)}"`}, expected "${expectedTyp}".`,
    })
  }
  const has = (name: string) => Object.hasOwn(claims, name)
  for (const name of (options['requiredClaims'] as string[] | undefined) ?? []) {
    if (!has(name)) found.push(missing(name))
  }

  const { iss, sub, aud, jti } = claims
  for (const [name, value] of [
    ['iss', iss],
    ['sub', sub],
    ['jti', jti],
  ] as const) {
    if (has(name) && typeof value !== 'string') found.push(wrongTypeOf(name, 'a string'))
  }
  const audienceList = typeof aud === 'string' ? [aud] : aud
  const audOk =
    Array.isArray(audienceList) && audienceList.every((item) => typeof item === 'string')
  if (has('aud') && !audOk) found.push(wrongTypeOf('aud', 'a string or an array of strings'))

  const issuers = options['issuer'] as string | string[] | undefined
  if (issuers !== undefined) {
    if (!has('iss')) found.push(missing('iss'))
    else if (typeof iss === 'string' && ![issuers].flat().includes(iss)) {
      found.push(
        claimFailure(
          'CLAIM_INVALID',
          'iss',
          'mismatch',
          `The issuer "${iss.slice(0, 80)}" is not accepted.`,
        ),
      )
    }
  }
  const subject = options['subject'] as string | undefined
  if (subject !== undefined) {
    if (!has('sub')) found.push(missing('sub'))
    else if (typeof sub === 'string' && sub !== subject) {
      found.push(
        claimFailure('CLAIM_INVALID', 'sub', 'mismatch', 'The subject is not the expected one.'),
      )
    }
  }
  const audiences = options['audience'] as string | string[] | undefined
  if (audiences !== undefined) {
    if (!has('aud')) found.push(missing('aud'))
    else if (audOk && !audienceList.some((item) => [audiences].flat().includes(item))) {
      found.push(
        claimFailure(
          'CLAIM_INVALID',
          'aud',
          'mismatch',
          'The token is not intended for this audience.',
        ),
      )
    }
  }
  found.push(...timeViolations(claims, options))
  return found
}

function timeViolations(
  claims: Record<string, unknown>,
  options: Record<string, unknown>,
): Violation[] {
  const found: Violation[] = []
  const times: Record<string, number> = {}
  for (const name of ['exp', 'nbf', 'iat']) {
    if (!Object.hasOwn(claims, name)) continue
    const value = claims[name]
    if (typeof value === 'number' && Number.isFinite(value)) times[name] = value
    else found.push(wrongTypeOf(name, 'a number of seconds'))
  }

  const clock = options['now']
  const now = typeof clock === 'function' ? (clock as () => unknown)() : clock
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    found.push({
      code: 'OPTION_INVALID',
      message: 'The "now" function must return a finite number of seconds.',
    })
    return found
  }

  const tolerance = (options['clockToleranceSec'] as number | undefined) ?? 0
  const { exp, nbf, iat } = times
  // Expired at or after exp (RFC 7519 section 4.1.4); not yet valid strictly before nbf.
  if (exp !== undefined && exp <= now - tolerance) {
    found.push(claimFailure('TOKEN_EXPIRED', 'exp', 'expired', 'The token has expired.'))
  }
  if (nbf !== undefined && nbf > now + tolerance) {
    found.push(
      claimFailure('TOKEN_NOT_YET_VALID', 'nbf', 'not-yet-valid', 'The token is not valid yet.'),
    )
  }

  const maxAge = options['maxAgeSec'] as number | undefined
  if (maxAge === undefined) return found
  if (!Object.hasOwn(claims, 'iat')) found.push(missing('iat'))
  if (iat === undefined) return found
  if (iat > now + tolerance) {
    found.push(
      claimFailure(
        'TOKEN_NOT_YET_VALID',
        'iat',
        'not-yet-valid',
        'The token was issued in the future.',
      ),
    )
  }
  if (now - iat > maxAge + tolerance) {
    found.push(
      claimFailure('TOKEN_TOO_OLD', 'iat', 'too-old', `The token is older than ${maxAge} seconds.`),
    )
  }
  return found
}

function describeOutcome(outcome: Outcome<unknown>): Violation | 'accepted' {
  if (outcome.ok) return 'accepted'
  const { code, message, details } = outcome.error
  if (details === undefined || !('claim' in details)) return { code, message }
  return { code, message, details: { claim: details.claim, reason: details.reason } }
}

/** Asserts that an outcome is the acceptance or one of the rejections the model predicts. */
function assertMatchesModel(
  outcome: Outcome<unknown>,
  expected: readonly Violation[],
  claims: unknown,
  typ: string | null,
): void {
  const actual = describeOutcome(outcome)
  if (expected.length === 0) {
    assert.equal(
      actual,
      'accepted',
      `rejected a token the model accepts: ${JSON.stringify(actual)}`,
    )
    const header = typ === null ? { alg: 'HS256' } : { alg: 'HS256', typ }
    assert.deepEqual(outcome.ok && outcome.value, { header, claims })
    return
  }
  assert.notEqual(
    actual,
    'accepted',
    `accepted a token the model rejects: ${JSON.stringify(expected)}`,
  )
  assert.ok(
    expected.some((violation) => isDeepStrictEqual(actual, violation)),
    `got ${JSON.stringify(actual)}, expected one of ${JSON.stringify(expected)}`,
  )
}

test('claim checks match the reference model', async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async ({ options, claims, typ }) => {
      const payload = `{${Object.entries(claims)
        .map(([name, claim]) => `${JSON.stringify(name)}:${claim.text}`)
        .join(',')}}`
      const header =
        typ === null ? '{"alg":"HS256"}' : `{"alg":"HS256","typ":${JSON.stringify(typ)}}`
      const token = rawHs256(header, payload, SECRET)
      const parsedClaims = JSON.parse(payload) as Record<string, unknown>

      const invalidOptions = optionViolations(options)
      const expected =
        invalidOptions.length > 0 ? invalidOptions : claimViolations(typ, parsedClaims, options)
      const verifyOptions = options as VerifyJwtOptions

      assertMatchesModel(
        await settle(() => verifyJwt(token, key, verifyOptions)),
        expected,
        parsedClaims,
        typ,
      )
      // createVerifier checks options at creation and the rest on each call.
      const outcome = await settle(() => createVerifier(key, verifyOptions)(token))
      assertMatchesModel(outcome, expected, parsedClaims, typ)
      assertPrototypesIntact()
    }),
    runParameters(3),
  )
})
