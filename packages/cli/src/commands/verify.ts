/** `jot verify`: verifies a token's signature and claims against a key, a secret or a JWKS. */
import { JotError, verifyJwt } from '@jot/core'
import type { JwsAlgorithm } from '@jot/core'
import { CLAIM_CHECK_OPTIONS, readClaimCheckOptions } from '../claim-options.js'
import type { Command, ParsedArgs } from '../command.js'
import { readTokenInput, writeJson, writeLine } from '../io.js'
import type { Io } from '../io.js'
import { HMAC_SECRET_OPTIONS, parseSecretEncoding } from '../key-files.js'
import { parseAlgorithmList } from '../option-values.js'
import { loadRemoteKeys, parseJwksUrl } from '../remote-jwks.js'
import { loadVerificationKeys } from '../verification-keys.js'
import type { KeySource, SkippedKey, VerificationKeys } from '../verification-keys.js'

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
      'claims. TOKEN is read from stdin when absent or "-". For a signed JWT inside a JWE, use ' +
      '"jot decrypt --verify-key".',
    '--alg is required because the verifier, not the token, must choose the algorithm ' +
      '(RFC 8725 section 3.1). Without it, the "alg" of the JWK file, or of the keys in the ' +
      'JWK Set, is used.',
    '--key takes a JWK, a JWK Set or a PEM file (SPKI, X.509 certificate, or a private key, ' +
      'of which only the public half is used). --jwks fetches a JWK Set once, over https or ' +
      'over plain http from a loopback host, with a 5 s timeout and a 1 MiB size limit. Keys ' +
      'that cannot verify are skipped, secret (oct) keys always, and --verbose lists them.',
    'Exit code 0 when the token is valid, 1 when it is not (NO_MATCHING_KEY when no key of the ' +
      'JWKS fits it), 2 for a usage error, 3 when the JWKS cannot be fetched or is not a JWK ' +
      'Set. With --json: { "valid": true, "header", "claims" }, or ' +
      '{ "valid": false, "error": { "code", "message" } }.',
  ],
  options: {
    key: { type: 'string', value: 'FILE', help: 'Verification key: a JWK, JWK Set or PEM file.' },
    jwks: { type: 'string', value: 'URL', help: 'URL of a JWK Set to fetch (http or https).' },
    ...HMAC_SECRET_OPTIONS,
    alg: {
      type: 'string',
      value: 'ALG[,ALG]',
      multiple: true,
      help: 'Accepted algorithms, comma-separated or repeated. Required unless the JWK or JWK Set keys carry "alg".',
    },
    ...CLAIM_CHECK_OPTIONS,
  },
  positionals: ['TOKEN'],
  reportsValidity: true,
  run: runVerify,
}

async function runVerify(args: ParsedArgs, io: Io): Promise<void> {
  const source = readKeySource(args)
  const options = readClaimCheckOptions(args)
  const algorithms = parseAlgorithmList(args.strings('alg'), '--alg')
  const token = await readTokenInput(io, args.positionals[0])

  const loaded = await loadKeys(source, algorithms, args, io)
  const { header, claims } = await verifyJwt(token, loaded.keys, {
    ...options,
    algorithms: loaded.algorithms,
  })

  if (args.flag('json')) writeJson(io.stdout, { valid: true, header, claims })
  else writeJson(io.stdout, claims)
}

type VerifySource = KeySource | { readonly kind: 'jwks'; readonly url: URL }

function readKeySource(args: ParsedArgs): VerifySource {
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
  return { kind: 'jwks', url: parseJwksUrl(jwks ?? '') }
}

async function loadKeys(
  source: VerifySource,
  algorithms: readonly JwsAlgorithm[] | undefined,
  args: ParsedArgs,
  io: Io,
): Promise<VerificationKeys> {
  const loaded =
    source.kind === 'jwks'
      ? await loadRemoteKeys(source.url, algorithms)
      : await loadVerificationKeys(source, algorithms)
  if (args.flag('verbose')) reportSkippedKeys(loaded.skipped, io)
  return loaded
}

function reportSkippedKeys(skipped: readonly SkippedKey[], io: Io): void {
  for (const key of skipped) {
    const kid = key.kid === undefined ? 'no kid' : `kid "${key.kid.slice(0, 64)}"`
    writeLine(io.stderr, `jot: skipped key ${key.index} (${kid}): ${key.reason}`)
  }
}
