import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import type { AddUserInput } from '@jot/server'
import { AUDIENCE, CUSTOMER, ISSUER, STAFF, startAuthService } from '../src/auth-service.js'
import { listen } from '../src/listen.js'
import { createShopApi } from '../src/shop-api.js'

// 2023-11-14T22:13:20Z. The service, the shop's verifier and its key set all read this clock.
const NOW = 1_700_000_000
const ACCESS_TOKEN_TTL_SEC = 900
// scrypt at N=2^10: the default cost would make each start take about a second.
const TEST_PASSWORD_COST = { log2N: 10, r: 8, p: 1 }

/** What a call returned: status, challenge and JSON body. */
interface Reply {
  status: number
  challenge: string | null
  body: unknown
}

async function startShop(t: TestContext) {
  const clock = { now: NOW }
  const now = () => clock.now
  const authService = await startAuthService({
    port: 0,
    now,
    logger: false,
    passwordCost: TEST_PASSWORD_COST,
  })
  t.after(() => authService.close())
  const shop = await listen(
    createShopApi({ authUrl: authService.url, issuer: ISSUER, audience: AUDIENCE, now }),
    0,
  )
  t.after(() => shop.close())

  async function logIn(user: AddUserInput, scope?: string): Promise<string> {
    const response = await fetch(`${authService.url}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        username: user.username,
        password: user.password,
        ...(scope === undefined ? {} : { scope }),
      }),
    })
    assert.equal(response.status, 200)
    const body = (await response.json()) as { access_token: string }
    return body.access_token
  }

  async function call(method: string, path: string, token?: string, body?: unknown) {
    const headers: Record<string, string> = {}
    if (token !== undefined) headers['authorization'] = `Bearer ${token}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(`${shop.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const reply: Reply = {
      status: response.status,
      challenge: response.headers.get('www-authenticate'),
      body: await response.json(),
    }
    return reply
  }

  return { clock, authService, logIn, call }
}

function scopeChallenge(scope: string): string {
  return (
    'Bearer realm="shop", error="insufficient_scope", ' +
    `error_description="The access token lacks a required scope.", scope="${scope}"`
  )
}

function insufficientScope(scope: string): Reply {
  return {
    status: 403,
    challenge: scopeChallenge(scope),
    body: {
      error: 'insufficient_scope',
      error_description: 'The access token lacks a required scope.',
    },
  }
}

function invalidToken(description: string): Reply {
  return {
    status: 401,
    challenge: `Bearer realm="shop", error="invalid_token", error_description="${description}"`,
    body: { error: 'invalid_token', error_description: description },
  }
}

const TEA_ORDER = { items: [{ productId: 'tea', quantity: 2 }] }

test('customer places and reads orders', async (t) => {
  const { authService, logIn, call } = await startShop(t)
  const token = await logIn(CUSTOMER)
  const order = {
    id: 'order-1',
    customer: authService.customer.id,
    lines: [{ productId: 'tea', quantity: 2, priceCents: 650 }],
    totalCents: 1300,
  }

  assert.deepEqual(await call('GET', '/orders', token), {
    status: 200,
    challenge: null,
    body: { orders: [] },
  })
  assert.deepEqual(await call('POST', '/orders', token, TEA_ORDER), {
    status: 201,
    challenge: null,
    body: order,
  })
  assert.deepEqual(await call('GET', '/orders', token), {
    status: 200,
    challenge: null,
    body: { orders: [order] },
  })
})

test('customer cannot change products', async (t) => {
  const { logIn, call } = await startShop(t)
  const token = await logIn(CUSTOMER)

  // A role failure is 403 without a challenge: RFC 6750 defines none for roles.
  assert.deepEqual(await call('PUT', '/products/tea', token, { priceCents: 1 }), {
    status: 403,
    challenge: null,
    body: { error: 'access_denied', error_description: 'The access token lacks a required role.' },
  })
  assert.deepEqual(await call('GET', '/products'), {
    status: 200,
    challenge: null,
    body: {
      products: [
        { id: 'tea', name: 'Green tea, 100 g', priceCents: 650 },
        { id: 'mug', name: 'Stoneware mug', priceCents: 1200 },
      ],
    },
  })
})

test('staff edits products, cannot order', async (t) => {
  const { authService, logIn, call } = await startShop(t)
  await call('POST', '/orders', await logIn(CUSTOMER), TEA_ORDER)
  const token = await logIn(STAFF)

  assert.deepEqual(await call('PUT', '/products/mug', token, { priceCents: 1500 }), {
    status: 200,
    challenge: null,
    body: { id: 'mug', name: 'Stoneware mug', priceCents: 1500 },
  })
  assert.deepEqual(
    await call('POST', '/orders', token, TEA_ORDER),
    insufficientScope('orders:write'),
  )
  // Staff see every customer's orders, and the refused POST added none.
  assert.deepEqual(await call('GET', '/orders', token), {
    status: 200,
    challenge: null,
    body: {
      orders: [
        {
          id: 'order-1',
          customer: authService.customer.id,
          lines: [{ productId: 'tea', quantity: 2, priceCents: 650 }],
          totalCents: 1300,
        },
      ],
    },
  })
})

test('narrower login scope is enforced', async (t) => {
  const { logIn, call } = await startShop(t)
  const readOnlyCustomer = await logIn(CUSTOMER, 'orders:read')
  const readOnlyStaff = await logIn(STAFF, 'orders:read')

  assert.deepEqual(
    await call('POST', '/orders', readOnlyCustomer, TEA_ORDER),
    insufficientScope('orders:write'),
  )
  assert.deepEqual(
    await call('PUT', '/products/mug', readOnlyStaff, { priceCents: 1500 }),
    insufficientScope('products:write'),
  )
  assert.deepEqual(await call('GET', '/orders', readOnlyStaff), {
    status: 200,
    challenge: null,
    body: { orders: [] },
  })
})

test('missing token gets a bare challenge', async (t) => {
  const { call } = await startShop(t)

  // RFC 6750 section 3.1: a request without credentials gets no error code.
  assert.deepEqual(await call('GET', '/orders'), {
    status: 401,
    challenge: 'Bearer realm="shop"',
    body: { error: 'unauthorized', error_description: 'A bearer access token is required.' },
  })
})

test('altered and expired tokens refused', async (t) => {
  const { clock, logIn, call } = await startShop(t)
  const token = await logIn(CUSTOMER)
  const [header, payload, signature] = token.split('.') as [string, string, string]
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as object
  const widened = Buffer.from(
    JSON.stringify({ ...claims, roles: ['staff'], scope: 'orders:read products:write' }),
  ).toString('base64url')

  assert.deepEqual(
    await call('PUT', '/products/tea', `${header}.${widened}.${signature}`, { priceCents: 1 }),
    invalidToken('The access token signature is invalid.'),
  )

  clock.now = NOW + ACCESS_TOKEN_TTL_SEC
  assert.deepEqual(
    await call('GET', '/orders', token),
    invalidToken('The access token has expired.'),
  )
})
