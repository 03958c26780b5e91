import assert from 'node:assert/strict'
import { parse } from 'node:querystring'
import { test } from 'node:test'
import Fastify from 'fastify'
import type { FastifyRequest } from 'fastify'
import { jwtAuth } from '../src/fastify.js'
import type { JwtAuthOptions } from '../src/index.js'
import { defineAdapterSuite } from './fixtures/adapter-suite.js'
import { baseUrl } from './fixtures/http.js'
import type { RunningApp } from './fixtures/http.js'
import { BASE_OPTIONS, signToken } from './fixtures/tokens.js'

async function startFastifyApp(options: JwtAuthOptions): Promise<RunningApp> {
  let calls = 0
  const auth = jwtAuth(options)
  const app = Fastify()
  // Fastify has no form parser of its own; this one replaces @fastify/formbody here.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, parse(body as string))
    },
  )
  const handler = (request: FastifyRequest): object => {
    calls += 1
    return { auth: request.auth ?? null }
  }
  app.get('/protected', { preHandler: auth }, handler)
  app.post('/protected', { preHandler: auth }, handler)
  app.get(
    '/scoped',
    { preHandler: [auth, auth.requireScope('orders:read', 'orders:write')] },
    handler,
  )
  app.get('/admin', { preHandler: [auth, auth.requireRole('admin', 'ops')] }, handler)

  await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    url: baseUrl(app.server),
    handlerCalls: () => calls,
    close: () => app.close(),
  }
}

defineAdapterSuite('fastify', startFastifyApp, 'several tokens')

test('fastify jwtAuth as app-wide hook', async (t) => {
  const app = Fastify()
  app.addHook('preHandler', jwtAuth(BASE_OPTIONS))
  app.get('/open', () => ({ reached: true }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  t.after(() => app.close())

  const response = await fetch(`${baseUrl(app.server)}/open`)

  assert.equal(response.status, 401)
  assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="api"')
})

test('fastify jwtAuth rejects options at creation', () => {
  assert.throws(() => jwtAuth({ ...BASE_OPTIONS, realm: 'line\r\nbreak' }), {
    name: 'JotError',
    code: 'OPTION_INVALID',
    message:
      'The challenge attribute "realm" must be at most 256 printable ASCII characters, without control characters.',
  })
  assert.throws(() => jwtAuth(BASE_OPTIONS).requireRole(), {
    name: 'JotError',
    code: 'OPTION_INVALID',
    message: 'requireRole needs at least one non-empty role name.',
  })
})

test('fastify jwtAuth under inject', async () => {
  const app = Fastify()
  app.get('/protected', { preHandler: jwtAuth(BASE_OPTIONS) }, (request) => ({
    sub: request.auth?.claims.sub,
  }))

  const granted = await app.inject({
    url: '/protected',
    headers: { authorization: `Bearer ${await signToken()}` },
  })
  const missing = await app.inject({ url: '/protected' })

  assert.equal(granted.statusCode, 200)
  assert.deepEqual(granted.json(), { sub: 'user-1' })
  assert.equal(missing.statusCode, 401)
  assert.equal(missing.headers['www-authenticate'], 'Bearer realm="api"')
})
