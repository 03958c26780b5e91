/** `jot sign`: signs a JWT with a key file or a secret file. */
import { JotError, decodeUnverified, importJwk, importPem, importSecret, signJwt } from '@jot/core'
import type { JotKey, Jwk, JwsAlgorithm, SignJwtOptions } from '@jot/core'
import type { Command, ParsedArgs } from '../command.js'
import { readStdin, writeJson, writeLine } from '../io.js'
import type { Io } from '../io.js'
import {
  HMAC_SECRET_OPTIONS,
  importFromFile,
  isPlainObject,
  parseSecretEncoding,
  readKeyFile,
  readSecretFile,
} from '../key-files.js'
import { parseAlgorithm, parseDuration, parseEpochSeconds, positive } from '../option-values.js'
import type { Mutable } from '../option-values.js'

export const signCommand: Command = {
  name: 'sign',
  summary: 'Sign a JWT with a JWK or PEM key file, or an HMAC secret file',
  usage: [
    'jot sign [CLAIMS] --key FILE [--alg ALG] [--exp DURATION] [--iss ISS] [--aud AUD] ...',
    'jot sign [CLAIMS] --secret-file FILE --alg HS256 [--secret-encoding base64url] ...',
  ],
  description: [
    'Signs the claims and prints the compact JWT. CLAIMS is a JSON object, read from stdin ' +
      'when absent or "-". With no argument and stdin on a terminal, or with an empty stdin, ' +
      'the claims start empty. iat is set to the current time unless the claims set it.',
    'The key file is a private JWK (JSON) or a private key PEM file (PKCS#8, PKCS#1 or SEC 1). ' +
      'A raw HMAC secret needs --secret-file instead. The algorithm comes from --alg, else from ' +
      'the JWK\'s "alg"; a PEM file or a secret needs --alg.',
    'With --json: { "token", "header", "claims" }.',
  ],
  options: {
    key: { type: 'string', value: 'FILE', help: 'Private key file: a JWK (JSON) or a PEM file.' },
    ...HMAC_SECRET_OPTIONS,
    alg: {
      type: 'string',
      value: 'ALG',
      help: 'Signing algorithm, such as ES256. Default: the "alg" of the JWK.',
    },
    exp: {
      type: 'string',
      value: 'DURATION',
      help: 'Lifetime: sets exp to now plus this. Seconds (3600) or a number with s, m, h or d (15m). Default: no exp.',
    },
    iss: { type: 'string', value: 'ISS', help: 'Sets the iss claim.' },
    aud: {
      type: 'string',
      value: 'AUD',
      multiple: true,
      help: 'Sets the aud claim; repeat for several audiences.',
    },
    sub: { type: 'string', value: 'SUB', help: 'Sets the sub claim.' },
    typ: { type: 'string', value: 'TYP', help: 'Header typ, such as at+jwt. Default: JWT.' },
    kid: { type: 'string', value: 'KID', help: 'Header kid. Default: the kid of the JWK, if any.' },
    claim: {
      type: 'string',
      value: 'NAME=VALUE',
      multiple: true,
      help: 'Sets a claim; repeatable. VALUE is parsed as JSON when it is valid JSON (42, true, ["a"], "text"), else taken as a string.',
    },
    now: {
      type: 'string',
      value: 'SEC',
      help: 'Current time for iat and exp, in seconds since the Unix epoch. Default: the system clock.',
    },
  },
  positionals: ['CLAIMS'],
  run: runSign,
}

async function runSign(args: ParsedArgs, io: Io): Promise<void> {
  const options = readSignOptions(args)
  const key = await loadSigningKey(args)
  const claims = await readClaims(args, io)

  const token = await signJwt(claims, key, options)

  if (claims['exp'] === undefined && options.expiresInSec === undefined) {
    writeLine(
      io.stderr,
      'jot: warning: the token has no exp claim and never expires; set one with --exp.',
    )
  }
  if (!args.flag('json')) {
    writeLine(io.stdout, token)
    return
  }
  writeJson(io.stdout, { token, ...decodeUnverified(token) })
}

function readSignOptions(args: ParsedArgs): SignJwtOptions {
  const options: Mutable<SignJwtOptions> = {}
  const exp = args.string('exp')
  if (exp !== undefined) options.expiresInSec = positive(parseDuration(exp, '--exp'), '--exp')
  const issuer = args.string('iss')
  if (issuer !== undefined) options.issuer = issuer
  const audiences = args.strings('aud')
  if (audiences.length > 0) options.audience = audiences.length === 1 ? audiences[0] : audiences
  const subject = args.string('sub')
  if (subject !== undefined) options.subject = subject
  const typ = args.string('typ')
  if (typ !== undefined) options.typ = typ
  const kid = args.string('kid')
  if (kid !== undefined) options.kid = kid
  const now = args.string('now')
  if (now !== undefined) options.now = parseEpochSeconds(now, '--now')
  return options
}

/**
 * Imports the signing key from --key or --secret-file.
 * @throws JotError `OPTION_INVALID` for a missing or conflicting flag or an unreadable file,
 *   `KEY_INVALID` or `KEY_UNSUPPORTED` for key material that cannot be used.
 */
async function loadSigningKey(args: ParsedArgs): Promise<JotKey> {
  const keyPath = args.string('key')
  const secretPath = args.string('secret-file')
  const algText = args.string('alg')
  const alg = algText === undefined ? undefined : parseAlgorithm(algText, '--alg')
  if ((keyPath === undefined) === (secretPath === undefined)) {
    throw new JotError('OPTION_INVALID', 'Pass exactly one of --key FILE and --secret-file FILE.')
  }
  if (secretPath !== undefined) {
    const secret = await readSecretFile(
      secretPath,
      parseSecretEncoding(args.string('secret-encoding')),
    )
    const secretAlg = requireAlg(alg, 'with --secret-file')
    return importFromFile('--secret-file', secretPath, () =>
      importSecret(secret, { alg: secretAlg }),
    )
  }
  const path = keyPath ?? ''
  const content = await readKeyFile(path)
  switch (content.kind) {
    case 'pem': {
      const pemAlg = requireAlg(alg, 'with a PEM key file')
      return importFromFile('--key', path, () => importPem(content.pem, { alg: pemAlg }))
    }
    case 'jwks':
      throw new JotError(
        'OPTION_INVALID',
        `--key "${path}" holds a JWK Set; signing needs a file with one private JWK.`,
      )
    case 'jwk':
      return importSigningJwk(content.jwk, alg, path)
  }
}

function importSigningJwk(jwk: Jwk, alg: JwsAlgorithm | undefined, path: string): Promise<JotKey> {
  const jwkAlg = jwk.alg
  if (alg === undefined) {
    if (jwkAlg === undefined) {
      throw new JotError(
        'OPTION_INVALID',
        `--alg is required because --key "${path}" has no "alg".`,
      )
    }
    return importFromFile('--key', path, () => importJwk(jwk))
  }
  if (jwkAlg !== undefined && jwkAlg !== alg) {
    throw new JotError(
      'OPTION_INVALID',
      `--alg ${alg} differs from the "alg" of --key "${path}" (${describeAlg(jwkAlg)}).`,
    )
  }
  return importFromFile('--key', path, () => importJwk(jwk, { alg }))
}

// The JWK comes from a file, so its alg may be any JSON value despite the Jwk type.
function describeAlg(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 32) : typeof value
}

function requireAlg(alg: JwsAlgorithm | undefined, context: string): JwsAlgorithm {
  if (alg !== undefined) return alg
  throw new JotError('OPTION_INVALID', `--alg is required ${context}.`)
}

/**
 * Reads the claims: the argument, else stdin, else (on a terminal) none; then the --claim flags.
 * @throws JotError `ARGUMENT_INVALID` for claims that are not a JSON object,
 *   `OPTION_INVALID` for a malformed or repeated --claim.
 */
async function readClaims(args: ParsedArgs, io: Io): Promise<Record<string, unknown>> {
  const text = await readClaimsText(args.positionals[0], io)
  const claims = parseClaims(text.trim() === '' ? '{}' : text)
  for (const [name, value] of args.strings('claim').map(parseClaimFlag)) {
    if (Object.hasOwn(claims, name)) {
      throw new JotError(
        'OPTION_INVALID',
        `The claim "${name.slice(0, 64)}" is set twice, by the claims JSON or another --claim; set it once.`,
      )
    }
    // defineProperty keeps a claim named __proto__ an own property instead of a prototype.
    Object.defineProperty(claims, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return claims
}

async function readClaimsText(argument: string | undefined, io: Io): Promise<string> {
  if (argument !== undefined && argument !== '-') return argument
  // Waiting for JSON typed into a terminal would look like a hang, so the claims start empty.
  if (argument === undefined && io.stdin.isTTY === true) return '{}'
  return (await readStdin(io)).toString('utf8')
}

function parseClaims(text: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    throw new JotError('ARGUMENT_INVALID', 'The claims are not valid JSON.', { cause })
  }
  if (!isPlainObject(value)) {
    throw new JotError('ARGUMENT_INVALID', 'The claims must be a JSON object.')
  }
  return value
}

function parseClaimFlag(text: string): [string, unknown] {
  const at = text.indexOf('=')
  if (at <= 0) {
    throw new JotError(
      'OPTION_INVALID',
      `--claim must have the form NAME=VALUE, not "${text.slice(0, 32)}".`,
    )
  }
  const raw = text.slice(at + 1)
  try {
    return [text.slice(0, at), JSON.parse(raw) as unknown]
  } catch {
    return [text.slice(0, at), raw]
  }
}
