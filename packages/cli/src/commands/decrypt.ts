/** `jot decrypt`: decrypts a JWE and prints its plaintext, or verifies the JWT inside it. */
import { JotError, decryptAndVerifyJwt, decryptCompact, decryptJson } from '@jot/core'
import type { DecryptOptions, JweContentEncryptionAlgorithm } from '@jot/core'
import {
  CLAIM_CHECK_OPTIONS,
  givenClaimCheckFlags,
  readClaimCheckOptions,
} from '../claim-options.js'
import type { Command, ParsedArgs } from '../command.js'
import {
  JWE_SECRET_OPTIONS,
  loadDecryptionKeys,
  readEncryptionKeySource,
} from '../encryption-keys.js'
import type { DecryptionKeys } from '../encryption-keys.js'
import { MAX_INPUT_BYTES, readTokenInput, writeJson } from '../io.js'
import type { Io } from '../io.js'
import {
  parseAlgorithmList,
  parseContentEncryption,
  parseInteger,
  parseJweAlgorithm,
  parseList,
} from '../option-values.js'
import { loadVerificationKeys } from '../verification-keys.js'

const MIN_P2C = 1000
const MAX_P2C = 10_000_000

export const decryptCommand: Command = {
  name: 'decrypt',
  summary: 'Decrypt a JWE and print its plaintext, or the claims of a signed JWT inside it',
  usage: [
    'jot decrypt [TOKEN] --key FILE [--alg ALG[,ALG]] [--enc ENC[,ENC]]',
    'jot decrypt [TOKEN] --secret-file FILE --alg A256KW|A256GCMKW|dir [--enc ENC[,ENC]]',
    'jot decrypt [TOKEN] --password-file FILE --alg PBES2-HS512+A256KW [--max-p2c N]',
    'jot decrypt [TOKEN] --key FILE --verify-key FILE [--verify-alg ALG] [--iss ISS] ...',
  ],
  description: [
    'Decrypts a JWE, compact or in a JSON serialization, and writes its plaintext to stdout ' +
      'exactly as decrypted, without a line break added. TOKEN is read from stdin when absent ' +
      'or "-".',
    "--key takes the recipient's private key (a JWK or PEM file) or a secret JWK. " +
      '--secret-file and --password-file work as for "jot encrypt". --alg is required unless ' +
      'the JWK carries "alg": the recipient, not the token, chooses the algorithm. Every ' +
      'decryption failure reads the same, whatever step failed.',
    'With --verify-key, the JWE must contain a signed JWT (cty "JWT"): its signature is ' +
      'verified with that key, then its claims as "jot verify" does, and the claims are ' +
      'printed. The claim options, --iss to --now, apply only with --verify-key.',
    'Exit code 0 on success, 1 for a token that does not decrypt or verify, 2 for a usage ' +
      'error. With --json: { "protectedHeader", "plaintext", "plaintextEncoding" }, where ' +
      'plaintextEncoding is "utf-8" for text and "base64url" otherwise; for the JSON ' +
      'serialization also "recipientIndex" and the unprotected headers; with --verify-key ' +
      '{ "header", "claims", "encryptionHeader" }.',
  ],
  options: {
    key: {
      type: 'string',
      value: 'FILE',
      help: 'Decryption key: a private JWK or PEM file, or a secret JWK.',
    },
    ...JWE_SECRET_OPTIONS,
    alg: {
      type: 'string',
      value: 'ALG[,ALG]',
      multiple: true,
      help: 'Accepted key management algorithms, comma-separated or repeated. Required unless the JWK carries "alg".',
    },
    enc: {
      type: 'string',
      value: 'ENC[,ENC]',
      multiple: true,
      help: 'Accepted content encryption algorithms. Default: all six.',
    },
    'max-p2c': {
      type: 'string',
      value: 'N',
      help: `Largest PBES2 iteration count accepted, ${MIN_P2C} to ${MAX_P2C}, checked before any PBKDF2 work. Default 1000000.`,
    },
    'verify-key': {
      type: 'string',
      value: 'FILE',
      help: 'Verify the signed JWT inside the JWE with this key: a JWK, JWK Set or PEM file.',
    },
    'verify-alg': {
      type: 'string',
      value: 'ALG[,ALG]',
      multiple: true,
      help: 'Accepted signature algorithms of the inner JWT. Required unless the --verify-key keys carry "alg".',
    },
    ...CLAIM_CHECK_OPTIONS,
  },
  positionals: ['TOKEN'],
  run: runDecrypt,
}

async function runDecrypt(args: ParsedArgs, io: Io): Promise<void> {
  const source = readEncryptionKeySource(args)
  const algorithms = parseList(args.strings('alg'), '--alg', parseJweAlgorithm)
  const verifyPath = args.string('verify-key')
  if (verifyPath === undefined) rejectVerifyFlags(args)
  const token = await readTokenInput(io, args.positionals[0])

  const keys = await loadDecryptionKeys(source, algorithms)
  const options = readDecryptOptions(args, keys)
  if (verifyPath !== undefined) {
    await decryptNested(token, keys, options, verifyPath, args, io)
    return
  }
  if (token.startsWith('{')) {
    const result = await decryptJson(token, keys.keys, options)
    if (!args.flag('json')) {
      io.stdout.write(result.plaintext)
      return
    }
    writeJson(io.stdout, {
      protectedHeader: result.protectedHeader,
      unprotectedHeader: result.sharedUnprotectedHeader,
      recipientHeader: result.recipientHeader,
      recipientIndex: result.recipientIndex,
      ...describePlaintext(result.plaintext),
    })
    return
  }
  const { plaintext, protectedHeader } = await decryptCompact(token, keys.keys, options)
  if (args.flag('json')) writeJson(io.stdout, { protectedHeader, ...describePlaintext(plaintext) })
  else io.stdout.write(plaintext)
}

function readDecryptOptions(args: ParsedArgs, keys: DecryptionKeys): DecryptOptions {
  const encs: JweContentEncryptionAlgorithm[] | undefined = parseList(
    args.strings('enc'),
    '--enc',
    parseContentEncryption,
  )
  const maxP2cText = args.string('max-p2c')
  const maxP2c =
    maxP2cText === undefined ? undefined : parseInteger(maxP2cText, '--max-p2c', MIN_P2C, MAX_P2C)
  if (maxP2c !== undefined && !keys.algorithms.some((alg) => alg.startsWith('PBES2-'))) {
    throw new JotError('OPTION_INVALID', '--max-p2c applies to PBES2 algorithms only.')
  }
  return {
    keyManagementAlgorithms: keys.algorithms,
    ...(encs === undefined ? {} : { contentEncryptionAlgorithms: encs }),
    ...(maxP2c === undefined ? {} : { maxPbes2Count: maxP2c }),
    // `jot encrypt` makes tokens of up to about 700 KiB, and the CLI reads at most 1 MiB, so
    // the library's default of 16384 characters would reject them.
    maxTokenLength: MAX_INPUT_BYTES,
  }
}

async function decryptNested(
  token: string,
  keys: DecryptionKeys,
  decryption: DecryptOptions,
  verifyPath: string,
  args: ParsedArgs,
  io: Io,
): Promise<void> {
  const algorithms = parseAlgorithmList(args.strings('verify-alg'), '--verify-alg')
  const verification = await loadVerificationKeys(
    { kind: 'key-file', path: verifyPath },
    algorithms,
    '--verify-key',
  )
  const { header, claims, encryptionHeader } = await decryptAndVerifyJwt(
    token,
    { decryptionKeys: keys.keys, verificationKeys: verification.keys },
    {
      ...readClaimCheckOptions(args),
      decryption,
      verification: { algorithms: verification.algorithms },
    },
  )
  if (args.flag('json')) writeJson(io.stdout, { header, claims, encryptionHeader })
  else writeJson(io.stdout, claims)
}

function rejectVerifyFlags(args: ParsedArgs): void {
  const flags = givenClaimCheckFlags(args)
  if (args.strings('verify-alg').length > 0) flags.unshift('--verify-alg')
  if (flags.length === 0) return
  throw new JotError(
    'OPTION_INVALID',
    `${flags.join(', ')} ${flags.length === 1 ? 'applies' : 'apply'} only with --verify-key, ` +
      'which checks the signed JWT inside the JWE.',
  )
}

// JSON cannot carry bytes, so a plaintext that is not UTF-8 is given as base64url, and
// plaintextEncoding names the encoding.
function describePlaintext(plaintext: Uint8Array): {
  plaintext: string
  plaintextEncoding: 'utf-8' | 'base64url'
} {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(plaintext)
    return { plaintext: text, plaintextEncoding: 'utf-8' }
  } catch {
    return {
      plaintext: Buffer.from(plaintext).toString('base64url'),
      plaintextEncoding: 'base64url',
    }
  }
}
