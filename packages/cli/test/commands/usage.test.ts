import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { runCli, runCliJson, runInProcess } from '../helpers/run-cli.js'

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
).version

const ALGORITHM_LIST =
  'HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, ES256K, ' +
  'EdDSA, Ed25519, Ed448'
const JWE_ALGORITHM_LIST =
  'RSA-OAEP, RSA-OAEP-256, RSA-OAEP-384, RSA-OAEP-512, A128KW, A192KW, A256KW, dir, ECDH-ES, ' +
  'ECDH-ES+A128KW, ECDH-ES+A192KW, ECDH-ES+A256KW, A128GCMKW, A192GCMKW, A256GCMKW, ' +
  'PBES2-HS256+A128KW, PBES2-HS384+A192KW, PBES2-HS512+A256KW'

test('usage errors exit 2 from process', async () => {
  const cases: [string[], string][] = [
    [
      ['frobnicate'],
      'ARGUMENT_INVALID: Unknown command "frobnicate"; run "jot --help" for the list of commands.',
    ],
    [
      ['decode', '--bogus', 'x'],
      `OPTION_INVALID: Unknown option '--bogus'. Run "jot decode --help" for the options.`,
    ],
    [['keygen'], 'ARGUMENT_INVALID: ALG is missing: name the algorithm, such as ES256.'],
    [
      ['verify', 'a.b.c', '--key', '/nonexistent/key.jwk', '--alg', 'ES256'],
      'OPTION_INVALID: --key "/nonexistent/key.jwk" cannot be read (ENOENT).',
    ],
  ]

  const results = await Promise.all(cases.map(([args]) => runCli(args)))

  for (const [i, result] of results.entries()) {
    const [args, expected] = cases[i]!
    assert.equal(result.stderr, `jot: ${expected}\n`, args.join(' '))
    assert.equal(result.code, 2, args.join(' '))
    assert.equal(result.stdout, '', args.join(' '))
  }
})

test('usage errors exit 2 with coded line', async () => {
  const cases: [string[], string][] = [
    [['user'], 'ARGUMENT_INVALID: Unknown command "user"; use "jot user add".'],
    [
      ['user', 'remove', 'bob'],
      'ARGUMENT_INVALID: Unknown command "user remove"; use "jot user add".',
    ],
    [
      ['verify', 'a.b.c', '--key'],
      `OPTION_INVALID: Option '--key <value>' argument missing. Run "jot verify --help" for the options.`,
    ],
    [
      ['decode', 'a.b.c', 'd.e.f'],
      'ARGUMENT_INVALID: Unexpected argument "d.e.f": jot decode takes at most 1 (TOKEN).',
    ],
    [
      ['keygen', 'none'],
      `ARGUMENT_INVALID: ALG "none" is not a supported algorithm; use a JWS algorithm ` +
        `(${ALGORITHM_LIST}) or a JWE key management algorithm (${JWE_ALGORITHM_LIST}).`,
    ],
    [
      ['keygen', 'RSA1_5'],
      'ARGUMENT_INVALID: ALG RSA1_5 is not supported: RSAES-PKCS1-v1_5 is open to padding ' +
        'oracle attacks (RFC 8725 section 3.2); use RSA-OAEP-256.',
    ],
    [
      ['keygen', 'ES256', '--crv', 'Ed448'],
      'OPTION_INVALID: --crv does not apply here: ES256 fixes its curve; --crv is for EdDSA and ' +
        'ECDH-ES.',
    ],
    [
      ['keygen', 'HS256', '--format', 'pem'],
      'OPTION_INVALID: --format pem is not available for HS256 secrets; use jwk.',
    ],
    [
      ['keygen', 'RS256', '--bits', '1024'],
      'OPTION_INVALID: --bits must be a whole number from 2048 to 16384, not "1024".',
    ],
    [
      ['verify', 'a.b.c', '--alg', 'ES256'],
      'OPTION_INVALID: Pass exactly one of --key FILE, --jwks URL and --secret-file FILE.',
    ],
    [
      ['verify', 'a.b.c', '--jwks', 'ftp://127.0.0.1/jwks', '--alg', 'ES256'],
      'OPTION_INVALID: --jwks must be an absolute http or https URL, not "ftp://127.0.0.1/jwks".',
    ],
    [
      ['verify', 'a.b.c', '--secret-file', '/dev/null', '--alg', 'HS256,XS1'],
      `OPTION_INVALID: --alg "XS1" is not a supported JWS algorithm; use one of ${ALGORITHM_LIST}.`,
    ],
    [
      [
        'verify',
        'a.b.c',
        '--secret-file',
        '/dev/null',
        '--alg',
        'HS256',
        '--clock-tolerance',
        '2d',
      ],
      'OPTION_INVALID: --clock-tolerance must be at most 1 day (86400 seconds).',
    ],
    [
      ['sign', '{}', '--key', '/dev/null', '--exp', '10 minutes'],
      'OPTION_INVALID: --exp must be whole seconds or a number with a unit s, m, h or d (such ' +
        'as 15m), not "10 minutes".',
    ],
    [
      ['sign', '{}', '--secret-file', '/dev/null', '--alg', 'HS256'],
      'OPTION_INVALID: --secret-file "/dev/null" is empty.',
    ],
  ]

  for (const [args, expected] of cases) {
    const result = await runInProcess(args)
    assert.equal(result.stderr, `jot: ${expected}\n`, args.join(' '))
    assert.equal(result.code, 2, args.join(' '))
    assert.equal(result.stdout, '', args.join(' '))
  }
})

test('usage error with json on stdout', async () => {
  const result = await runCliJson(['verify', 'a.b.c', '--json'])

  assert.equal(result.code, 2)
  assert.deepEqual(result.json, {
    valid: false,
    error: {
      code: 'OPTION_INVALID',
      message: 'Pass exactly one of --key FILE, --jwks URL and --secret-file FILE.',
    },
  })
})

test('top-level help lists commands', async () => {
  const [help, bare, version] = await Promise.all([
    runCli(['--help']),
    runInProcess([]),
    runInProcess(['--version']),
  ])

  assert.equal(help.code, 0)
  assert.equal(help.stderr, '')
  const names = ['keygen', 'sign', 'verify', 'decode', 'encrypt', 'decrypt', 'user add']
  for (const name of [...names, 'client add', 'keys list', 'keys rotate', 'serve']) {
    assert.match(help.stdout, new RegExp(`^  ${name} +\\S`, 'm'), name)
  }
  assert.match(help.stdout, /^Exit codes:$/m)
  assert.equal(bare.code, 2)
  assert.equal(bare.stdout, '')
  assert.equal(bare.stderr, help.stdout)
  assert.equal(version.code, 0)
  assert.equal(version.stdout, `${VERSION}\n`)
})

test('command help lists options with defaults', async () => {
  const [verify, helpVerify, keygen] = await Promise.all([
    runInProcess(['verify', '--help']),
    runInProcess(['help', 'verify']),
    runInProcess(['keygen', 'ES256', '-h']),
  ])

  assert.equal(verify.code, 0)
  assert.equal(verify.stderr, '')
  assert.equal(helpVerify.stdout, verify.stdout)
  assert.match(verify.stdout, /^Usage: jot verify \[TOKEN\] --key FILE/)
  assert.match(verify.stdout, /^ {2}--alg ALG\[,ALG\] +Accepted algorithms/m)
  assert.match(
    verify.stdout,
    /^ {2}--clock-tolerance SEC +Clock skew allowed .*\n {28}1 day\. Default 0\.$/m,
  )
  assert.match(verify.stdout, /^ {2}--json +Write the result as JSON to stdout\.$/m)
  assert.equal(keygen.code, 0)
  assert.match(keygen.stdout, /^ {2}--bits N +RSA modulus size in bits .* Default 2048\.$/m)
  for (const line of [...verify.stdout.split('\n'), ...keygen.stdout.split('\n')]) {
    assert.ok(line.length <= 100, line)
  }
})

test('group help shows its command', async () => {
  const [group, command] = await Promise.all([
    runInProcess(['user', '--help']),
    runInProcess(['user', 'add', '--help']),
  ])
  assert.equal(group.code, 0)
  assert.equal(group.stdout, command.stdout)
  assert.match(group.stdout, /^Usage: jot user add NAME/)
})

test('group help lists its commands', async () => {
  const result = await runInProcess(['keys', '--help'])

  assert.equal(result.code, 0)
  assert.equal(result.stderr, '')
  assert.equal(
    result.stdout,
    [
      'Usage: jot keys <command> [options]',
      '',
      'Commands:',
      '  keys list      List the signing keys of the token service store',
      '  keys rotate    Add the next signing key of the token service now',
      '',
      'Run "jot keys <command> --help" for the options of a command.',
      '',
    ].join('\n'),
  )
})
