import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { importJwk, importPem, thumbprint } from '@jot/core'
import type { Jwk } from '@jot/core'
import { runInProcess } from '../helpers/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'jot-cli-keygen-jwe-'))
after(() => {
  rmSync(dir, { recursive: true, force: true })
})

function readJwk(path: string): Jwk {
  return JSON.parse(readFileSync(path, 'utf8')) as Jwk
}

interface PairCase {
  readonly args: readonly string[]
  readonly kty: string
  readonly crv?: string
  readonly bits?: number
}

const PAIRS: readonly PairCase[] = [
  { args: ['RSA-OAEP'], kty: 'RSA', bits: 2048 },
  { args: ['RSA-OAEP-512', '--bits', '3072'], kty: 'RSA', bits: 3072 },
  { args: ['ECDH-ES'], kty: 'EC', crv: 'P-256' },
  { args: ['ECDH-ES+A128KW', '--crv', 'P-384'], kty: 'EC', crv: 'P-384' },
  { args: ['ECDH-ES+A192KW', '--crv', 'P-521'], kty: 'EC', crv: 'P-521' },
  { args: ['ECDH-ES+A256KW', '--crv', 'X25519'], kty: 'OKP', crv: 'X25519' },
  { args: ['ECDH-ES', '--crv', 'X448'], kty: 'OKP', crv: 'X448' },
]

// Secret keys and their length in bytes: the AES key size, or the CEK size of --enc for dir.
const SECRETS: readonly [readonly string[], number][] = [
  [['A128KW'], 16],
  [['A192KW'], 24],
  [['A256KW'], 32],
  [['A128GCMKW'], 16],
  [['A256GCMKW'], 32],
  [['dir', '--enc', 'A128GCM'], 16],
  [['dir', '--enc', 'A192CBC-HS384'], 48],
  [['dir', '--enc', 'A256CBC-HS512'], 64],
]

describe('keygen for JWE', { concurrency: true }, () => {
  for (const { args, kty, crv, bits } of PAIRS) {
    test(`keygen ${args.join(' ')} writes pair`, async () => {
      const [alg] = args
      const out = join(dir, args.join('_'))

      const result = await runInProcess(['keygen', ...args, '--out', out, '--json'])

      assert.equal(result.stderr, '')
      assert.equal(result.code, 0)
      const privateJwk = readJwk(out)
      const publicJwk = readJwk(`${out}.pub`)
      const kid = await thumbprint(publicJwk)
      assert.deepEqual(JSON.parse(result.stdout), {
        alg,
        kid,
        privateKeyFile: out,
        publicKeyFile: `${out}.pub`,
      })
      assert.equal(statSync(out).mode & 0o777, 0o600)
      assert.equal(privateJwk.kty, kty)
      assert.equal(privateJwk.crv, crv)
      assert.equal(privateJwk.alg, alg)
      assert.equal(privateJwk.kid, kid)
      assert.equal(publicJwk.d, undefined)
      const privateKey = await importJwk(privateJwk)
      const publicKey = await importJwk(publicJwk)
      assert.equal(privateKey.kind, 'private')
      assert.equal(publicKey.kind, 'public')
      assert.equal(publicKey.alg, alg)
      if (bits !== undefined) assert.equal(publicKey.bits, bits)
    })
  }

  for (const [args, bytes] of SECRETS) {
    test(`keygen ${args.join(' ')} writes secret`, async () => {
      const [alg] = args
      const out = join(dir, args.join('_'))

      const result = await runInProcess(['keygen', ...args, '--out', out, '--kid', `${alg}-1`])

      assert.equal(result.stderr, '')
      assert.equal(result.code, 0)
      assert.equal(result.stdout, `Wrote the ${alg} secret to ${out} (mode 0600).\nkid: ${alg}-1\n`)
      assert.equal(existsSync(`${out}.pub`), false)
      assert.equal(statSync(out).mode & 0o777, 0o600)
      const jwk = readJwk(out)
      assert.deepEqual(Object.keys(jwk), ['kty', 'k', 'alg', 'kid'])
      assert.equal(jwk.kty, 'oct')
      assert.equal(jwk.alg, alg)
      assert.equal(Buffer.from(jwk.k ?? '', 'base64url').length, bytes)
      assert.equal((await importJwk(jwk)).alg, alg)
    })
  }

  test('keygen ECDH-ES X25519 as PEM', async () => {
    const result = await runInProcess([
      'keygen',
      'ECDH-ES+A128KW',
      '--crv',
      'X25519',
      '--format',
      'pem',
    ])

    assert.equal(result.stderr, '')
    assert.equal(result.code, 0)
    const key = await importPem(result.stdout, { alg: 'ECDH-ES+A128KW' })
    assert.equal(key.kind, 'private')
    assert.equal(key.crv, 'X25519')
  })

  test('keygen JWE usage errors', async () => {
    const cases: [string[], string][] = [
      [
        ['keygen', 'PBES2-HS256+A128KW'],
        'ARGUMENT_INVALID: jot keygen does not make PBES2-HS256+A128KW keys: PBES2 derives its ' +
          'key from a password a person chooses. Write the password to a file and pass it to ' +
          '"jot encrypt" and "jot decrypt" with --password-file, or generate an A256KW key ' +
          'instead.',
      ],
      [
        ['keygen', 'dir'],
        'OPTION_INVALID: --enc is required for dir: the key is the content encryption key ' +
          'itself, sized for one enc, such as A256GCM.',
      ],
      [
        ['keygen', 'dir', '--enc', 'A512GCM'],
        'OPTION_INVALID: --enc "A512GCM" is not a supported content encryption algorithm; use ' +
          'one of A128CBC-HS256, A192CBC-HS384, A256CBC-HS512, A128GCM, A192GCM, A256GCM.',
      ],
      [
        ['keygen', 'A256KW', '--enc', 'A256GCM'],
        'OPTION_INVALID: --enc does not apply here: --enc sizes dir keys only.',
      ],
      [
        ['keygen', 'A256KW', '--format', 'pem'],
        'OPTION_INVALID: --format pem is not available for A256KW secrets; use jwk.',
      ],
      [
        ['keygen', 'A128GCMKW', '--bits', '2048'],
        'OPTION_INVALID: --bits does not apply here: the A128GCMKW key size is fixed by the ' +
          'algorithm.',
      ],
      [
        ['keygen', 'ECDH-ES', '--crv', 'Ed25519'],
        'OPTION_INVALID: --crv must be "P-256", "P-384", "P-521", "X25519" or "X448", not ' +
          '"Ed25519".',
      ],
      [
        ['keygen', 'ECDH-ES+A256KW', '--bits', '4096'],
        'OPTION_INVALID: --bits does not apply here: ECDH-ES+A256KW is not an RSA algorithm.',
      ],
      [
        ['keygen', 'RSA-OAEP-256', '--crv', 'P-256'],
        'OPTION_INVALID: --crv does not apply here: RSA-OAEP-256 takes no curve; --crv is for ' +
          'EdDSA and ECDH-ES.',
      ],
    ]

    for (const [args, expected] of cases) {
      const result = await runInProcess(args)
      assert.equal(result.stderr, `jot: ${expected}\n`, args.join(' '))
      assert.equal(result.code, 2, args.join(' '))
      assert.equal(result.stdout, '', args.join(' '))
    }
  })
})
