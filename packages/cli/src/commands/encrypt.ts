/** `jot encrypt`: encrypts a plaintext to a recipient as a JWE. */
import { JotError, encryptCompact, encryptJson } from '@jot/core'
import type { JweContentEncryptionAlgorithm } from '@jot/core'
import type { Command, ParsedArgs } from '../command.js'
import {
  JWE_SECRET_OPTIONS,
  loadEncryptionKey,
  readEncryptionKeySource,
} from '../encryption-keys.js'
import { readStdin, writeJson, writeLine } from '../io.js'
import type { Io } from '../io.js'
import { parseContentEncryption, parseInteger, parseJweAlgorithm } from '../option-values.js'

/**
 * Largest plaintext accepted: 512 KiB. Its JWE, about 4/3 as long, stays within the 1 MiB that
 * `jot decrypt` reads.
 */
const MAX_PLAINTEXT_BYTES = 512 * 1024
// jot's lower bound for PBES2 (RFC 7518 section 4.8.1.2 recommends at least 1000), and a
// ceiling that keeps PBKDF2 within seconds.
const MIN_P2C = 1000
const MAX_P2C = 10_000_000

type Serialization = 'compact' | 'flattened' | 'general'

/** The encryption settings besides the plaintext and the key. */
interface EncryptSettings {
  readonly enc: JweContentEncryptionAlgorithm
  readonly zip: boolean
  readonly pbes2Count: number | undefined
  readonly header: Readonly<Record<string, string>>
  readonly serialization: Serialization
}

export const encryptCommand: Command = {
  name: 'encrypt',
  summary: 'Encrypt a plaintext to a recipient as a JWE',
  usage: [
    'jot encrypt [PLAINTEXT] --key FILE [--alg ALG] --enc ENC [--zip] [--cty CTY] [--kid KID]',
    'jot encrypt [PLAINTEXT] --secret-file FILE --alg A256KW|A256GCMKW|dir --enc ENC ...',
    'jot encrypt [PLAINTEXT] --password-file FILE --alg PBES2-HS512+A256KW --enc ENC [--p2c N]',
  ],
  description: [
    'Encrypts PLAINTEXT (as UTF-8), or the bytes of stdin when it is absent or "-", and prints ' +
      'the compact JWE. The plaintext may have up to 512 KiB.',
    "--key takes the recipient's public key for RSA-OAEP and ECDH-ES (a JWK or PEM file), or " +
      'a secret JWK from "jot keygen A256KW" and the like. --secret-file takes raw key bytes ' +
      'for A*KW, A*GCMKW and dir. --password-file takes a password for PBES2 (one trailing line ' +
      'break is removed). --alg is required unless the JWK carries "alg".',
    'To encrypt a signed JWT, pipe "jot sign" into "jot encrypt --cty JWT", which removes the ' +
      'line break around the token; "jot decrypt --verify-key" opens the result.',
    'With --json: { "token", "protectedHeader" }, or with --json-serialization ' +
      '{ "jwe", "protectedHeader" }.',
  ],
  options: {
    key: {
      type: 'string',
      value: 'FILE',
      help: 'Recipient key: a JWK (public, or a secret) or a PEM public key.',
    },
    ...JWE_SECRET_OPTIONS,
    alg: {
      type: 'string',
      value: 'ALG',
      help: 'Key management algorithm, such as ECDH-ES+A256KW. Default: the "alg" of the JWK.',
    },
    enc: {
      type: 'string',
      value: 'ENC',
      help: 'Content encryption algorithm: A128GCM, A192GCM, A256GCM, A128CBC-HS256, A192CBC-HS384 or A256CBC-HS512. Required.',
    },
    zip: {
      type: 'boolean',
      help: 'Compress with DEFLATE first. The compressed length reveals how repetitive the plaintext is (RFC 8725 section 3.6). Default off.',
    },
    cty: { type: 'string', value: 'CTY', help: 'Header cty, such as JWT for a signed JWT.' },
    kid: { type: 'string', value: 'KID', help: 'Header kid. Default: the kid of the key, if any.' },
    p2c: {
      type: 'string',
      value: 'N',
      help: `PBES2 iteration count, ${MIN_P2C} to ${MAX_P2C}. Default 600000.`,
    },
    'json-serialization': {
      type: 'string',
      value: 'FORM',
      help: 'Print the JWE in the JSON serialization, flattened or general, instead of compact.',
    },
  },
  positionals: ['PLAINTEXT'],
  run: runEncrypt,
}

async function runEncrypt(args: ParsedArgs, io: Io): Promise<void> {
  const source = readEncryptionKeySource(args)
  const algText = args.string('alg')
  const alg = algText === undefined ? undefined : parseJweAlgorithm(algText, '--alg')
  const settings = readSettings(args)
  const key = await loadEncryptionKey(source, alg)
  if (settings.pbes2Count !== undefined && !key.alg.startsWith('PBES2-')) {
    throw new JotError('OPTION_INVALID', `--p2c applies to PBES2 algorithms only, not ${key.alg}.`)
  }
  const plaintext = await readPlaintext(args.positionals[0], io, settings.header['cty'])

  const options = {
    enc: settings.enc,
    ...(settings.zip ? { zip: 'DEF' as const } : {}),
    ...(settings.pbes2Count === undefined ? {} : { pbes2Count: settings.pbes2Count }),
  }
  if (settings.serialization === 'compact') {
    const token = await encryptCompact(plaintext, key, { ...options, header: settings.header })
    if (args.flag('json')) {
      writeJson(io.stdout, { token, protectedHeader: decodeHeader(token.split('.')[0]) })
    } else writeLine(io.stdout, token)
    return
  }
  const jwe = await encryptJson(plaintext, key, {
    ...options,
    serialization: settings.serialization,
    protectedHeader: settings.header,
  })
  if (args.flag('json')) writeJson(io.stdout, { jwe, protectedHeader: decodeHeader(jwe.protected) })
  else writeLine(io.stdout, JSON.stringify(jwe))
}

function readSettings(args: ParsedArgs): EncryptSettings {
  const encText = args.string('enc')
  if (encText === undefined) {
    throw new JotError(
      'OPTION_INVALID',
      '--enc is required: name the content encryption algorithm, such as A256GCM.',
    )
  }
  const p2c = args.string('p2c')
  const header: Record<string, string> = {}
  const cty = args.string('cty')
  if (cty !== undefined) header['cty'] = cty
  const kid = args.string('kid')
  if (kid !== undefined) header['kid'] = kid
  return {
    enc: parseContentEncryption(encText, '--enc'),
    zip: args.flag('zip'),
    pbes2Count: p2c === undefined ? undefined : parseInteger(p2c, '--p2c', MIN_P2C, MAX_P2C),
    header,
    serialization: parseSerialization(args.string('json-serialization')),
  }
}

function parseSerialization(text: string | undefined): Serialization {
  if (text === undefined) return 'compact'
  if (text === 'flattened' || text === 'general') return text
  throw new JotError(
    'OPTION_INVALID',
    `--json-serialization must be "flattened" or "general", not "${text.slice(0, 32)}".`,
  )
}

/**
 * Reads the plaintext: the argument as UTF-8, else the bytes of stdin. With cty JWT, stdin is
 * a token, such as the output of "jot sign", and surrounding whitespace is removed.
 * @throws JotError `ARGUMENT_INVALID` for no plaintext at a terminal, or one over 512 KiB.
 */
async function readPlaintext(
  argument: string | undefined,
  io: Io,
  cty: string | undefined,
): Promise<string | Uint8Array> {
  const tooLarge = new JotError(
    'ARGUMENT_INVALID',
    `The plaintext is larger than ${MAX_PLAINTEXT_BYTES} bytes.`,
  )
  if (argument !== undefined && argument !== '-') {
    if (Buffer.byteLength(argument) > MAX_PLAINTEXT_BYTES) throw tooLarge
    return argument
  }
  // Waiting for text typed into a terminal would look like a hang.
  if (argument === undefined && io.stdin.isTTY === true) {
    throw new JotError(
      'ARGUMENT_INVALID',
      'PLAINTEXT is missing: pass it as an argument, or pipe it on stdin.',
    )
  }
  let bytes: Buffer
  try {
    bytes = await readStdin(io, MAX_PLAINTEXT_BYTES)
  } catch (error) {
    if (error instanceof JotError && error.code === 'INPUT_TOO_LARGE') throw tooLarge
    throw error
  }
  // RFC 7519 section 5.2 recommends the uppercase "JWT"; media types are case-insensitive.
  return cty?.toUpperCase() === 'JWT' ? bytes.toString('utf8').trim() : bytes
}

// The header was just made by encryptCompact or encryptJson, so it is valid base64url JSON.
function decodeHeader(segment: string | undefined): unknown {
  return JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'))
}
