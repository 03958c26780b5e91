import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import { generateKeyPair, signAndEncryptJwt } from '@jot/core'
import { listen } from '../src/listen.js'
import { ORDER_LIFETIME_SEC, PAYMENTS_AUDIENCE, SHOP_ISSUER } from '../src/order.js'
import type { Order } from '../src/order.js'
import { createPaymentService } from '../src/payment-service.js'
import { createReplayGuard } from '../src/replay-guard.js'
import { createOrderToken, createShop } from '../src/shop.js'
import type { OrderKeys } from '../src/shop.js'

// 2023-11-14T22:13:20Z. The shop signs at this time; each test moves the payment service's clock.
const NOW = 1_700_000_000
const CLOCK_TOLERANCE_SEC = 30

const shopKeys = await generateKeyPair('ES256', { kid: 'shop-1' })
const paymentKeys = await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-256', kid: 'payments-1' })
const orderKeys: OrderKeys = {
  signingKey: shopKeys.privateKey,
  encryptionKey: paymentKeys.publicKey,
}

const ADDRESS = {
  name: 'Erika Mustermann',
  street: 'Heidestrasse 17',
  postalCode: '51147',
  city: 'Koeln',
  country: 'DE',
}
const ORDER: Order = {
  items: [
    { sku: 'tea-100g', name: 'Green tea, 100 g', quantity: 2, unitPriceCents: 650 },
    { sku: 'mug', name: 'Stoneware mug', quantity: 1, unitPriceCents: 1200 },
  ],
  currency: 'EUR',
  amountCents: 2500,
  deliveryAddress: ADDRESS,
}

async function startPayments(t: TestContext) {
  const clock = { now: NOW }
  const payments = await listen(
    createPaymentService({
      decryptionKey: paymentKeys.privateKey,
      shopKey: shopKeys.publicKey,
      now: () => clock.now,
    }),
    0,
  )
  t.after(() => payments.close())

  async function pay(order: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${payments.url}/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order }),
    })
    return { status: response.status, body: await response.json() }
  }
  return { clock, url: payments.url, pay }
}

function accepted(orderId: string) {
  return {
    status: 200,
    body: { status: 'accepted', orderId, amountCents: 2500, currency: 'EUR' },
  }
}

function invalidOrder(description: string) {
  return { status: 400, body: { error: 'invalid_order', error_description: description } }
}

const UNDECRYPTABLE = invalidOrder('DECRYPTION_FAILED: The JWE could not be decrypted.')

function decodeSegment(segment: string): unknown {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
}

test('order token is a nested JWT', async () => {
  const token = await createOrderToken(ORDER, 'order-1', orderKeys, () => NOW)
  const segments = token.split('.')
  const { epk, ...header } = decodeSegment(segments[0]!) as Record<string, unknown>

  assert.equal(segments.length, 5)
  assert.deepEqual(header, {
    alg: 'ECDH-ES+A256KW',
    kid: 'payments-1',
    enc: 'A256GCM',
    cty: 'JWT',
  })
  // The ephemeral public key of ECDH-ES (RFC 7518 section 4.6), new for every token.
  assert.deepEqual(Object.keys(epk as object).sort(), ['crv', 'kty', 'x', 'y'])
  // Only the recipient reads the order: nothing of it appears in the token.
  const text = segments.map((segment) => Buffer.from(segment, 'base64url').toString('latin1'))
  for (const secret of ['Mustermann', 'Heidestrasse', 'tea-100g', '2500', 'order-1']) {
    assert.equal(
      text.some((part) => part.includes(secret)),
      false,
      `${secret} is readable`,
    )
  }
})

test('payment accepts order once', async (t) => {
  const { pay } = await startPayments(t)
  const token = await createOrderToken(ORDER, 'order-1', orderKeys, () => NOW)

  assert.deepEqual(await pay(token), accepted('order-1'))
  assert.deepEqual(await pay(token), {
    status: 409,
    body: { error: 'order_replayed', error_description: 'This order was presented before.' },
  })
})

test('payment rejects changed byte', async (t) => {
  const { pay } = await startPayments(t)
  const token = await createOrderToken(ORDER, 'order-1', orderKeys, () => NOW)
  const segments = token.split('.')
  const ciphertext = Buffer.from(segments[3]!, 'base64url')
  ciphertext[10] = ciphertext[10]! ^ 0x01
  segments[3] = ciphertext.toString('base64url')

  assert.deepEqual(await pay(segments.join('.')), UNDECRYPTABLE)
  // The altered copy did not use up the order id: the original still goes through.
  assert.deepEqual(await pay(token), accepted('order-1'))
})

test('payment rejects expired order', async (t) => {
  const { clock, pay } = await startPayments(t)
  const late = await createOrderToken(ORDER, 'order-1', orderKeys, () => NOW)
  const lastMoment = await createOrderToken(ORDER, 'order-2', orderKeys, () => NOW)
  const expiry = NOW + ORDER_LIFETIME_SEC

  clock.now = expiry + CLOCK_TOLERANCE_SEC - 1
  assert.deepEqual(await pay(lastMoment), accepted('order-2'))
  clock.now = expiry + CLOCK_TOLERANCE_SEC
  assert.deepEqual(await pay(late), invalidOrder('TOKEN_EXPIRED: The token has expired.'))
})

test('payment rejects other recipient', async (t) => {
  const { pay } = await startPayments(t)
  const fraudCheck = await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-256', kid: 'fraud-1' })
  const token = await createOrderToken(
    ORDER,
    'order-1',
    { signingKey: shopKeys.privateKey, encryptionKey: fraudCheck.publicKey },
    () => NOW,
  )

  assert.deepEqual(await pay(token), UNDECRYPTABLE)
})

test('payment rejects other signer', async (t) => {
  const { pay } = await startPayments(t)
  const impostor = await generateKeyPair('ES256', { kid: 'shop-1' })
  const token = await createOrderToken(
    ORDER,
    'order-1',
    { signingKey: impostor.privateKey, encryptionKey: paymentKeys.publicKey },
    () => NOW,
  )

  assert.deepEqual(await pay(token), invalidOrder('SIGNATURE_INVALID: The signature is invalid.'))
})

test('payment rejects wrong amount', async (t) => {
  const { pay } = await startPayments(t)
  // A shop bug, not an attack: the token is genuine, but its total is not the items' sum.
  const token = await signAndEncryptJwt({ ...ORDER, amountCents: 250 }, orderKeys, {
    enc: 'A256GCM',
    issuer: SHOP_ISSUER,
    audience: PAYMENTS_AUDIENCE,
    typ: 'order+jwt',
    jwtId: 'order-1',
    expiresInSec: ORDER_LIFETIME_SEC,
    now: NOW,
  })

  assert.deepEqual(await pay(token), {
    status: 422,
    body: {
      error: 'amount_mismatch',
      error_description: 'amountCents differs from the sum of the items.',
    },
  })
})

test('checkout prices and pays order', async (t) => {
  const payments = await startPayments(t)
  const shop = await listen(
    createShop({ keys: orderKeys, paymentsUrl: payments.url, now: () => NOW }),
    0,
  )
  t.after(() => shop.close())

  const response = await fetch(`${shop.url}/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // Prices the customer sends are ignored: only SKUs and quantities are read.
    body: JSON.stringify({
      items: [
        { sku: 'tea-100g', quantity: 2, unitPriceCents: 1 },
        { sku: 'mug', quantity: 1 },
      ],
      deliveryAddress: ADDRESS,
    }),
  })
  const body = (await response.json()) as { orderId: string; orderToken: string }

  assert.equal(response.status, 200)
  assert.match(
    body.orderId,
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  )
  assert.deepEqual(body, {
    orderId: body.orderId,
    orderToken: body.orderToken,
    payment: accepted(body.orderId).body,
  })
  assert.deepEqual(await payments.pay(body.orderToken), {
    status: 409,
    body: { error: 'order_replayed', error_description: 'This order was presented before.' },
  })
})

test('replay guard forgets expired ids', () => {
  const guard = createReplayGuard()

  assert.equal(guard.markSeen('order-1', NOW + 10, NOW), true)
  assert.equal(guard.markSeen('order-1', NOW + 10, NOW + 9), false)
  assert.equal(guard.markSeen('order-1', NOW + 20, NOW + 10), true)
})
