/** `jot keygen`: generates a key pair or a secret key for a JWS or JWE algorithm. */
import { open, unlink } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import {
  JotError,
  exportJwk,
  exportPem,
  exportPublicJwk,
  generateKeyPair,
  generateSecret,
  thumbprint,
} from '@jot/core'
import type { Curve, JweKeyManagementAlgorithm, JwsAlgorithm } from '@jot/core'
import type { Command, ParsedArgs } from '../command.js'
import { writeJson, writeLine } from '../io.js'
import type { Io } from '../io.js'
import { parseContentEncryption, parseInteger, parseKeyAlgorithm } from '../option-values.js'

const DEFAULT_RSA_BITS = 2048
const EDDSA_CURVES: readonly Curve[] = ['Ed25519', 'Ed448']
// RFC 7518 section 4.6 and RFC 8037 section 3.2; the first is the default.
const ECDH_CURVES: readonly Curve[] = ['P-256', 'P-384', 'P-521', 'X25519', 'X448']

type KeyAlgorithm = JwsAlgorithm | JweKeyManagementAlgorithm

export const keygenCommand: Command = {
  name: 'keygen',
  summary: 'Generate a key pair or a secret key for a JWS or JWE algorithm',
  usage: [
    'jot keygen ALG [--kid KID] [--crv CRV] [--bits N] [--enc ENC] [--format jwk|pem] [--out FILE]',
  ],
  description: [
    'Generates a key for ALG and prints the private key (or the secret). ALG is a JWS ' +
      'algorithm (HS256, RS256, PS256, ES256, EdDSA, ...) or a JWE key management algorithm: ' +
      'RSA-OAEP* and ECDH-ES* make key pairs; A*KW, A*GCMKW and dir make secret keys. PBES2 ' +
      'keys are passwords a person chooses, so keygen does not make them: write the password ' +
      'to a file and give it to "jot encrypt" and "jot decrypt" with --password-file.',
    'With --out, it writes the private key to FILE with mode 0600 and the public key to ' +
      'FILE.pub, or only FILE for a secret, and prints what it wrote; an existing file is ' +
      'never overwritten. JWK output carries "alg" and "kid", so sign, verify, encrypt and ' +
      'decrypt need no --alg with it.',
    'With --json: { "alg", "kid", "privateKey", "publicKey" } (a secret: "secret"), or with ' +
      '--out { "alg", "kid", "privateKeyFile", "publicKeyFile" } (a secret: "secretFile").',
  ],
  options: {
    kid: {
      type: 'string',
      value: 'KID',
      help: 'Key ID. Default: the RFC 7638 thumbprint of the key.',
    },
    crv: {
      type: 'string',
      value: 'CRV',
      help: 'Curve for EdDSA: Ed25519 (default) or Ed448. For ECDH-ES*: P-256 (default), P-384, P-521, X25519 or X448.',
    },
    bits: {
      type: 'string',
      value: 'N',
      help: `RSA modulus size in bits for RSA keys, 2048 to 16384. Default ${DEFAULT_RSA_BITS}.`,
    },
    enc: {
      type: 'string',
      value: 'ENC',
      help: 'For dir: the content encryption algorithm the key serves, which sets its size, such as A256GCM. Required for dir.',
    },
    format: {
      type: 'string',
      value: 'FMT',
      help: 'Output format: jwk (default) or pem (PKCS#8 and SPKI; not for secrets).',
    },
    out: {
      type: 'string',
      value: 'FILE',
      help: 'Write the private key to FILE (mode 0600) and the public key to FILE.pub.',
    },
  },
  positionals: ['ALG'],
  run: runKeygen,
}

/** A generated key, serialized; a secret has no public half. */
interface GeneratedKey {
  readonly alg: KeyAlgorithm
  readonly kid: string
  readonly privateKey: unknown
  readonly publicKey: unknown
}

/** The files keygen wrote, as reported by --json. */
type WrittenFiles =
  | { readonly secretFile: string }
  | { readonly privateKeyFile: string; readonly publicKeyFile: string }

async function runKeygen(args: ParsedArgs, io: Io): Promise<void> {
  const algText = args.positionals[0]
  if (algText === undefined) {
    throw new JotError('ARGUMENT_INVALID', 'ALG is missing: name the algorithm, such as ES256.')
  }
  const alg = parseKeyAlgorithm(algText, 'ALG')
  const format = parseFormat(args.string('format'))
  if (alg.startsWith('PBES2-')) {
    throw new JotError(
      'ARGUMENT_INVALID',
      `jot keygen does not make ${alg} keys: PBES2 derives its key from a password a person ` +
        'chooses. Write the password to a file and pass it to "jot encrypt" and "jot decrypt" ' +
        'with --password-file, or generate an A256KW key instead.',
    )
  }
  if (alg !== 'dir') rejectFlag(args, 'enc', '--enc sizes dir keys only')

  const generated = isSecretAlgorithm(alg)
    ? await generateSecretKey(alg, args, format)
    : await generatePair(alg, args, format)

  const out = args.string('out')
  if (out !== undefined) {
    const files = await writeKeyFiles(generated, out)
    if (args.flag('json')) writeJson(io.stdout, { alg, kid: generated.kid, ...files })
    else reportWrittenFiles(generated, files, io)
    return
  }
  if (args.flag('json')) {
    const { alg: keyAlg, kid, privateKey, publicKey } = generated
    writeJson(
      io.stdout,
      publicKey === undefined ? { alg: keyAlg, kid, secret: privateKey } : generated,
    )
    return
  }
  io.stdout.write(serialize(generated.privateKey))
}

function parseFormat(text: string | undefined): 'jwk' | 'pem' {
  if (text === undefined || text === 'jwk') return 'jwk'
  if (text === 'pem') return 'pem'
  throw new JotError(
    'OPTION_INVALID',
    `--format must be "jwk" or "pem", not "${text.slice(0, 32)}".`,
  )
}

// HMAC secrets, AES key wrapping keys, and dir keys (the CEK itself) are secret keys.
function isSecretAlgorithm(alg: KeyAlgorithm): boolean {
  return alg.startsWith('HS') || alg === 'dir' || /^A\d{3}(GCM)?KW$/.test(alg)
}

async function generateSecretKey(
  alg: KeyAlgorithm,
  args: ParsedArgs,
  format: 'jwk' | 'pem',
): Promise<GeneratedKey> {
  rejectFlag(args, 'crv', `${alg} takes no curve`)
  rejectFlag(args, 'bits', `the ${alg} key size is fixed by the algorithm`)
  if (format === 'pem') {
    throw new JotError(
      'OPTION_INVALID',
      `--format pem is not available for ${alg} secrets; use jwk.`,
    )
  }
  const secret = await generateSecret(alg, alg === 'dir' ? { enc: readDirEnc(args) } : {})
  const jwk = await exportJwk(secret)
  const kid = args.string('kid') ?? (await thumbprint(jwk))
  return { alg, kid, privateKey: { ...jwk, alg, kid }, publicKey: undefined }
}

function readDirEnc(args: ParsedArgs) {
  const text = args.string('enc')
  if (text === undefined) {
    throw new JotError(
      'OPTION_INVALID',
      '--enc is required for dir: the key is the content encryption key itself, sized for ' +
        'one enc, such as A256GCM.',
    )
  }
  return parseContentEncryption(text, '--enc')
}

async function generatePair(
  alg: KeyAlgorithm,
  args: ParsedArgs,
  format: 'jwk' | 'pem',
): Promise<GeneratedKey> {
  const isRsa = alg.startsWith('RS') || alg.startsWith('PS')
  const curves = alg === 'EdDSA' ? EDDSA_CURVES : alg.startsWith('ECDH-ES') ? ECDH_CURVES : []
  if (curves.length === 0) {
    const reason = isRsa ? `${alg} takes no curve` : `${alg} fixes its curve`
    rejectFlag(args, 'crv', `${reason}; --crv is for EdDSA and ECDH-ES`)
  }
  if (!isRsa) rejectFlag(args, 'bits', `${alg} is not an RSA algorithm`)
  const crv = curves.length === 0 ? undefined : parseCurve(args.string('crv'), curves)
  const bitsText = args.string('bits')
  const modulusLength = isRsa
    ? bitsText === undefined
      ? DEFAULT_RSA_BITS
      : parseInteger(bitsText, '--bits', 2048, 16384)
    : undefined

  const { privateKey, publicKey } = await generateKeyPair(alg, {
    ...(crv === undefined ? {} : { crv }),
    ...(modulusLength === undefined ? {} : { modulusLength }),
  })
  const kid = args.string('kid') ?? (await thumbprint(publicKey))
  if (format === 'pem') {
    return {
      alg,
      kid,
      privateKey: await exportPem(privateKey),
      publicKey: await exportPem(publicKey),
    }
  }
  return {
    alg,
    kid,
    privateKey: { ...(await exportJwk(privateKey)), alg, kid },
    publicKey: { ...(await exportPublicJwk(publicKey)), alg, kid },
  }
}

function parseCurve(text: string | undefined, curves: readonly Curve[]): Curve {
  const curve = text === undefined ? curves[0] : curves.find((name) => name === text)
  if (curve !== undefined) return curve
  const names = curves.map((name) => `"${name}"`)
  throw new JotError(
    'OPTION_INVALID',
    `--crv must be ${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}, not ` +
      `"${(text ?? '').slice(0, 32)}".`,
  )
}

function rejectFlag(args: ParsedArgs, name: string, reason: string): void {
  if (args.string(name) !== undefined) {
    throw new JotError('OPTION_INVALID', `--${name} does not apply here: ${reason}.`)
  }
}

function serialize(key: unknown): string {
  return typeof key === 'string' ? ensureNewline(key) : JSON.stringify(key, null, 2) + '\n'
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : text + '\n'
}

/**
 * Writes the private key (mode 0600) and the public key (mode 0644). Both files are created
 * before either is written, and a failure removes both, so no half-written pair is left.
 * @throws JotError `OPTION_INVALID` when a file exists or cannot be created.
 */
async function writeKeyFiles(key: GeneratedKey, out: string): Promise<WrittenFiles> {
  const publicPath = `${out}.pub`
  const handles: FileHandle[] = []
  const created: string[] = []
  try {
    const privateFile = await createExclusive(out, 0o600)
    handles.push(privateFile)
    created.push(out)
    if (key.publicKey !== undefined) {
      const publicFile = await createExclusive(publicPath, 0o644)
      handles.push(publicFile)
      created.push(publicPath)
      await publicFile.writeFile(serialize(key.publicKey))
    }
    await privateFile.writeFile(serialize(key.privateKey))
  } catch (error) {
    await Promise.all(handles.map((handle) => handle.close()))
    await Promise.all(created.map((path) => unlink(path)))
    throw error
  }
  await Promise.all(handles.map((handle) => handle.close()))
  return key.publicKey === undefined
    ? { secretFile: out }
    : { privateKeyFile: out, publicKeyFile: publicPath }
}

function reportWrittenFiles(key: GeneratedKey, files: WrittenFiles, io: Io): void {
  if ('secretFile' in files) {
    writeLine(io.stdout, `Wrote the ${key.alg} secret to ${files.secretFile} (mode 0600).`)
  } else {
    writeLine(io.stdout, `Wrote the ${key.alg} private key to ${files.privateKeyFile} (mode 0600).`)
    writeLine(io.stdout, `Wrote the public key to ${files.publicKeyFile}.`)
  }
  writeLine(io.stdout, `kid: ${key.kid}`)
}

async function createExclusive(path: string, mode: number): Promise<FileHandle> {
  try {
    return await open(path, 'wx', mode)
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    const reason =
      code === 'EEXIST'
        ? 'already exists; remove it or choose another --out path'
        : `cannot be created (${code ?? 'write error'})`
    throw new JotError('OPTION_INVALID', `--out "${path}" ${reason}.`, { cause })
  }
}
