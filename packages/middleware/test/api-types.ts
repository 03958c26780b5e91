// Type tests: tsc must compile this file; each @ts-expect-error marks a call that must not.
import { generateKeyPair, remoteKeySet } from '@jot/core'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import { jwtAuth as expressJwtAuth } from '../src/express.js'
import { jwtAuth as fastifyJwtAuth } from '../src/fastify.js'
import { jwtAuth as honoJwtAuth } from '../src/hono.js'
import type { JwtAuthEnv } from '../src/hono.js'
import { createJwtAuth } from '../src/index.js'
import type { AuthOutcome, JwtAuthResult } from '../src/index.js'

function expectType<T>(value: T): T {
  return value
}

const { publicKey } = await generateKeyPair('ES256')
const remote = remoteKeySet('http://127.0.0.1:1/jwks.json')

createJwtAuth({ keys: publicKey, tokenLocations: ['header', 'body', { cookie: 'at' }] })
createJwtAuth({ keys: remote, algorithms: ['ES256'] })
createJwtAuth({ keys: [publicKey], issuer: ['a', 'b'], credentialsRequired: false })
// @ts-expect-error keys is required
createJwtAuth({ issuer: 'a' })
// @ts-expect-error a location is header, body, query or { cookie }
createJwtAuth({ keys: publicKey, tokenLocations: ['url'] })
// @ts-expect-error algorithms lists JWS algorithm names
createJwtAuth({ keys: publicKey, algorithms: ['none'] })

const outcome: AuthOutcome = await createJwtAuth({ keys: publicKey }).authenticate({
  method: 'GET',
  headers: {},
})
if (outcome.ok) expectType<string | undefined>(outcome.auth?.claims.sub)
else expectType<400 | 401 | 403 | 500 | 503>(outcome.failure.status)

const expressAuth = expressJwtAuth({ keys: publicKey })
express().get('/', expressAuth, expressAuth.requireScope('a'), (req, res) => {
  const auth: JwtAuthResult | undefined = req.auth
  res.json({ sub: auth?.claims.sub })
})

const fastifyAuth = fastifyJwtAuth({ keys: publicKey })
const fastify = Fastify()
fastify.addHook('preHandler', fastifyAuth)
fastify.get('/', { preHandler: fastifyAuth.requireRole('admin') }, (request) => {
  const auth: JwtAuthResult | undefined = request.auth
  return { sub: auth?.claims.sub }
})

const honoAuth = honoJwtAuth({ keys: publicKey })
new Hono<JwtAuthEnv>().get('/', honoAuth, honoAuth.requireScope('a'), (c) => {
  const auth: JwtAuthResult | undefined = c.get('auth')
  // @ts-expect-error the auth variable holds a JwtAuthResult, not a string
  const wrong: string = c.get('auth')
  return c.json({ sub: auth?.claims.sub, wrong })
})
