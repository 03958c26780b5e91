/** A counting JWKS server on 127.0.0.1, and the keys and tokens the key set tests share. */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportPublicJwk, generateKeyPair, signJwt } from '../../src/index.js'
import type { JotKey, JwsAlgorithm, Jwk } from '../../src/index.js'
import { NOW } from '../fixtures/tokens.js'

/** The pinned clock of the key set tests, in milliseconds: 2026-01-01T00:00:00Z. */
export const NOW_MS = NOW * 1000

/** A test server's request handler. */
export type Handler = (request: IncomingMessage, response: ServerResponse) => void

/** A JWKS endpoint on an ephemeral loopback port that counts the requests it receives. */
export interface JwksServer {
  readonly url: string
  readonly requests: number
  /** Replaces the request handler. */
  handle(handler: Handler): void
  /** Responds to every request with status 200 and this value as JSON. */
  serve(jwks: unknown, headers?: Readonly<Record<string, string>>): void
  close(): Promise<void>
}

/** Starts a JWKS server that responds 404 until a test sets a handler. */
export async function startJwksServer(): Promise<JwksServer> {
  let handler: Handler = (_request, response) => response.writeHead(404).end()
  let requests = 0
  const server = createServer((request, response) => {
    requests++
    handler(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    get requests() {
      return requests
    },
    handle(next) {
      handler = next
    },
    serve(jwks, headers = {}) {
      const body = JSON.stringify(jwks)
      handler = (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', ...headers }).end(body)
      }
    },
    close() {
      // fetch keeps connections alive, and a hanging test handler never ends its response.
      server.closeAllConnections()
      return new Promise((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) resolve()
          else reject(error)
        })
      })
    },
  }
}

/** A signing key with its public JWK, as an issuer would publish it. */
export interface IssuerKey {
  readonly privateKey: JotKey
  readonly jwk: Jwk
}

/** Generates a key pair and its public JWK; `kid: undefined` leaves the kid out. */
export async function issuerKey(alg: JwsAlgorithm, kid: string | undefined): Promise<IssuerKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, kid === undefined ? {} : { kid })
  return { privateKey, jwk: await exportPublicJwk(publicKey) }
}

/** The claims every test token carries. */
export const CLAIMS = { sub: 'user-1', iat: NOW, exp: NOW + 600 }

/** Signs the test claims; `kid` overrides the key's own. */
export function tokenFor(key: IssuerKey, kid?: string): Promise<string> {
  return signJwt({ sub: 'user-1' }, key.privateKey, {
    now: NOW,
    expiresInSec: 600,
    ...(kid === undefined ? {} : { kid }),
  })
}

/** Builds a matcher for assert.rejects and assert.throws: a JotError with this code and message. */
export function jotError(code: string, message: string | RegExp) {
  return { name: 'JotError', code, message }
}

/** Returns the fields of an error that the tests compare, for deep equality. */
export function errorFields(error: unknown) {
  const { name, code, message, details } = error as Record<string, unknown>
  return { name, code, message, details }
}

/** Returns a JWK without the named members, such as `alg`. */
export function without(jwk: Jwk, ...names: string[]): Jwk {
  return Object.fromEntries(Object.entries(jwk).filter(([name]) => !names.includes(name))) as Jwk
}
