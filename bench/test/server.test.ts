import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fetchMe, logIn, runRefreshGrant } from '../server/scenarios.js'
import {
  createSqliteStore,
  seedAccounts,
  serviceEnvironment,
  startService,
} from '../server/service.js'

// One short load run against a real service on SQLite: the refresh pool must keep every
// request supplied with an unused token, or the service answers 400 and reuse detection
// revokes the family.
test('server bench refresh run succeeds', async (t) => {
  const store = createSqliteStore()
  t.after(() => store.remove())
  const environment = serviceEnvironment(store)
  const accounts = await seedAccounts(environment)
  const service = await startService(environment)
  t.after(() => service.stop())

  const login = await logIn(service.url, accounts.seedUser)
  const me = await fetchMe(service.url, login.access_token)
  await service.setAnonymousBody(me)
  const anonymous = await fetch(`${service.url}/bench/anonymous`)
  assert.equal(anonymous.status, 200)
  assert.deepEqual(await anonymous.json(), me)

  const seeds = [login.refresh_token]
  for (let i = 0; i < 3; i++)
    seeds.push((await logIn(service.url, accounts.seedUser)).refresh_token)
  const result = await runRefreshGrant({ url: service.url, seconds: 1, connections: 2 }, seeds)
  assert.equal(result.non2xx, 0)
  assert.equal(result.errors, 0)
  assert.ok(result.requests > 0, 'no refresh request completed')
})
