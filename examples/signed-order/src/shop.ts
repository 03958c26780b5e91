/** The shop: prices a cart from its catalogue, then signs and encrypts the order for payment. */
import { randomUUID } from 'node:crypto'
import { signAndEncryptJwt } from '@jot/core'
import type { JotKey } from '@jot/core'
import express from 'express'
import type { Express, Response } from 'express'
import {
  ORDER_LIFETIME_SEC,
  ORDER_TYP,
  PAYMENTS_AUDIENCE,
  SHOP_ISSUER,
  isDeliveryAddress,
  isRecord,
  totalCents,
} from './order.js'
import type { DeliveryAddress, Order, OrderItem } from './order.js'

/** The two keys an order token needs. */
export interface OrderKeys {
  /** The shop's private ES256 key, whose signature proves to the payment service who sent it. */
  readonly signingKey: JotKey
  /** The payment service's public ECDH-ES+A256KW key: only that service can read the order. */
  readonly encryptionKey: JotKey
}

/**
 * Signs the order with the shop's key, then encrypts the signed JWT for the payment service: a
 * nested JWT, whose JWE header carries `cty: "JWT"`. The order id becomes the `jti` claim.
 */
export function createOrderToken(
  order: Order,
  orderId: string,
  keys: OrderKeys,
  now?: () => number,
): Promise<string> {
  return signAndEncryptJwt({ ...order }, keys, {
    enc: 'A256GCM',
    issuer: SHOP_ISSUER,
    audience: PAYMENTS_AUDIENCE,
    typ: ORDER_TYP,
    jwtId: orderId,
    expiresInSec: ORDER_LIFETIME_SEC,
    now,
  })
}

/** Options of createShop. */
export interface ShopOptions {
  readonly keys: OrderKeys
  /** Base URL of the payment service. */
  readonly paymentsUrl: string
  /** Current time in seconds since the epoch. Default the system clock. */
  readonly now?: () => number
}

/** The products the shop sells, by SKU, with prices in euro cents. */
export const CATALOGUE: ReadonlyMap<string, { name: string; unitPriceCents: number }> = new Map([
  ['tea-100g', { name: 'Green tea, 100 g', unitPriceCents: 650 }],
  ['mug', { name: 'Stoneware mug', unitPriceCents: 1200 }],
])

/**
 * Creates the shop with one route, POST /checkout, whose JSON body is
 * `{ "items": [{ "sku", "quantity" }], "deliveryAddress": { ... } }`. It sends the order token
 * to the payment service and responds with `{ orderId, orderToken, payment }`: status 200 when
 * the payment is accepted, 502 when it is not. An invalid cart gets 400.
 */
export function createShop(options: ShopOptions): Express {
  const app = express()
  app.use(express.json())

  app.post('/checkout', async (req, res) => {
    const cart = readCart(req.body)
    if (typeof cart === 'string') {
      sendBadRequest(res, cart)
      return
    }
    const order: Order = {
      items: cart.items,
      currency: 'EUR',
      amountCents: totalCents(cart.items),
      deliveryAddress: cart.deliveryAddress,
    }
    const orderId = randomUUID()
    const orderToken = await createOrderToken(order, orderId, options.keys, options.now)

    const response = await fetch(`${options.paymentsUrl}/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order: orderToken }),
    })
    const payment: unknown = await response.json()
    // The token goes back to the caller only so that you can present it a second time with
    // curl. A real shop keeps it between itself and the payment service.
    res.status(response.ok ? 200 : 502).json({ orderId, orderToken, payment })
  })

  return app
}

// Returns the priced items and the address, or a message saying what is wrong. The customer
// picks products and quantities; prices always come from the catalogue.
function readCart(
  body: unknown,
): { items: OrderItem[]; deliveryAddress: DeliveryAddress } | string {
  const items: unknown = isRecord(body) ? body['items'] : undefined
  const deliveryAddress: unknown = isRecord(body) ? body['deliveryAddress'] : undefined
  if (!Array.isArray(items) || items.length === 0 || items.length > 20) {
    return 'items must be an array of 1 to 20 { sku, quantity } objects.'
  }
  const priced: OrderItem[] = []
  for (const item of items) {
    const sku: unknown = isRecord(item) ? item['sku'] : undefined
    const quantity: unknown = isRecord(item) ? item['quantity'] : undefined
    const product = typeof sku === 'string' ? CATALOGUE.get(sku) : undefined
    if (typeof sku !== 'string' || product === undefined) {
      return `Every sku must be one of ${[...CATALOGUE.keys()].join(', ')}.`
    }
    if (
      typeof quantity !== 'number' ||
      !Number.isInteger(quantity) ||
      quantity < 1 ||
      quantity > 99
    ) {
      return 'Every quantity must be a whole number, 1 to 99.'
    }
    priced.push({ sku, name: product.name, quantity, unitPriceCents: product.unitPriceCents })
  }
  if (!isDeliveryAddress(deliveryAddress)) {
    return 'deliveryAddress must have name, street, postalCode, city and country.'
  }
  return { items: priced, deliveryAddress }
}

function sendBadRequest(res: Response, description: string): void {
  res.status(400).json({ error: 'invalid_request', error_description: description })
}
