/** `jot verify`: verifies a token's signature and claims against a key, a secret or a JWKS. */
import { JotError, verifyJwt } from '@jot/core'
import type { VerifyJwtOptions } from '@jot/core'
import type { Command, ParsedArgs } from '../command.js'
import { readTokenInput, writeJson, writeLine } from '../io.js'
import type { Io } from '../io.js'
import { parseSecretEncoding } from '../key-files.js'
import {
  parseAlgorithmList,
  parseDuration,
  parseEpochSeconds,
  positive,
  splitList,
} from '../option-values.js'
import type { Mutable } from '../option-values.js'
import { isLoopbackUrl, parseJwksUrl } from '../remote-jwks.js'
import { loadVerificationKeys } from '../verification-keys.js'
import type { KeySource, SkippedKey } from '../verification-keys.js'

// VerifyJwtOptions caps the clock tolerance at one day.
const MAX_CLOCK_TOLERANCE_SEC = 86_400

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Verify the signature and claims of a token and print its claims',
  usage: [
    'jot verify [TOKEN] --key FILE [--alg ALG[,ALG]] [options]',
    'jot verify [TOKEN] --jwks URL [--alg ALG[,ALG]] [options]',
    'jot verify [TOKEN] --secret-file FILE --alg HS256 [--secret-encoding base64url] [options]',
  ],
  description: [
    'Verifies the signature, then exp, nbf and iat, then the claims asked for, and prints the ' +
      'claims. TOKEN is read from stdin when absent or "-".',
    '--alg is required because the verifier, not the token, must choose the algorithm ' +
      '(RFC 8725 section 3.1). Without it, the "alg" of the JWK file, or of the keys in the ' +
      'JWK Set, is used.',
    '--key takes a JWK, a JWK Set or a PEM file (SPKI, X.509 certificate, or a private key, ' +
      'of which only the public half is used). --jwks fetches a JWK Set, with a 5 s timeout ' +
      'and a 1 MiB size limit; keys that cannot be imported are skipped, and --verbose lists ' +
      'them.',
    'Exit code 0 when the token is valid, 1 when it is not, 2 for a usage error, 3 when the ' +
      'JWKS cannot be fetched. With --json: { "valid": true, "header", "claims" }, or ' +
      '{ "valid": false, "error": { "code", "message" } }.',
  ],
  options: {
    key: { type: 'string', value: 'FILE', help: 'Verification key: a JWK, JWK Set or PEM file.' },
    jwks: { type: 'string', value: 'URL', help: 'URL of a JWK Set to fetch (http or https).' },
    'secret-file': {
      type: 'string',
      value: 'FILE',
      help: 'HMAC secret file. By default its exact bytes are the secret, a trailing newline included.',
    },
    'secret-encoding': {
      type: 'string',
      value: 'ENC',
      help: 'How --secret-file encodes the secret: raw (default) or base64url.',
    },
    alg: {
      type: 'string',
      value: 'ALG[,ALG]',
      multiple: true,
      help: 'Accepted algorithms, comma-separated or repeated. Required unless the JWK or JWK Set keys carry "alg".',
    },
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
  },
  positionals: ['TOKEN'],
  reportsValidity: true,
  run: runVerify,
}

async function runVerify(args: ParsedArgs, io: Io): Promise<void> {
  const source = readKeySource(args, io)
  const options = readVerifyOptions(args)
  const algorithms = parseAlgorithmList(args.strings('alg'), '--alg')
  const token = await readTokenInput(io, args.positionals[0])

  const loaded = await loadVerificationKeys(source, algorithms)
  if (args.flag('verbose')) reportSkippedKeys(loaded.skipped, io)
  const { header, claims } = await verifyJwt(token, loaded.keys, {
    ...options,
    algorithms: loaded.algorithms,
  })

  if (args.flag('json')) writeJson(io.stdout, { valid: true, header, claims })
  else writeJson(io.stdout, claims)
}

function readKeySource(args: ParsedArgs, io: Io): KeySource {
  const keyPath = args.string('key')
  const jwks = args.string('jwks')
  const secretPath = args.string('secret-file')
  const sources = [keyPath, jwks, secretPath].filter((value) => value !== undefined)
  if (sources.length !== 1) {
    throw new JotError(
      'OPTION_INVALID',
      'Pass exactly one of --key FILE, --jwks URL and --secret-file FILE.',
    )
  }
  if (keyPath !== undefined) return { kind: 'key-file', path: keyPath }
  if (secretPath !== undefined) {
    const encoding = parseSecretEncoding(args.string('secret-encoding'))
    return { kind: 'secret-file', path: secretPath, encoding }
  }
  const url = parseJwksUrl(jwks ?? '')
  if (url.protocol === 'http:' && !isLoopbackUrl(url)) {
    writeLine(
      io.stderr,
      'jot: warning: fetching the JWKS over plain http lets anyone on the network replace the keys; use https.',
    )
  }
  return { kind: 'jwks', url }
}

function readVerifyOptions(args: ParsedArgs): VerifyJwtOptions {
  const options: Mutable<VerifyJwtOptions> = {}
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

function parseTolerance(text: string): number {
  const seconds = parseDuration(text, '--clock-tolerance')
  if (seconds <= MAX_CLOCK_TOLERANCE_SEC) return seconds
  throw new JotError('OPTION_INVALID', '--clock-tolerance must be at most 1 day (86400 seconds).')
}

function reportSkippedKeys(skipped: readonly SkippedKey[], io: Io): void {
  for (const key of skipped) {
    const kid = key.kid === undefined ? 'no kid' : `kid "${key.kid.slice(0, 64)}"`
    writeLine(io.stderr, `jot: skipped key ${key.index} (${kid}): ${key.reason}`)
  }
}
