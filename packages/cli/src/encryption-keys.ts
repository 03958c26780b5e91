/** The keys `jot encrypt` and `jot decrypt` use: a key file, a secret file or a password file. */
import {
  JotError,
  importJwk,
  importPem,
  importSecret,
  isJweKeyManagementAlgorithm,
} from '@jot/core'
import type { DecryptionKeyResolver, JotKey, Jwk, JweKeyManagementAlgorithm } from '@jot/core'
import type { OptionSpecs, ParsedArgs } from './command.js'
import {
  importFromFile,
  parseSecretEncoding,
  readBoundedFile,
  readKeyFile,
  readSecretFile,
} from './key-files.js'
import type { SecretEncoding } from './key-files.js'

/** The key option a command was given: exactly one of --key, --secret-file and --password-file. */
export type EncryptionKeySource =
  | { readonly kind: 'key-file'; readonly path: string }
  | { readonly kind: 'secret-file'; readonly path: string; readonly encoding: SecretEncoding }
  | { readonly kind: 'password-file'; readonly path: string }

/** Decryption keys with the key management algorithms they pin. */
export interface DecryptionKeys {
  /**
   * Returns the import bound to the JWE's `alg`. The JWE's `kid` plays no part: the user named
   * the key, and a kid that differs then ends in DECRYPTION_FAILED like any wrong key.
   */
  readonly keys: DecryptionKeyResolver
  readonly algorithms: readonly JweKeyManagementAlgorithm[]
}

// Imports the key's material bound to one algorithm.
type ImportAs = (alg: JweKeyManagementAlgorithm) => Promise<JotKey>

/** How to import a key, and the `alg` of a JWK that carries one. */
interface PreparedImport {
  readonly importAs: ImportAs
  readonly jwkAlg: JweKeyManagementAlgorithm | undefined
}

/** The options that name the key, as messages list them. */
const KEY_SOURCE_FLAGS = ['--key FILE', '--secret-file FILE', '--password-file FILE']

/**
 * Reads which key flag was given.
 * @throws JotError `OPTION_INVALID` unless exactly one of the three was given.
 */
export function readEncryptionKeySource(args: ParsedArgs): EncryptionKeySource {
  const keyPath = args.string('key')
  const secretPath = args.string('secret-file')
  const passwordPath = args.string('password-file')
  const sources = [keyPath, secretPath, passwordPath].filter((value) => value !== undefined)
  if (sources.length === 1) {
    if (keyPath !== undefined) return { kind: 'key-file', path: keyPath }
    if (passwordPath !== undefined) return { kind: 'password-file', path: passwordPath }
    if (secretPath !== undefined) {
      const encoding = parseSecretEncoding(args.string('secret-encoding'))
      return { kind: 'secret-file', path: secretPath, encoding }
    }
  }
  throw new JotError('OPTION_INVALID', `Pass exactly one of ${KEY_SOURCE_FLAGS.join(', ')}.`)
}

/**
 * Imports the recipient's key for encrypting. The algorithm is `alg`, else the JWK's `alg`.
 * @throws JotError `OPTION_INVALID` for a missing or conflicting algorithm or an unusable file,
 *   `KEY_INVALID` or `KEY_UNSUPPORTED` for key material that cannot be used.
 */
export async function loadEncryptionKey(
  source: EncryptionKeySource,
  alg: JweKeyManagementAlgorithm | undefined,
): Promise<JotKey> {
  const { importAs, jwkAlg } = await prepareImport(source, alg === undefined ? [] : [alg])
  const bound = alg ?? jwkAlg
  if (bound === undefined) throw algRequired(source)
  return importAs(bound)
}

/**
 * Imports the decryption key once for each algorithm in `algorithms` that it fits, or for the
 * JWK's own `alg` when `algorithms` is undefined.
 * @throws JotError `OPTION_INVALID` for a missing or conflicting algorithm or an unusable file,
 *   `KEY_INVALID` or `KEY_UNSUPPORTED` when the material fits none of the algorithms.
 */
export async function loadDecryptionKeys(
  source: EncryptionKeySource,
  algorithms: readonly JweKeyManagementAlgorithm[] | undefined,
): Promise<DecryptionKeys> {
  const { importAs, jwkAlg } = await prepareImport(source, algorithms ?? [])
  if (jwkAlg !== undefined) return byAlgorithm([await importAs(jwkAlg)])
  if (algorithms === undefined) throw algRequired(source)

  const settled = await Promise.allSettled(algorithms.map((alg) => importAs(alg)))
  const keys = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  if (keys.length > 0) return byAlgorithm(keys)
  const first = settled.find((result) => result.status === 'rejected')
  throw first?.reason instanceof Error ? first.reason : new Error('The key cannot be imported.')
}

function byAlgorithm(keys: readonly JotKey[]): DecryptionKeys {
  return {
    keys: (header) => keys.find((key) => key.alg === header.alg),
    algorithms: keys.map((key) => key.alg).filter(isJweKeyManagementAlgorithm),
  }
}

/**
 * Reads the key file and returns how to import it. For a JWK with `alg`, that algorithm is
 * returned, and `algorithms` (from --alg) must include it when given.
 */
async function prepareImport(
  source: EncryptionKeySource,
  algorithms: readonly JweKeyManagementAlgorithm[],
): Promise<PreparedImport> {
  switch (source.kind) {
    case 'password-file': {
      const password = await readPasswordFile(source.path)
      for (const alg of algorithms) requirePasswordAlgorithm(alg)
      return { importAs: importer('--password-file', source.path, password), jwkAlg: undefined }
    }
    case 'secret-file': {
      const secret = await readSecretFile(source.path, source.encoding)
      for (const alg of algorithms) rejectPasswordAlgorithm(alg)
      return { importAs: importer('--secret-file', source.path, secret), jwkAlg: undefined }
    }
    case 'key-file':
      return prepareKeyFileImport(source.path, algorithms)
  }
}

async function prepareKeyFileImport(
  path: string,
  algorithms: readonly JweKeyManagementAlgorithm[],
): Promise<PreparedImport> {
  const content = await readKeyFile(path)
  switch (content.kind) {
    case 'jwks':
      throw new JotError(
        'OPTION_INVALID',
        `--key "${path}" contains a JWK Set; name a file with the one JWK to use.`,
      )
    case 'pem': {
      const importAs: ImportAs = (alg) =>
        importFromFile('--key', path, () => importPem(content.pem, { alg }))
      return { importAs, jwkAlg: undefined }
    }
    case 'jwk':
      return prepareJwkImport(content.jwk, path, algorithms)
  }
}

function prepareJwkImport(
  jwk: Jwk,
  path: string,
  algorithms: readonly JweKeyManagementAlgorithm[],
): PreparedImport {
  const importAs: ImportAs = (alg) => importFromFile('--key', path, () => importJwk(jwk, { alg }))
  // The JWK comes from a file, so its alg may be any JSON value despite the Jwk type.
  const jwkAlg: unknown = jwk.alg
  if (jwkAlg === undefined) return { importAs, jwkAlg: undefined }
  if (!isJweKeyManagementAlgorithm(jwkAlg)) {
    const algText = typeof jwkAlg === 'string' ? jwkAlg.slice(0, 32) : typeof jwkAlg
    throw new JotError(
      'KEY_INVALID',
      `--key "${path}" is bound to ${algText}, which is not a JWE key management algorithm; ` +
        'encryption needs a key made for it, such as one from "jot keygen ECDH-ES+A256KW".',
    )
  }
  if (algorithms.length > 0 && !algorithms.includes(jwkAlg)) {
    throw new JotError(
      'OPTION_INVALID',
      `--alg ${algorithms.join(',')} does not include ${jwkAlg}, the "alg" of --key "${path}".`,
    )
  }
  return { importAs, jwkAlg }
}

function importer(flag: string, path: string, bytes: Uint8Array): ImportAs {
  return (alg) => importFromFile(flag, path, () => importSecret(bytes, { alg }))
}

/**
 * Reads a password file: its bytes, minus one trailing line break, which editors and `echo`
 * add.
 * @throws JotError `OPTION_INVALID` for an unreadable or empty file.
 */
async function readPasswordFile(path: string): Promise<Uint8Array> {
  const bytes = await readBoundedFile(path, '--password-file')
  let end = bytes.length
  if (bytes[end - 1] === 0x0a) {
    end -= 1
    if (bytes[end - 1] === 0x0d) end -= 1
  }
  if (end === 0) throw new JotError('OPTION_INVALID', `--password-file "${path}" is empty.`)
  return bytes.subarray(0, end)
}

function requirePasswordAlgorithm(alg: JweKeyManagementAlgorithm): void {
  if (alg.startsWith('PBES2-')) return
  throw new JotError(
    'OPTION_INVALID',
    `--password-file is for the PBES2 algorithms; ${alg} takes --key or --secret-file.`,
  )
}

function rejectPasswordAlgorithm(alg: JweKeyManagementAlgorithm): void {
  if (!alg.startsWith('PBES2-')) return
  throw new JotError(
    'OPTION_INVALID',
    `${alg} derives its key from a password; pass the password with --password-file.`,
  )
}

function algRequired(source: EncryptionKeySource): JotError {
  const context =
    source.kind === 'key-file'
      ? `because --key "${source.path}" has no "alg"`
      : `with --${source.kind}`
  return new JotError('OPTION_INVALID', `--alg is required ${context}.`)
}

/** The options that read a JWE secret key or a PBES2 password from a file, shared by encrypt and decrypt. */
export const JWE_SECRET_OPTIONS: OptionSpecs = {
  'secret-file': {
    type: 'string',
    value: 'FILE',
    help: 'Key bytes for A*KW, A*GCMKW and dir. By default the exact bytes of the file.',
  },
  'secret-encoding': {
    type: 'string',
    value: 'ENC',
    help: 'How --secret-file encodes the key: raw (default) or base64url.',
  },
  'password-file': {
    type: 'string',
    value: 'FILE',
    help: 'Password for PBES2, without one trailing line break.',
  },
}
