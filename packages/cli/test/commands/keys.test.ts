import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { NOW } from '../fixtures/tokens.js'
import { runCli, runInProcess } from '../helpers/run-cli.js'

const root = mkdtempSync(join(tmpdir(), 'jot-cli-keys-'))
after(() => {
  rmSync(root, { recursive: true, force: true })
})

let stores = 0

/** Returns the environment of a new, empty SQLite store, without JOT_MASTER_KEY when `masterKey` is false. */
function newStore(masterKey = true): { dir: string; env: Record<string, string> } {
  stores += 1
  const dir = join(root, `store-${stores}`)
  const env: Record<string, string> = { JOT_DATABASE_URL: `sqlite:${join(dir, 'jot.db')}` }
  if (masterKey) env['JOT_MASTER_KEY'] = randomBytes(32).toString('base64url')
  return { dir, env }
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
}

interface KeyInfo {
  kid: string
  alg: string
  generation: number
  state: string
  createdAt: number
  activatesAt: number
  retiresAt: number | null
  expiresAt: number | null
}

// A key stays published for the longest access token lifetime plus 5 minutes after it retires.
const RETENTION_SEC = 86_400 + 300

test('keys rotate then list', async () => {
  const { env } = newStore()

  const empty = await runInProcess(['keys', 'list'], { env })
  const emptyJson = await runInProcess(['keys', 'list', '--json'], { env })
  const first = await runInProcess(['keys', 'rotate', '--now', String(NOW), '--json'], { env })
  const second = await runInProcess(
    ['keys', 'rotate', '--now', String(NOW + 100), '--prepublish', '10m'],
    { env },
  )
  const again = await runInProcess(['keys', 'rotate', '--now', String(NOW + 220)], { env })
  const listed = await runInProcess(['keys', 'list', '--now', String(NOW + 300), '--json'], {
    env,
  })
  const table = await runCli(['keys', 'list', '--now', String(NOW + 800)], { env })

  assert.equal(empty.stderr, '')
  assert.equal(empty.code, 0)
  assert.equal(
    empty.stdout,
    'The store contains no signing keys; the service creates one at start.\n',
  )
  assert.deepEqual(JSON.parse(emptyJson.stdout), { keys: [] })

  assert.equal(first.stderr, '')
  assert.equal(first.code, 0)
  const firstKey = (JSON.parse(first.stdout) as { key: KeyInfo }).key
  assert.match(firstKey.kid, /^[\w-]{43}$/)
  assert.deepEqual(JSON.parse(first.stdout), {
    rotated: true,
    key: {
      kid: firstKey.kid,
      alg: 'ES256',
      generation: 1,
      state: 'active',
      createdAt: NOW,
      activatesAt: NOW,
      retiresAt: null,
      expiresAt: null,
    },
  })

  assert.equal(second.stderr, '')
  assert.equal(second.code, 0)
  const secondKid = /signing key ([\w-]{43}),/.exec(second.stdout)?.[1] ?? ''
  assert.equal(
    second.stdout,
    `Added the ES256 signing key ${secondKid}, published now.\n` +
      `It signs from ${iso(NOW + 700)} (in 10 minutes).\n`,
  )
  assert.notEqual(secondKid, firstKey.kid)

  assert.equal(again.stderr, '')
  assert.equal(again.code, 0)
  assert.equal(
    again.stdout,
    `Nothing was added: the ES256 key ${secondKid} is pending already.\n` +
      `It signs from ${iso(NOW + 700)} (in 8 minutes).\n`,
  )

  assert.deepEqual(JSON.parse(listed.stdout), {
    keys: [
      { ...firstKey, retiresAt: NOW + 700, expiresAt: NOW + 700 + RETENTION_SEC },
      {
        kid: secondKid,
        alg: 'ES256',
        generation: 2,
        state: 'pending',
        createdAt: NOW + 100,
        activatesAt: NOW + 700,
        retiresAt: null,
        expiresAt: null,
      },
    ],
  })

  assert.equal(table.stderr, '')
  assert.equal(table.code, 0)
  const pad = (text: string) => text.padEnd(43)
  assert.equal(
    table.stdout,
    [
      `${pad('KID')}  ALG    STATE    CREATED               ACTIVATES             RETIRES`,
      `${pad(firstKey.kid)}  ES256  retired  ${iso(NOW)}  ${iso(NOW)}  ${iso(NOW + 700)}`,
      `${pad(secondKid)}  ES256  active   ${iso(NOW + 100)}  ${iso(NOW + 700)}  -`,
      '',
    ].join('\n'),
  )
})

test('keys rotate refuses wrong master key', async () => {
  const { env } = newStore()
  const created = await runInProcess(['keys', 'rotate', '--now', String(NOW), '--json'], { env })
  const { kid } = (JSON.parse(created.stdout) as { key: KeyInfo }).key
  const wrong = { ...env, JOT_MASTER_KEY: randomBytes(32).toString('base64url') }

  const result = await runCli(['keys', 'rotate', '--now', String(NOW + 60)], { env: wrong })
  const listed = await runInProcess(['keys', 'list', '--json'], { env })

  assert.equal(
    result.stderr,
    `jot: MASTER_KEY_MISMATCH: The signing key ${kid} cannot be decrypted with the configured ` +
      'master key. Set JOT_MASTER_KEY to the key it was stored with; the server never replaces ' +
      'a stored key.\n',
  )
  assert.equal(result.code, 3)
  assert.equal(result.stdout, '')
  assert.equal((JSON.parse(listed.stdout) as { keys: unknown[] }).keys.length, 1)
})

test('keys rotate saves master key for new store', async () => {
  const { dir, env } = newStore(false)
  const path = join(dir, 'master.key')

  const listed = await runInProcess(['keys', 'list'], { env })
  assert.equal(listed.code, 0)
  assert.equal(existsSync(path), false)

  const created = await runInProcess(['keys', 'rotate', '--now', String(NOW)], { env })
  assert.equal(created.stderr, '')
  assert.equal(created.code, 0)
  assert.match(readFileSync(path, 'utf8'), /^[\w-]{43}\n$/)

  rmSync(path)
  const refused = await runInProcess(['keys', 'rotate', '--now', String(NOW + 60)], { env })

  assert.equal(
    refused.stderr,
    `jot: MASTER_KEY_MISMATCH: JOT_MASTER_KEY is not set and ${path} does not exist, but the ` +
      `store contains signing keys encrypted under a master key. Restore ${path} or set ` +
      'JOT_MASTER_KEY to that key; no master key was written.\n',
  )
  assert.equal(refused.code, 3)
  assert.equal(existsSync(path), false)
})

test('keys usage errors', async () => {
  const { env } = newStore()
  const cases: [string[], string][] = [
    [
      ['keys', 'rotate', '--prepublish', '60'],
      'OPTION_INVALID: --prepublish must be from 300 seconds (the JWKS cache lifetime) to ' +
        '604800 (7 days), not "60".',
    ],
    [
      ['keys', 'list', '--now', 'yesterday'],
      'OPTION_INVALID: --now must be whole seconds since the Unix epoch, not "yesterday".',
    ],
    [
      ['keys', 'remove'],
      'ARGUMENT_INVALID: Unknown command "keys remove"; use "jot keys list" or "jot keys rotate".',
    ],
  ]

  for (const [args, expected] of cases) {
    const result = await runInProcess(args, { env })
    assert.equal(result.stderr, `jot: ${expected}\n`, args.join(' '))
    assert.equal(result.code, 2, args.join(' '))
    assert.equal(result.stdout, '', args.join(' '))
  }
})
