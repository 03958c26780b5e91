import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { makeTempDir, TEST_MASTER_KEY_TEXT, TEST_PASSWORD_COST } from './fixtures/temp.js'
import { ALICE, BOB, logIn, postForm, postJson, startSeededServer } from './fixtures/server.js'

interface LogLine {
  level: number
  msg: string
  reqId?: string
  [field: string]: unknown
}

function captureLog() {
  const lines: string[] = []
  return {
    stream: {
      write(line: string) {
        lines.push(line)
      },
    },
    text: () => lines.join(''),
    parsed: () => lines.map((line) => JSON.parse(line) as LogLine),
  }
}

test('log never contains passwords or tokens', async (t) => {
  const log = captureLog()
  const { url, alice, bob } = await startSeededServer(t, makeTempDir(t), {
    logger: { level: 'trace', stream: log.stream },
  })
  const token = await logIn(url, ALICE)
  const [header, payload, signature] = token.split('.') as [string, string, string]
  const tampered = `${header}.${payload}x.${signature}`
  const wrongPassword = 'wrong-password-42'

  await postJson(`${url}/token`, {
    grant_type: 'password',
    username: 'bob',
    password: BOB.password,
  })
  await postForm(`${url}/token`, {
    grant_type: 'password',
    username: 'bob',
    password: wrongPassword,
  })
  await postForm(`${url}/token`, {
    grant_type: 'password',
    username: ALICE.password,
    password: 'x',
  })
  await fetch(`${url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"grant_type":"password","password":"${wrongPassword}"`,
  })
  await fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } })
  await fetch(`${url}/me`, { headers: { authorization: `Bearer ${tampered}` } })
  await fetch(`${url}/me?access_token=${token}&password=${wrongPassword}`)
  await fetch(`${url}/?password=${wrongPassword}`)

  const text = log.text()
  for (const secret of [ALICE.password, BOB.password, wrongPassword, token, payload, signature]) {
    assert.equal(text.includes(secret), false, `log contains ${secret.slice(0, 12)}…`)
  }
  assert.equal(/bearer/i.test(text), false)
  assert.equal(text.includes(TEST_MASTER_KEY_TEXT), false)

  // The log still records what happened, so the checks above cannot pass on an empty log.
  const lines = log.parsed()
  const issued = lines.filter((line) => line.msg === 'access token issued')
  assert.deepEqual(
    issued.map((line) => [line['userId'], line['clientId']]),
    [
      [alice.id, 'jot'],
      [bob.id, 'jot'],
    ],
  )
  const rejected = lines.filter((line) => line.msg === 'request rejected')
  assert.deepEqual(
    rejected.map((line) => [line['error'], line['code']]),
    [
      ['invalid_grant', undefined],
      ['invalid_grant', undefined],
      ['invalid_request', 'FST_ERR_CTP_INVALID_JSON_BODY'],
      ['invalid_token', 'SIGNATURE_INVALID'],
      ['unauthorized', undefined],
    ],
  )
  const paths = lines
    .filter((line) => line.msg === 'incoming request')
    .map((line) => (line['req'] as { path: string }).path)
  assert.deepEqual(paths, [
    '/token',
    '/token',
    '/token',
    '/token',
    '/token',
    '/me',
    '/me',
    '/me',
    '/',
  ])
  assert.equal(
    lines.every((line) => line.reqId !== undefined || !('req' in line)),
    true,
  )
})

test('log warns about master key file', async (t) => {
  const dir = makeTempDir(t)
  const config = loadConfig({ JOT_DATABASE_URL: `sqlite:${join(dir, 'jot.db')}` })
  const log = captureLog()

  const app = await createApp(config, {
    logger: { stream: log.stream },
    passwordCost: TEST_PASSWORD_COST,
  })
  t.after(() => app.close())

  const path = join(dir, 'master.key')
  const warnings = log.parsed().filter((line) => line.level === 40)
  assert.deepEqual(
    warnings.map(({ code, path: warnedPath, msg }) => ({ code, path: warnedPath, msg })),
    [
      {
        code: 'MASTER_KEY_FROM_FILE',
        path,
        msg:
          `JOT_MASTER_KEY is not set; generated a master key and saved it to ${path}. ` +
          'Production must set JOT_MASTER_KEY.',
      },
    ],
  )
})
