import assert from 'node:assert/strict'
import { test } from 'node:test'
import { JOT_ERROR_CODES, JotError } from '@jot/core'
import { ServerError } from '@jot/server'
import { CliError } from '../src/errors.js'
import { errorCodeOf, exitCodeOf, formatCauses, formatError } from '../src/exit-codes.js'

test('every JotError code has exit code', () => {
  const expected: Record<string, number> = {
    TOKEN_MALFORMED: 1,
    INPUT_TOO_LARGE: 1,
    ALG_NOT_ALLOWED: 1,
    ALG_UNSUPPORTED: 1,
    CRIT_UNSUPPORTED: 1,
    NO_MATCHING_KEY: 1,
    SIGNATURE_INVALID: 1,
    TOKEN_EXPIRED: 1,
    TOKEN_NOT_YET_VALID: 1,
    TOKEN_TOO_OLD: 1,
    CLAIM_INVALID: 1,
    TYP_MISMATCH: 1,
    DECRYPTION_FAILED: 1,
    JWKS_FETCH_FAILED: 3,
    JWKS_INVALID: 3,
    KEY_INVALID: 2,
    KEY_UNSUPPORTED: 2,
    OPTION_INVALID: 2,
    ARGUMENT_INVALID: 2,
  }
  const actual = Object.fromEntries(
    JOT_ERROR_CODES.map((code) => [code, exitCodeOf(new JotError(code, 'x'))]),
  )
  assert.deepEqual(actual, expected)
})

test('server and CLI errors map to codes', () => {
  assert.equal(exitCodeOf(new ServerError('USERNAME_TAKEN', 'x')), 2)
  assert.equal(exitCodeOf(new ServerError('STORE_INVALID', 'x')), 3)
  assert.equal(exitCodeOf(new ServerError('MASTER_KEY_MISMATCH', 'x')), 3)
  assert.equal(exitCodeOf(new ServerError('CONFIG_INVALID', 'x')), 2)
  assert.equal(exitCodeOf(new CliError('INTERRUPTED', 'x')), 130)
})

test('unknown errors are INTERNAL_ERROR', () => {
  const impostor = Object.assign(new Error('boom'), { code: 'TOKEN_MALFORMED' })
  assert.equal(errorCodeOf(impostor), 'INTERNAL_ERROR')
  assert.equal(exitCodeOf(impostor), 3)
  assert.equal(exitCodeOf('text'), 3)
  assert.equal(formatError(new TypeError('bad thing')), 'jot: INTERNAL_ERROR: bad thing')
})

test('formatCauses walks chain and aggregates', () => {
  const root = Object.assign(new Error('no such file'), { code: 'ENOENT' })
  const aggregate = new AggregateError([new Error('key 0: bad'), root], 'Every key was skipped.')
  const error = new JotError('OPTION_INVALID', 'top', { cause: aggregate })

  assert.equal(formatError(error), 'jot: OPTION_INVALID: top')
  assert.deepEqual(formatCauses(error), [
    '  caused by: AggregateError: Every key was skipped.',
    '    - Error: key 0: bad',
    '    - Error ENOENT: no such file',
  ])
})
