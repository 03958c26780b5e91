import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import { createApp, runMaintenance } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { decryptPrivateJwk } from '../src/keys/encryption.js'
import { openStore } from '../src/store/index.js'
import { makeTempDir, TEST_MASTER_KEY_TEXT, TEST_PASSWORD_COST } from './fixtures/temp.js'
import {
  ALICE,
  BOB,
  basicAuth,
  logIn,
  logInFully,
  NOW,
  postForm,
  postJson,
  refresh,
  seedClient,
  startSeededServer,
} from './fixtures/server.js'
import type { TokenBody } from './fixtures/server.js'
import { captureLog } from './fixtures/log.js'

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

test('log never contains secrets of any route', async (t) => {
  const log = captureLog()
  const clock = { now: NOW }
  const { url, app, config } = await startSeededServer(t, makeTempDir(t), {
    clock,
    logger: { level: 'trace', stream: log.stream },
    env: { JOT_RATE_LIMIT_PER_USER: '2', JOT_KEY_ROTATION_INTERVAL_SEC: '86400' },
  })
  const service = await seedClient(config, { clientId: 'reports', scopes: ['orders:read'] })
  const serviceAuth = basicAuth('reports', service.clientSecret)
  const login = await logInFully(url, ALICE)
  const refreshed = (await (await refresh(url, login.refresh_token!)).json()) as TokenBody
  const reused = await refresh(url, login.refresh_token!)
  const second = await logInFully(url, ALICE)
  const clientToken = (await (
    await postForm(`${url}/token`, { grant_type: 'client_credentials' }, serviceAuth)
  ).json()) as TokenBody
  await postForm(`${url}/token`, {
    grant_type: 'client_credentials',
    client_id: 'reports',
    client_secret: `${service.clientSecret}x`,
  })
  await postForm(`${url}/introspect`, { token: second.access_token }, serviceAuth)
  await postForm(`${url}/introspect`, { token: second.refresh_token! }, serviceAuth)
  await postForm(`${url}/revoke`, { token: second.access_token })
  await postForm(`${url}/revoke`, { token: second.refresh_token! })
  await postForm(`${url}/revoke`, { token: clientToken.access_token }, serviceAuth)
  await fetch(`${url}/me`, { headers: { authorization: `Bearer ${second.access_token}` } })
  for (const attempt of ['guess-1', 'guess-2', 'guess-3']) {
    await postForm(`${url}/token`, { grant_type: 'password', username: 'bob', password: attempt })
  }
  clock.now = NOW + 86_400
  const { rotated } = await runMaintenance(app)
  const store = await openStore(config)
  t.after(() => store.close())
  const privateParts = await Promise.all(
    (await store.listSigningKeys()).map(
      async (record) =>
        (await decryptPrivateJwk(record.encryptedPrivateKey, config.masterKey, record.kid))['d'],
    ),
  )

  const secrets = [
    ALICE.password,
    BOB.password,
    'guess-1',
    'guess-3',
    service.clientSecret,
    serviceAuth['authorization']!.slice('Basic '.length),
    TEST_MASTER_KEY_TEXT,
    ...[login, refreshed, second, clientToken].flatMap((body) => [
      body.access_token,
      body.access_token.split('.')[2]!,
      ...(body.refresh_token === undefined ? [] : [body.refresh_token]),
    ]),
    ...privateParts.map(String),
  ]
  const text = log.text()
  for (const secret of secrets) {
    assert.equal(text.includes(secret), false, `log contains ${secret.slice(0, 12)}…`)
  }
  assert.equal(/bearer|basic /i.test(text), false)

  // The log records each of those events, so the scan above ran over real lines.
  assert.equal(reused.status, 400)
  assert.equal(privateParts.length, 2)
  const messages = new Set(log.parsed().map((line) => line.msg))
  for (const message of [
    'access token issued',
    'retired refresh token reused; token family revoked',
    'token introspected',
    'access token revoked',
    'refresh token family revoked',
    'signing key rotated',
    'request rejected',
  ]) {
    assert.equal(messages.has(message), true, message)
  }
  assert.equal(typeof rotated?.kid, 'string')
  const rejected = log.parsed().filter((line) => line.msg === 'request rejected')
  assert.deepEqual(
    rejected.map((line) => line['error']),
    [
      'invalid_grant',
      'invalid_client',
      'invalid_token',
      'invalid_grant',
      'invalid_grant',
      'slow_down',
    ],
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
