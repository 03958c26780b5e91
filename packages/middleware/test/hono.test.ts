import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import { test } from 'node:test'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import type { Context } from 'hono'
import { jwtAuth } from '../src/hono.js'
import type { JwtAuthEnv } from '../src/hono.js'
import type { JwtAuthOptions } from '../src/index.js'
import { defineAdapterSuite } from './fixtures/adapter-suite.js'
import { baseUrl, closeServer } from './fixtures/http.js'
import type { RunningApp } from './fixtures/http.js'
import { BASE_OPTIONS } from './fixtures/tokens.js'

async function startHonoApp(options: JwtAuthOptions): Promise<RunningApp> {
  let calls = 0
  const auth = jwtAuth(options)
  const app = new Hono<JwtAuthEnv>()
  const handler = (c: Context<JwtAuthEnv>): Response => {
    calls += 1
    return c.json({ auth: c.get('auth') ?? null })
  }
  app.get('/protected', auth, handler)
  app.post('/protected', auth, handler)
  app.get('/scoped', auth, auth.requireScope('orders:read', 'orders:write'), handler)
  app.get('/admin', auth, auth.requireRole('admin', 'ops'), handler)

  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => {
      // Without a createServer option, @hono/node-server listens with node:http.
      resolve(started as Server)
    })
  })
  return { url: baseUrl(server), handlerCalls: () => calls, close: () => closeServer(server) }
}

defineAdapterSuite('hono', startHonoApp, 'malformed header')

test('hono jwtAuth rejects options at creation', () => {
  assert.throws(() => jwtAuth({ ...BASE_OPTIONS, clockToleranceSec: -1 }), {
    name: 'JotError',
    code: 'OPTION_INVALID',
    message: 'The "clockToleranceSec" option must be a number of seconds from 0 to 86400.',
  })
  assert.throws(() => jwtAuth({ ...BASE_OPTIONS, keys: 'secret' as never }), {
    name: 'JotError',
    code: 'OPTION_INVALID',
    message:
      'The "keys" option of jwtAuth must be a JotKey, a non-empty array of JotKeys, a resolver function, a localKeySet or a remoteKeySet.',
  })
})
