import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { TOKEN_CLAIMS, createKeyFixtures } from '../fixtures/keys.js'
import type { KeyFixtures } from '../fixtures/keys.js'
import { NOW, buildToken } from '../fixtures/tokens.js'
import { runCli, runCliJson, runInProcess } from '../helpers/run-cli.js'
import type { CliResult } from '../helpers/run-cli.js'

let keys: KeyFixtures
let token: string
before(async () => {
  keys = await createKeyFixtures()
  token = await keys.sign()
})
after(() => {
  rmSync(keys.dir, { recursive: true, force: true })
})

const CLAIMS = { ...TOKEN_CLAIMS, iat: NOW, exp: NOW + 600 }
const HEADER = { alg: 'ES256', kid: 'key-a', typ: 'JWT' }
const AT = ['--now', String(NOW + 10)]

/**
 * Runs the first `spawned` argument lists as processes, to check exit codes and streams end to
 * end, and the rest in-process, where they check only how flags reach verifyJwt.
 */
async function runCases(argLists: readonly string[][], spawned: number): Promise<CliResult[]> {
  const processes = Promise.all(argLists.slice(0, spawned).map((args) => runCli(args)))
  const inProcess: CliResult[] = []
  for (const args of argLists.slice(spawned)) inProcess.push(await runInProcess(args))
  return [...(await processes), ...inProcess]
}

describe('verify', { concurrency: true }, () => {
  test('verify prints claims', async () => {
    const [jwk, pem] = await Promise.all([
      runCli(['verify', token, '--key', keys.jwkFileA, ...AT]),
      runCliJson(['verify', '-', '--key', keys.pemFileA, '--alg', 'ES384,ES256', '--json', ...AT], {
        stdin: token,
      }),
    ])

    assert.equal(jwk.stderr, '')
    assert.equal(jwk.code, 0)
    assert.equal(jwk.stdout, JSON.stringify(CLAIMS, null, 2) + '\n')
    assert.equal(pem.code, 0)
    assert.deepEqual(pem.json, { valid: true, header: HEADER, claims: CLAIMS })
  })

  test('verify failures exit 1 with code', async () => {
    const expired = ['--now', String(NOW + 600)]
    const cases: [string[], string][] = [
      [[token, '--key', keys.jwkFileB, ...AT], 'SIGNATURE_INVALID: The signature is invalid.'],
      [
        ['not-a-token', '--key', keys.jwkFileA],
        'TOKEN_MALFORMED: The token must have 3 segments separated by dots, not 1.',
      ],
      [[token, '--key', keys.jwkFileA, ...expired], 'TOKEN_EXPIRED: The token has expired.'],
      [
        [token, '--key', keys.jwkFileA, '--aud', 'other', ...AT],
        'CLAIM_INVALID: The token is not intended for this audience.',
      ],
      [
        [token, '--key', keys.jwkFileA, '--iss', 'https://a', '--iss', 'https://b', ...AT],
        'CLAIM_INVALID: The issuer "https://issuer.example" is not accepted.',
      ],
      [
        [token, '--key', keys.jwkFileA, '--require', 'sub,jti', ...AT],
        'CLAIM_INVALID: The "jti" claim is missing.',
      ],
      [
        [token, '--key', keys.jwkFileA, '--typ', 'at+jwt', ...AT],
        'TYP_MISMATCH: The token type is "JWT", expected "at+jwt".',
      ],
      [
        [token, '--key', keys.jwkFileA, '--max-age', '5s', ...AT],
        'TOKEN_TOO_OLD: The token is older than 5 seconds.',
      ],
      [
        [buildToken({ alg: 'none' }, CLAIMS, ''), '--key', keys.jwkFileA, ...AT],
        'ALG_NOT_ALLOWED: The algorithm "none" is not allowed.',
      ],
      [
        [buildToken({ alg: 'HS256', kid: 'key-a' }, CLAIMS), '--key', keys.jwkFileA, ...AT],
        'ALG_NOT_ALLOWED: The algorithm "HS256" is not in the allowed list.',
      ],
    ]

    const results = await runCases(
      cases.map(([args]) => ['verify', ...args]),
      3,
    )

    for (const [i, result] of results.entries()) {
      const [args, expected] = cases[i]!
      assert.equal(result.stderr, `jot: ${expected}\n`, args.join(' '))
      assert.equal(result.code, 1, args.join(' '))
      assert.equal(result.stdout, '', args.join(' '))
    }
  })

  test('verify clock tolerance accepts late token', async () => {
    const late = ['--now', String(NOW + 603)]
    const strict = await runInProcess(['verify', token, '--key', keys.jwkFileA, ...late])
    const tolerant = await runInProcess([
      'verify',
      token,
      '--key',
      keys.jwkFileA,
      '--clock-tolerance',
      '5s',
      ...late,
    ])

    assert.equal(strict.code, 1)
    assert.equal(strict.stderr, 'jot: TOKEN_EXPIRED: The token has expired.\n')
    assert.equal(tolerant.stderr, '')
    assert.equal(tolerant.code, 0)
  })

  test('verify failure as json', async () => {
    const result = await runCliJson(['verify', token, '--key', keys.jwkFileB, '--json', ...AT])

    assert.equal(result.code, 1)
    assert.equal(result.stderr, 'jot: SIGNATURE_INVALID: The signature is invalid.\n')
    assert.deepEqual(result.json, {
      valid: false,
      error: { code: 'SIGNATURE_INVALID', message: 'The signature is invalid.' },
    })
  })

  test('verify key problems exit 2', async () => {
    const cases: [string[], string][] = [
      [
        [token, '--key', keys.pemFileA],
        'OPTION_INVALID: --alg is required: the verifier must pin the algorithm (RFC 8725 ' +
          'section 3.1) with a PEM key file.',
      ],
      [
        [token, '--key', keys.jwkFileNoAlg],
        `OPTION_INVALID: --alg is required: the verifier must pin the algorithm (RFC 8725 ` +
          `section 3.1) because --key "${keys.jwkFileNoAlg}" has no "alg".`,
      ],
      [
        [token, '--key', keys.jwkFileA, '--alg', 'RS256'],
        `OPTION_INVALID: --alg RS256 does not include ES256, the "alg" of --key "${keys.jwkFileA}".`,
      ],
      // A public key used as an HMAC secret would let anyone forge tokens (CVE-2015-9235).
      [
        [token, '--key', keys.pemFileA, '--alg', 'HS256'],
        `KEY_INVALID: --key "${keys.pemFileA}" cannot be used: A PEM key cannot serve as an ` +
          'HMAC secret for HS256; import HMAC secrets with importSecret or an oct JWK.',
      ],
      [
        [token, '--key', keys.pemFileA, '--alg', 'ES384'],
        `KEY_INVALID: --key "${keys.pemFileA}" cannot be used: The algorithm ES384 needs a key ` +
          'on curve P-384, not P-256.',
      ],
      [
        [token, '--key', '/dev/null', '--alg', 'ES256'],
        'OPTION_INVALID: --key "/dev/null" is neither a JWK (JSON) nor a PEM file; for a raw HMAC secret, use --secret-file.',
      ],
    ]

    const results = await runCases(
      cases.map(([args]) => ['verify', ...args]),
      1,
    )

    for (const [i, result] of results.entries()) {
      const [args, expected] = cases[i]!
      assert.equal(result.stderr, `jot: ${expected}\n`, args.join(' '))
      assert.equal(result.code, 2, args.join(' '))
    }
  })

  test('verify verbose prints cause chain', async () => {
    const result = await runInProcess([
      'verify',
      token,
      '--key',
      `${keys.dir}/missing.jwk`,
      '--verbose',
    ])

    assert.equal(result.code, 2)
    assert.equal(
      result.stderr,
      `jot: OPTION_INVALID: --key "${keys.dir}/missing.jwk" cannot be read (ENOENT).\n` +
        `  caused by: Error ENOENT: ENOENT: no such file or directory, open '${keys.dir}/missing.jwk'\n`,
    )
  })
})
