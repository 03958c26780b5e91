import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import { test } from 'node:test'
import express from 'express'
import type { Request, Response } from 'express'
import { jwtAuth } from '../src/express.js'
import type { JwtAuthOptions } from '../src/index.js'
import { defineAdapterSuite } from './fixtures/adapter-suite.js'
import { baseUrl, closeServer } from './fixtures/http.js'
import type { RunningApp } from './fixtures/http.js'
import { BASE_OPTIONS } from './fixtures/tokens.js'

async function startExpressApp(options: JwtAuthOptions): Promise<RunningApp> {
  let calls = 0
  const auth = jwtAuth(options)
  const app = express()
  app.use(express.urlencoded({ extended: false }))
  const handler = (req: Request, res: Response): void => {
    calls += 1
    res.json({ auth: req.auth ?? null })
  }
  app.get('/protected', auth, handler)
  app.post('/protected', auth, handler)
  app.get('/scoped', auth, auth.requireScope('orders:read', 'orders:write'), handler)
  app.get('/admin', auth, auth.requireRole('admin', 'ops'), handler)

  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => {
      resolve(listening)
    })
  })
  return { url: baseUrl(server), handlerCalls: () => calls, close: () => closeServer(server) }
}

defineAdapterSuite('express', startExpressApp, 'several tokens')

test('express jwtAuth rejects options at creation', () => {
  assert.throws(() => jwtAuth({ ...BASE_OPTIONS, tokenLocations: ['url' as 'query'] }), {
    name: 'JotError',
    code: 'OPTION_INVALID',
    message:
      'Each entry of the "tokenLocations" option must be "header", "body", "query" or { cookie: name } with a valid cookie name.',
  })
  assert.throws(() => jwtAuth(BASE_OPTIONS).requireScope('orders read'), {
    name: 'JotError',
    code: 'OPTION_INVALID',
    message:
      'requireScope needs at least one scope, each printable ASCII without spaces, quotes or backslashes (RFC 6749 section 3.3).',
  })
})
