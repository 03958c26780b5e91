import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { exportJwk, exportPem, generateKeyPair, generateSecret } from '@jot/core'
import { NOW } from '../fixtures/tokens.js'
import { runInProcess } from '../helpers/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'jot-cli-sign-'))
after(() => {
  rmSync(dir, { recursive: true, force: true })
})

const secretFile = join(dir, 'secret.jwk')
const pemFile = join(dir, 'private.pem')
const jwksFile = join(dir, 'set.json')
const secret = await generateSecret('HS256', { kid: 'hmac-1' })
const pair = await generateKeyPair('ES256')
writeFileSync(secretFile, JSON.stringify(await exportJwk(secret)))
writeFileSync(pemFile, await exportPem(pair.privateKey))
writeFileSync(jwksFile, JSON.stringify({ keys: [await exportJwk(secret)] }))

async function signJson(args: readonly string[], stdin?: string) {
  const result = await runInProcess(['sign', ...args, '--now', String(NOW), '--json'], {
    ...(stdin === undefined ? {} : { stdin }),
  })
  return { ...result, json: JSON.parse(result.stdout || 'null') as unknown }
}

test('sign merges stdin claims and flags', async () => {
  const result = await signJson(
    [
      '--key',
      secretFile,
      '--iss',
      'https://issuer.example',
      '--aud',
      'a',
      '--aud',
      'b',
      '--sub',
      'carol',
      '--typ',
      'at+jwt',
      '--kid',
      'other-kid',
      '--claim',
      'scope=read write',
      '--claim',
      'n=42',
      '--claim',
      'list=["x"]',
      '--claim',
      'quoted="7"',
      '--claim',
      '__proto__={"admin":true}',
      '--exp',
      '1h',
    ],
    '{"tenant": "t1"}\n',
  )

  assert.equal(result.stderr, '')
  assert.equal(result.code, 0)
  const { token } = result.json as { token: string }
  const claims: Record<string, unknown> = {
    tenant: 't1',
    scope: 'read write',
    n: 42,
    list: ['x'],
    quoted: '7',
  }
  Object.defineProperty(claims, '__proto__', { value: { admin: true }, enumerable: true })
  Object.assign(claims, {
    iss: 'https://issuer.example',
    sub: 'carol',
    aud: ['a', 'b'],
    iat: NOW,
    exp: NOW + 3600,
  })
  assert.deepEqual(result.json, {
    token,
    header: { alg: 'HS256', kid: 'other-kid', typ: 'at+jwt' },
    claims,
  })
})

test('sign without exp warns', async () => {
  const result = await runInProcess(['sign', '{"sub":"dave"}', '--key', secretFile])

  assert.equal(result.code, 0)
  assert.match(result.stdout, /^[\w-]+\.[\w-]+\.[\w-]+\n$/)
  assert.equal(
    result.stderr,
    'jot: warning: the token has no exp claim and never expires; set one with --exp.\n',
  )
})

test('sign with PEM needs alg', async () => {
  const signed = await signJson(['{}', '--key', pemFile, '--alg', 'ES256', '--exp', '60'])
  const missing = await runInProcess(['sign', '{}', '--key', pemFile])

  assert.equal(signed.code, 0)
  assert.deepEqual((signed.json as { header: unknown }).header, { alg: 'ES256', typ: 'JWT' })
  assert.equal(missing.code, 2)
  assert.equal(missing.stderr, 'jot: OPTION_INVALID: --alg is required with a PEM key file.\n')
})

test('sign rejects bad input', async () => {
  const cases: [string[], string][] = [
    [['not json', '--key', secretFile], 'ARGUMENT_INVALID: The claims are not valid JSON.'],
    [['[1]', '--key', secretFile], 'ARGUMENT_INVALID: The claims must be a JSON object.'],
    [
      ['{"sub":"x"}', '--key', secretFile, '--claim', 'sub=y'],
      'OPTION_INVALID: The claim "sub" is set twice, by the claims JSON or another --claim; set it once.',
    ],
    [
      ['{}', '--key', secretFile, '--claim', '=y'],
      'OPTION_INVALID: --claim must have the form NAME=VALUE, not "=y".',
    ],
    [
      ['{"iss":"x"}', '--key', secretFile, '--iss', 'y'],
      'ARGUMENT_INVALID: The "iss" claim is set both in the claims and through an option; set it once.',
    ],
    [
      ['{}', '--key', secretFile, '--alg', 'HS512'],
      `OPTION_INVALID: --alg HS512 differs from the "alg" of --key "${secretFile}" (HS256).`,
    ],
    [
      ['{}', '--key', jwksFile],
      `OPTION_INVALID: --key "${jwksFile}" holds a JWK Set; signing needs a file with one private JWK.`,
    ],
    [
      ['{}', '--key', secretFile, '--secret-file', secretFile],
      'OPTION_INVALID: Pass exactly one of --key FILE and --secret-file FILE.',
    ],
    [
      ['{}', '--secret-file', secretFile, '--alg', 'HS256', '--secret-encoding', 'hex'],
      'OPTION_INVALID: --secret-encoding must be "raw" or "base64url", not "hex".',
    ],
    [
      ['{}', '--secret-file', pemFile, '--alg', 'HS256', '--secret-encoding', 'base64url'],
      `OPTION_INVALID: --secret-file "${pemFile}" is not base64url text (A-Z, a-z, 0-9, "-" and "_", no padding).`,
    ],
    [
      ['{}', '--key', secretFile, '--exp', '0'],
      'OPTION_INVALID: --exp must be longer than 0 seconds.',
    ],
  ]

  for (const [args, expected] of cases) {
    const result = await runInProcess(['sign', ...args])
    assert.equal(result.stderr, `jot: ${expected}\n`, args.join(' '))
    assert.equal(result.code, 2, args.join(' '))
    assert.equal(result.stdout, '', args.join(' '))
  }
})
