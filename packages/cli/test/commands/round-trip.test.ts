import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { importJwk, importPem, thumbprint } from '@jot/core'
import type { Jwk } from '@jot/core'
import { NOW } from '../fixtures/tokens.js'
import { runCli, runCliJson, runInProcess } from '../helpers/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'jot-cli-round-trip-'))
after(() => {
  rmSync(dir, { recursive: true, force: true })
})

const CLAIMS = { sub: 'alice', role: 'admin' }

function readJwk(path: string): Jwk {
  return JSON.parse(readFileSync(path, 'utf8')) as Jwk
}

/** Signs CLAIMS with `signArgs`, verifies the token with `verifyArgs`, and checks both outputs. */
async function signAndVerify(
  signArgs: readonly string[],
  verifyArgs: readonly string[],
  header: Readonly<Record<string, unknown>>,
) {
  const signed = await runCliJson([
    'sign',
    JSON.stringify(CLAIMS),
    ...signArgs,
    '--exp',
    '15m',
    '--aud',
    'api',
    '--claim',
    'level=3',
    '--now',
    String(NOW),
    '--json',
  ])
  const claims = { ...CLAIMS, level: 3, aud: 'api', iat: NOW, exp: NOW + 900 }
  assert.equal(signed.stderr, '')
  assert.equal(signed.code, 0)
  const { token } = signed.json as { token: string }
  assert.deepEqual(signed.json, { token, header, claims })

  const verified = await runCliJson(
    ['verify', ...verifyArgs, '--aud', 'api', '--now', String(NOW + 60), '--json'],
    { stdin: token + '\n' },
  )
  assert.equal(verified.stderr, '')
  assert.equal(verified.code, 0)
  assert.deepEqual(verified.json, { valid: true, header, claims })
}

// One algorithm per family: HMAC, RSA PKCS #1, RSA-PSS, ECDSA and EdDSA.
const JWK_FAMILIES = ['HS256', 'RS256', 'PS384', 'ES256', 'EdDSA'] as const

// Each test spawns the CLI several times, so they run side by side.
describe('round trips', { concurrency: true }, () => {
  for (const alg of JWK_FAMILIES) {
    test(`${alg} JWK keygen sign verify`, async () => {
      const out = join(dir, `${alg}.jwk`)
      const secret = alg.startsWith('HS')

      const generated = await runCliJson(['keygen', alg, '--out', out, '--json'])

      assert.equal(generated.stderr, '')
      assert.equal(generated.code, 0)
      const privateJwk = readJwk(out)
      const kid = await thumbprint(privateJwk)
      assert.deepEqual(
        generated.json,
        secret
          ? { alg, kid, secretFile: out }
          : { alg, kid, privateKeyFile: out, publicKeyFile: `${out}.pub` },
      )
      assert.equal(statSync(out).mode & 0o777, 0o600)
      assert.equal(privateJwk.alg, alg)
      assert.equal(privateJwk.kid, kid)
      const verifyKey = secret ? out : `${out}.pub`
      if (!secret) {
        const publicJwk = readJwk(verifyKey)
        assert.equal(publicJwk.d, undefined)
        assert.equal((await importJwk(publicJwk)).kind, 'public')
      }

      await signAndVerify(['--key', out], ['--key', verifyKey], { alg, kid, typ: 'JWT' })
    })
  }

  // ECDSA PEM files are covered by the verify tests (SPKI) and the sign tests (PKCS #8).
  for (const alg of ['RS256', 'EdDSA'] as const) {
    test(`${alg} PEM keygen sign verify`, async () => {
      const out = join(dir, `${alg}.pem`)

      const generated = await runCli(['keygen', alg, '--format', 'pem', '--out', out])

      assert.equal(generated.stderr, '')
      assert.equal(generated.code, 0)
      assert.match(
        generated.stdout,
        new RegExp(
          `^Wrote the ${alg} private key to ${out} \\(mode 0600\\)\\.\nWrote the public key to ${out}\\.pub\\.\nkid: [\\w-]{43}\n$`,
        ),
      )
      assert.match(
        readFileSync(out, 'utf8'),
        /^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n$/,
      )
      assert.match(
        readFileSync(`${out}.pub`, 'utf8'),
        /^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/,
      )

      await signAndVerify(
        ['--key', out, '--alg', alg, '--kid', 'pem-key'],
        ['--key', `${out}.pub`, '--alg', alg],
        { alg, kid: 'pem-key', typ: 'JWT' },
      )
    })
  }

  test('HS256 secret file raw and base64url', async () => {
    const secret = randomBytes(32)
    const raw = join(dir, 'secret.bin')
    const encoded = join(dir, 'secret.txt')
    writeFileSync(raw, secret)
    writeFileSync(encoded, secret.toString('base64url') + '\n')

    await signAndVerify(
      ['--secret-file', encoded, '--secret-encoding', 'base64url', '--alg', 'HS256'],
      ['--secret-file', raw, '--alg', 'HS256'],
      { alg: 'HS256', typ: 'JWT' },
    )
  })

  test('keygen prints key without --out', async () => {
    const [ed448, rsaPem] = await Promise.all([
      runInProcess(['keygen', 'EdDSA', '--crv', 'Ed448', '--kid', 'my-key']),
      runInProcess(['keygen', 'PS256', '--bits', '3072', '--format', 'pem']),
    ])

    assert.equal(ed448.code, 0)
    const jwk = JSON.parse(ed448.stdout) as Jwk
    assert.deepEqual(Object.keys(jwk), ['kty', 'crv', 'x', 'd', 'alg', 'kid'])
    assert.equal(jwk.crv, 'Ed448')
    assert.equal(jwk.alg, 'EdDSA')
    assert.equal(jwk.kid, 'my-key')
    assert.equal(rsaPem.code, 0)
    assert.match(rsaPem.stdout, /^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n$/)
    const rsaKey = await importPem(rsaPem.stdout, { alg: 'PS256' })
    assert.equal(rsaKey.kind, 'private')
    assert.equal(rsaKey.bits, 3072)
  })

  test('keygen never overwrites key file', async () => {
    const out = join(dir, 'existing')
    writeFileSync(`${out}.pub`, 'keep me')

    const result = await runInProcess(['keygen', 'ES256', '--out', out])

    assert.equal(result.code, 2)
    assert.equal(
      result.stderr,
      `jot: OPTION_INVALID: --out "${out}.pub" already exists; remove it or choose another --out path.\n`,
    )
    assert.equal(readFileSync(`${out}.pub`, 'utf8'), 'keep me')
    assert.throws(() => statSync(out), { code: 'ENOENT' })
  })
})
