/** The claim checks that `jot verify` and `jot decrypt --verify-key` share: flags and parsing. */
import { JotError } from '@jot/core'
import type { VerifyClaimsOptions } from '@jot/core'
import type { OptionSpecs, ParsedArgs } from './command.js'
import { parseDuration, parseEpochSeconds, positive, splitList } from './option-values.js'
import type { Mutable } from './option-values.js'

// VerifyClaimsOptions caps the clock tolerance at one day.
const MAX_CLOCK_TOLERANCE_SEC = 86_400

/** The flags of the claim checks, with their help. */
export const CLAIM_CHECK_OPTIONS: OptionSpecs = {
  iss: {
    type: 'string',
    value: 'ISS',
    multiple: true,
    help: 'Expected iss; repeat to accept several. Default: iss is not checked.',
  },
  aud: {
    type: 'string',
    value: 'AUD',
    multiple: true,
    help: 'Expected aud; the token must name one of these. Default: aud is not checked.',
  },
  typ: {
    type: 'string',
    value: 'TYP',
    help: 'Expected header typ, such as at+jwt. Default: typ is not checked.',
  },
  'clock-tolerance': {
    type: 'string',
    value: 'SEC',
    help: 'Clock skew allowed for exp, nbf and iat, in seconds (or 30s, 5m), up to 1 day. Default 0.',
  },
  'max-age': {
    type: 'string',
    value: 'SEC',
    help: 'Maximum age from iat, in seconds (or 15m, 1h); iat becomes required. Default: no limit.',
  },
  require: {
    type: 'string',
    value: 'CLAIM[,CLAIM]',
    multiple: true,
    help: 'Claims that must be present, comma-separated or repeated.',
  },
  now: {
    type: 'string',
    value: 'SEC',
    help: 'Current time in seconds since the Unix epoch. Default: the system clock.',
  },
}

/**
 * Reads the claim check flags into options for verifyJwt or decryptAndVerifyJwt.
 * @throws JotError `OPTION_INVALID`.
 */
export function readClaimCheckOptions(args: ParsedArgs): VerifyClaimsOptions {
  const options: Mutable<VerifyClaimsOptions> = {}
  const issuers = args.strings('iss')
  if (issuers.length > 0) options.issuer = issuers
  const audiences = args.strings('aud')
  if (audiences.length > 0) options.audience = audiences
  const required = splitList(args.strings('require'))
  if (required.length > 0) options.requiredClaims = required
  const typ = args.string('typ')
  if (typ !== undefined) options.typ = typ
  const tolerance = args.string('clock-tolerance')
  if (tolerance !== undefined) options.clockToleranceSec = parseTolerance(tolerance)
  const maxAge = args.string('max-age')
  if (maxAge !== undefined) {
    options.maxAgeSec = positive(parseDuration(maxAge, '--max-age'), '--max-age')
  }
  const now = args.string('now')
  if (now !== undefined) options.now = parseEpochSeconds(now, '--now')
  return options
}

/** Returns the claim check flags that were given, such as `--iss`, for messages. */
export function givenClaimCheckFlags(args: ParsedArgs): string[] {
  return Object.keys(CLAIM_CHECK_OPTIONS)
    .filter((name) => args.string(name) !== undefined || args.strings(name).length > 0)
    .map((name) => `--${name}`)
}

function parseTolerance(text: string): number {
  const seconds = parseDuration(text, '--clock-tolerance')
  if (seconds <= MAX_CLOCK_TOLERANCE_SEC) return seconds
  throw new JotError('OPTION_INVALID', '--clock-tolerance must be at most 1 day (86400 seconds).')
}
