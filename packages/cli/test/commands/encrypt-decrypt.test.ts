import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { exportJwk, exportPem, generateKeyPair, importJwk, signAndEncryptJwt } from '@jot/core'
import type { Jwk } from '@jot/core'
import { NOW } from '../fixtures/tokens.js'
import { runCli, runCliJson, runInProcess } from '../helpers/run-cli.js'
import type { CliResult } from '../helpers/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'jot-cli-jwe-'))
after(() => {
  rmSync(dir, { recursive: true, force: true })
})

const PLAINTEXT = 'order 1234 shipped: 2 × café crème'
const DECRYPTION_FAILED = 'jot: DECRYPTION_FAILED: The JWE could not be decrypted.\n'

function file(name: string): string {
  return join(dir, name)
}

function decodeHeader(token: string): Record<string, unknown> {
  const segment = token.split('.')[0] ?? ''
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>
}

function assertOk(result: CliResult, context: string): void {
  assert.equal(result.stderr, '', context)
  assert.equal(result.code, 0, context)
}

/** Generates a key with `jot keygen ... --out` and returns the path it wrote. */
async function keygen(name: string, args: readonly string[]): Promise<string> {
  const out = file(name)
  const result = await runInProcess(['keygen', ...args, '--out', out])
  assertOk(result, `keygen ${args.join(' ')}`)
  return out
}

interface RoundTrip {
  readonly name: string
  /** Writes the key files and returns the encrypt and decrypt key flags. */
  readonly setUp: () => Promise<{ encrypt: string[]; decrypt: string[] }>
  readonly enc: string
  /** Header members besides enc and those that change with every run. */
  readonly header: Readonly<Record<string, unknown>>
}

const ROUND_TRIPS: readonly RoundTrip[] = [
  {
    name: 'RSA-OAEP-256',
    setUp: async () => {
      const key = await keygen('rsa.jwk', ['RSA-OAEP-256', '--kid', 'rsa-1'])
      return { encrypt: ['--key', `${key}.pub`], decrypt: ['--key', key] }
    },
    enc: 'A256GCM',
    header: { alg: 'RSA-OAEP-256', kid: 'rsa-1' },
  },
  {
    name: 'ECDH-ES+A256KW P-256',
    setUp: async () => {
      const key = await keygen('p256.jwk', ['ECDH-ES+A256KW', '--kid', 'ec-1'])
      return { encrypt: ['--key', `${key}.pub`], decrypt: ['--key', key] }
    },
    enc: 'A128CBC-HS256',
    header: { alg: 'ECDH-ES+A256KW', kid: 'ec-1' },
  },
  {
    name: 'ECDH-ES+A256KW X25519',
    setUp: async () => {
      const key = await keygen('x25519.jwk', [
        'ECDH-ES+A256KW',
        '--crv',
        'X25519',
        '--kid',
        'okp-1',
      ])
      return { encrypt: ['--key', `${key}.pub`], decrypt: ['--key', key] }
    },
    enc: 'A256GCM',
    header: { alg: 'ECDH-ES+A256KW', kid: 'okp-1' },
  },
  {
    name: 'A256KW',
    setUp: async () => {
      const key = await keygen('kw.jwk', ['A256KW', '--kid', 'kw-1'])
      return { encrypt: ['--key', key], decrypt: ['--key', key] }
    },
    enc: 'A256GCM',
    header: { alg: 'A256KW', kid: 'kw-1' },
  },
  {
    name: 'dir with secret file',
    setUp: () => {
      const secret = file('dir.key')
      writeFileSync(secret, Buffer.alloc(32, 5).toString('base64url') + '\n')
      const flags = ['--secret-file', secret, '--secret-encoding', 'base64url', '--alg', 'dir']
      return Promise.resolve({ encrypt: flags, decrypt: flags })
    },
    enc: 'A128CBC-HS256',
    header: { alg: 'dir' },
  },
  {
    name: 'PBES2 with password file',
    setUp: () => {
      const password = file('password.txt')
      writeFileSync(password, 'correct horse battery staple\n')
      const flags = ['--password-file', password, '--alg', 'PBES2-HS512+A256KW']
      return Promise.resolve({ encrypt: [...flags, '--p2c', '2000'], decrypt: flags })
    },
    enc: 'A256GCM',
    header: { alg: 'PBES2-HS512+A256KW', p2c: 2000 },
  },
]

// Header members that hold fresh random values in every JWE.
const RANDOM_MEMBERS = ['epk', 'p2s']

describe('encrypt decrypt round trips', { concurrency: true }, () => {
  for (const { name, setUp, enc, header } of ROUND_TRIPS) {
    test(`${name} round trip`, async () => {
      const flags = await setUp()

      const encrypted = await runInProcess(['encrypt', PLAINTEXT, ...flags.encrypt, '--enc', enc])
      assertOk(encrypted, 'encrypt')
      const token = encrypted.stdout.trimEnd()
      assert.equal(encrypted.stdout, `${token}\n`)
      const protectedHeader = decodeHeader(token)
      const fixed = Object.fromEntries(
        Object.entries(protectedHeader).filter(([member]) => !RANDOM_MEMBERS.includes(member)),
      )
      assert.deepEqual(fixed, { ...header, enc })

      const decrypted = await runInProcess(['decrypt', token, ...flags.decrypt])
      assertOk(decrypted, 'decrypt')
      assert.equal(decrypted.stdout, PLAINTEXT)

      const json = await runInProcess(['decrypt', ...flags.decrypt, '--json'], {
        stdin: token + '\n',
      })
      assertOk(json, 'decrypt --json')
      assert.deepEqual(JSON.parse(json.stdout), {
        protectedHeader,
        plaintext: PLAINTEXT,
        plaintextEncoding: 'utf-8',
      })
    })
  }
})

describe('encrypt and decrypt', { concurrency: true }, () => {
  let recipient: string
  let otherRecipient: string
  let issuer: string
  let otherIssuer: string

  before(async () => {
    ;[recipient, otherRecipient, issuer, otherIssuer] = await Promise.all([
      keygen('recipient.jwk', ['ECDH-ES+A128KW', '--kid', 'recipient']),
      keygen('other-recipient.jwk', ['ECDH-ES+A128KW', '--kid', 'other']),
      keygen('issuer.jwk', ['ES256', '--kid', 'issuer']),
      keygen('other-issuer.jwk', ['ES256', '--kid', 'other-issuer']),
    ])
  })

  test('binary stdin with zip from process', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0x00, 0xfe]), Buffer.alloc(2000, 0x41)])

    const encrypted = await runCli(
      ['encrypt', '--key', `${recipient}.pub`, '--enc', 'A256GCM', '--zip', '--json'],
      { stdin: bytes },
    )
    assertOk(encrypted, 'encrypt')
    const { token, protectedHeader } = JSON.parse(encrypted.stdout) as {
      token: string
      protectedHeader: Record<string, unknown>
    }
    assert.deepEqual(protectedHeader, decodeHeader(token))
    assert.equal(protectedHeader['zip'], 'DEF')
    // 2003 bytes of mostly one letter compress to far fewer characters.
    assert.ok(token.length < 1000, String(token.length))

    const json = await runCliJson(['decrypt', token, '--key', recipient, '--json'])
    assert.deepEqual(json.json, {
      protectedHeader,
      plaintext: bytes.toString('base64url'),
      plaintextEncoding: 'base64url',
    })
  })

  test('JSON serializations round trip', async () => {
    for (const form of ['flattened', 'general']) {
      const encrypted = await runInProcess([
        'encrypt',
        PLAINTEXT,
        '--key',
        `${recipient}.pub`,
        '--enc',
        'A192GCM',
        '--cty',
        'text/plain',
        '--kid',
        'chosen',
        '--json-serialization',
        form,
      ])
      assertOk(encrypted, form)
      const jwe = JSON.parse(encrypted.stdout) as Record<string, unknown>
      assert.equal(encrypted.stdout, JSON.stringify(jwe) + '\n')
      const protectedHeader = decodeHeader(String(jwe['protected']))
      assert.equal(protectedHeader['kid'], 'chosen', form)
      assert.equal(protectedHeader['cty'], 'text/plain', form)
      assert.equal(form === 'general', Array.isArray(jwe['recipients']), form)

      const decrypted = await runInProcess(['decrypt', '--key', recipient, '--json'], {
        stdin: encrypted.stdout,
      })
      assertOk(decrypted, form)
      assert.deepEqual(JSON.parse(decrypted.stdout), {
        protectedHeader,
        recipientIndex: 0,
        plaintext: PLAINTEXT,
        plaintextEncoding: 'utf-8',
      })
    }
  })

  test('nested JWT from sign and encrypt', async () => {
    const signed = await runInProcess([
      'sign',
      '{"sub":"alice"}',
      '--key',
      issuer,
      '--iss',
      'https://issuer.example',
      '--exp',
      '10m',
      '--now',
      String(NOW),
    ])
    assertOk(signed, 'sign')
    // The token arrives as `jot sign` prints it, with a line break.
    const encrypted = await runInProcess(
      ['encrypt', '--key', `${recipient}.pub`, '--enc', 'A256GCM', '--cty', 'JWT'],
      { stdin: signed.stdout },
    )
    assertOk(encrypted, 'encrypt')
    const token = encrypted.stdout.trim()

    const opened = await runInProcess([
      'decrypt',
      token,
      '--key',
      recipient,
      '--verify-key',
      `${issuer}.pub`,
      '--iss',
      'https://issuer.example',
      '--now',
      String(NOW + 60),
      '--json',
    ])

    assertOk(opened, 'decrypt')
    assert.deepEqual(JSON.parse(opened.stdout), {
      header: { alg: 'ES256', kid: 'issuer', typ: 'JWT' },
      claims: { sub: 'alice', iss: 'https://issuer.example', iat: NOW, exp: NOW + 600 },
      encryptionHeader: decodeHeader(token),
    })

    const forged = await runInProcess([
      'decrypt',
      token,
      '--key',
      recipient,
      '--verify-key',
      `${otherIssuer}.pub`,
      '--now',
      String(NOW + 60),
    ])
    assert.equal(forged.stderr, 'jot: SIGNATURE_INVALID: The signature is invalid.\n')
    assert.equal(forged.code, 1)
    assert.equal(forged.stdout, '')
  })

  test('nested JWT from core checked', async () => {
    const issuerKey = await generateKeyPair('PS256', { kid: 'ps' })
    const issuerPem = file('issuer-ps.pem')
    writeFileSync(issuerPem, await exportPem(issuerKey.publicKey))
    const publicKey = await importJwk(JSON.parse(readFileSync(`${recipient}.pub`, 'utf8')) as Jwk)
    const token = await signAndEncryptJwt(
      { sub: 'bob', scope: 'orders:read' },
      { signingKey: issuerKey.privateKey, encryptionKey: publicKey },
      { enc: 'A256GCM', audience: 'api', expiresInSec: 300, now: NOW },
    )
    const base = ['decrypt', token, '--key', recipient, '--now', String(NOW + 10)]

    const cases: [string[], number, string, string][] = [
      [
        ['--verify-key', issuerPem, '--verify-alg', 'PS256', '--aud', 'api'],
        0,
        JSON.stringify(
          { sub: 'bob', scope: 'orders:read', aud: 'api', iat: NOW, exp: NOW + 300 },
          null,
          2,
        ) + '\n',
        '',
      ],
      [
        ['--verify-key', issuerPem, '--verify-alg', 'PS256', '--aud', 'web'],
        1,
        '',
        'jot: CLAIM_INVALID: The token is not intended for this audience.\n',
      ],
      [
        ['--verify-key', `${otherIssuer}.pub`],
        1,
        '',
        'jot: ALG_NOT_ALLOWED: The algorithm "PS256" is not in the allowed list.\n',
      ],
      [
        ['--verify-key', issuerPem],
        2,
        '',
        'jot: OPTION_INVALID: --alg is required: the verifier must pin the algorithm (RFC 8725 ' +
          'section 3.1) with a PEM key file.\n',
      ],
    ]

    for (const [args, code, stdout, stderr] of cases) {
      const result = await runInProcess([...base, ...args])
      assert.equal(result.stderr, stderr, args.join(' '))
      assert.equal(result.code, code, args.join(' '))
      assert.equal(result.stdout, stdout, args.join(' '))
    }
  })

  test('wrong key fails with one line', async () => {
    const token = (
      await runInProcess(['encrypt', PLAINTEXT, '--key', `${recipient}.pub`, '--enc', 'A256GCM'])
    ).stdout.trim()
    const kwKey = await keygen('wrong-kw.jwk', ['A256KW'])
    const kwToken = (
      await runInProcess(['encrypt', PLAINTEXT, '--key', kwKey, '--enc', 'A256GCM'])
    ).stdout.trim()
    const otherKw = await keygen('wrong-kw-2.jwk', ['A256KW'])
    const password = file('wrong-password.txt')
    const otherPassword = file('other-password.txt')
    writeFileSync(password, 'the right password')
    writeFileSync(otherPassword, 'the wrong password')
    const pbesFlags = ['--alg', 'PBES2-HS256+A128KW']
    const pbesToken = (
      await runInProcess([
        'encrypt',
        PLAINTEXT,
        '--password-file',
        password,
        ...pbesFlags,
        '--p2c',
        '1000',
        '--enc',
        'A128GCM',
      ])
    ).stdout.trim()

    const cases: [string, string[]][] = [
      [token, ['--key', otherRecipient]],
      [kwToken, ['--key', otherKw]],
      [pbesToken, ['--password-file', otherPassword, ...pbesFlags]],
    ]
    for (const [wrongToken, flags] of cases) {
      const result = await runCli(['decrypt', wrongToken, ...flags])
      assert.equal(result.stderr, DECRYPTION_FAILED, flags.join(' '))
      assert.equal(result.code, 1, flags.join(' '))
      assert.equal(result.stdout, '', flags.join(' '))
    }
  })

  test('decrypt limits and allowlists', async () => {
    const password = file('limits-password.txt')
    writeFileSync(password, 'limits password')
    const pbesFlags = ['--password-file', password, '--alg', 'PBES2-HS256+A128KW']
    const pbesToken = (
      await runInProcess(['encrypt', 'x', ...pbesFlags, '--p2c', '5000', '--enc', 'A128GCM'])
    ).stdout.trim()
    const token = (
      await runInProcess(['encrypt', 'x', '--key', `${recipient}.pub`, '--enc', 'A256GCM'])
    ).stdout.trim()

    const cases: [string[], string][] = [
      [
        ['decrypt', pbesToken, ...pbesFlags, '--max-p2c', '4000'],
        'jot: INPUT_TOO_LARGE: The PBES2 iteration count p2c 5000 exceeds the maximum of 4000; ' +
          'raise maxPbes2Count to accept it.\n',
      ],
      [
        ['decrypt', token, '--key', recipient, '--enc', 'A128GCM,A192GCM'],
        'jot: ALG_NOT_ALLOWED: The content encryption algorithm "A256GCM" is not in the allowed ' +
          'list.\n',
      ],
      [
        [
          'decrypt',
          token,
          '--key',
          recipient,
          '--alg',
          'ECDH-ES+A128KW',
          '--verify-key',
          `${issuer}.pub`,
        ],
        'jot: TOKEN_MALFORMED: The JWE does not carry a nested JWT: its header has no cty "JWT".\n',
      ],
      [
        ['decrypt', 'a.b.c', '--key', recipient],
        'jot: TOKEN_MALFORMED: The token has 3 segments: it is a signed JWS, not an encrypted JWE.\n',
      ],
    ]
    for (const [args, stderr] of cases) {
      const result = await runInProcess(args)
      assert.equal(result.stderr, stderr, args.join(' '))
      assert.equal(result.code, 1, args.join(' '))
      assert.equal(result.stdout, '', args.join(' '))
    }
  })

  test('encrypt and decrypt usage errors', async () => {
    const pem = file('recipient.pem')
    const rsa = await generateKeyPair('RSA-OAEP')
    writeFileSync(pem, await exportPem(rsa.publicKey))
    const set = file('set.json')
    writeFileSync(set, JSON.stringify({ keys: [await exportJwk(rsa.publicKey)] }))
    const secret = file('aes.key')
    writeFileSync(secret, Buffer.alloc(32, 3))
    const password = file('usage-password.txt')
    writeFileSync(password, 'usage password\n')
    const empty = file('empty-password.txt')
    writeFileSync(empty, '\n')
    const pub = `${recipient}.pub`

    const cases: [string[], string][] = [
      [
        ['encrypt', 'x', '--key', pub],
        'OPTION_INVALID: --enc is required: name the content encryption algorithm, such as A256GCM.',
      ],
      [
        ['encrypt', 'x', '--key', pub, '--secret-file', secret, '--enc', 'A256GCM'],
        'OPTION_INVALID: Pass exactly one of --key FILE, --secret-file FILE, --password-file FILE.',
      ],
      [
        ['decrypt', 'a.b.c.d.e'],
        'OPTION_INVALID: Pass exactly one of --key FILE, --secret-file FILE, --password-file FILE.',
      ],
      [
        ['encrypt', 'x', '--key', pub, '--enc', 'A256GCM', '--p2c', '2000'],
        'OPTION_INVALID: --p2c applies to PBES2 algorithms only, not ECDH-ES+A128KW.',
      ],
      [
        ['encrypt', 'x', '--password-file', password, '--alg', 'A256KW', '--enc', 'A256GCM'],
        'OPTION_INVALID: --password-file is for the PBES2 algorithms; A256KW takes --key or --secret-file.',
      ],
      [
        [
          'encrypt',
          'x',
          '--secret-file',
          secret,
          '--alg',
          'PBES2-HS256+A128KW',
          '--enc',
          'A256GCM',
        ],
        'OPTION_INVALID: PBES2-HS256+A128KW derives its key from a password; pass the password with --password-file.',
      ],
      [
        ['encrypt', 'x', '--secret-file', secret, '--enc', 'A256GCM'],
        'OPTION_INVALID: --alg is required with --secret-file.',
      ],
      [
        ['encrypt', 'x', '--key', pem, '--enc', 'A256GCM'],
        `OPTION_INVALID: --alg is required because --key "${pem}" has no "alg".`,
      ],
      [
        ['encrypt', 'x', '--key', `${issuer}.pub`, '--enc', 'A256GCM'],
        `KEY_INVALID: --key "${issuer}.pub" is bound to ES256, which is not a JWE key management ` +
          'algorithm; encryption needs a key made for it, such as one from "jot keygen ECDH-ES+A256KW".',
      ],
      [
        ['encrypt', 'x', '--key', pub, '--alg', 'RSA-OAEP', '--enc', 'A256GCM'],
        `OPTION_INVALID: --alg RSA-OAEP does not include ECDH-ES+A128KW, the "alg" of --key "${pub}".`,
      ],
      [
        ['encrypt', 'x', '--key', pem, '--alg', 'RSA1_5', '--enc', 'A256GCM'],
        'OPTION_INVALID: --alg RSA1_5 is not supported: RSAES-PKCS1-v1_5 is open to padding ' +
          'oracle attacks (RFC 8725 section 3.2); use RSA-OAEP-256.',
      ],
      [
        ['encrypt', 'x', '--key', pem, '--alg', 'RSA-OAEP', '--enc', 'A256'],
        'OPTION_INVALID: --enc "A256" is not a supported content encryption algorithm; use one ' +
          'of A128CBC-HS256, A192CBC-HS384, A256CBC-HS512, A128GCM, A192GCM, A256GCM.',
      ],
      [
        ['encrypt', 'x', '--key', pem, '--alg', 'ECDH-ES', '--enc', 'A256GCM'],
        `KEY_INVALID: --key "${pem}" cannot be used: The algorithm ECDH-ES needs an EC or OKP key, not an RSA key.`,
      ],
      [
        ['encrypt', 'x', '--key', pub, '--enc', 'A256GCM', '--json-serialization', 'compact'],
        'OPTION_INVALID: --json-serialization must be "flattened" or "general", not "compact".',
      ],
      [
        [
          'encrypt',
          'x',
          '--password-file',
          empty,
          '--alg',
          'PBES2-HS256+A128KW',
          '--enc',
          'A256GCM',
        ],
        `OPTION_INVALID: --password-file "${empty}" is empty.`,
      ],
      [
        ['decrypt', 'a.b.c.d.e', '--key', set, '--alg', 'RSA-OAEP'],
        `OPTION_INVALID: --key "${set}" contains a JWK Set; name a file with the one JWK to use.`,
      ],
      [
        ['decrypt', 'a.b.c.d.e', '--key', recipient, '--max-p2c', '999'],
        'OPTION_INVALID: --max-p2c must be a whole number from 1000 to 10000000, not "999".',
      ],
      [
        ['decrypt', 'a.b.c.d.e', '--key', recipient, '--max-p2c', '2000'],
        'OPTION_INVALID: --max-p2c applies to PBES2 algorithms only.',
      ],
      [
        ['decrypt', 'a.b.c.d.e', '--key', recipient, '--iss', 'x', '--verify-alg', 'ES256'],
        'OPTION_INVALID: --verify-alg, --iss apply only with --verify-key, which checks the ' +
          'signed JWT inside the JWE.',
      ],
      [
        ['decrypt', 'a.b.c.d.e', '--password-file', password],
        'OPTION_INVALID: --alg is required with --password-file.',
      ],
    ]

    for (const [args, expected] of cases) {
      const result = await runInProcess(args)
      assert.equal(result.stderr, `jot: ${expected}\n`, args.join(' '))
      assert.equal(result.code, 2, args.join(' '))
      assert.equal(result.stdout, '', args.join(' '))
    }
  })

  test('encrypt rejects oversized plaintext', async () => {
    const result = await runInProcess(
      ['encrypt', '--key', `${recipient}.pub`, '--enc', 'A256GCM'],
      {
        stdin: Buffer.alloc(512 * 1024 + 1, 0x61),
      },
    )

    assert.equal(
      result.stderr,
      'jot: ARGUMENT_INVALID: The plaintext is larger than 524288 bytes.\n',
    )
    assert.equal(result.code, 2)
    assert.equal(result.stdout, '')
  })
})
