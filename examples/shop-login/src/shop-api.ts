/** The shop API: Express routes guarded by @jot/middleware, with tokens from the jot service. */
import { remoteKeySet } from '@jot/core'
import { jwtAuth } from '@jot/middleware/express'
import express from 'express'
import type { Express, NextFunction, Request, Response } from 'express'

/** Options of createShopApi. */
export interface ShopApiOptions {
  /** Base URL of the token service; its keys are read from `/.well-known/jwks.json`. */
  readonly authUrl: string
  /** Expected `iss` of access tokens. */
  readonly issuer: string
  /** Expected `aud` of access tokens. */
  readonly audience: string
  /** Current time in seconds since the epoch. Default the system clock. */
  readonly now?: () => number
}

interface Product {
  readonly id: string
  readonly name: string
  readonly priceCents: number
}

interface OrderLine {
  readonly productId: string
  readonly quantity: number
  readonly priceCents: number
}

interface Order {
  readonly id: string
  /** `sub` of the customer's token: the user id in the token service. */
  readonly customer: string
  readonly lines: readonly OrderLine[]
  readonly totalCents: number
}

const FIRST_PRODUCTS: readonly Product[] = [
  { id: 'tea', name: 'Green tea, 100 g', priceCents: 650 },
  { id: 'mug', name: 'Stoneware mug', priceCents: 1200 },
]

/**
 * Creates the shop API. GET /products is public; GET /orders needs `orders:read`, POST /orders
 * `orders:write`, and PUT /products/:id the role `staff` and `products:write`. Orders and
 * products live in memory.
 */
export function createShopApi(options: ShopApiOptions): Express {
  const now = options.now
  // The service publishes its ES256 public keys. The key set fetches them on first use and
  // again when a token names a kid it has not seen, such as after a key rotation.
  const keys = remoteKeySet(`${options.authUrl}/.well-known/jwks.json`, {
    algorithms: ['ES256'],
    nowMs: now === undefined ? undefined : () => now() * 1000,
  })
  const auth = jwtAuth({
    keys,
    algorithms: ['ES256'],
    issuer: options.issuer,
    audience: options.audience,
    // RFC 9068 access tokens carry typ at+jwt, so an ID token or another JWT from the same
    // issuer cannot stand in for one.
    typ: 'at+jwt',
    // Orders belong to the token's subject, so a token without one is useless here.
    requiredClaims: ['sub'],
    realm: 'shop',
    now,
  })
  const products = new Map(FIRST_PRODUCTS.map((product) => [product.id, product]))
  const orders: Order[] = []

  const app = express()
  app.use(express.json())

  app.get('/products', (_req, res) => {
    res.json({ products: [...products.values()] })
  })

  app.get('/orders', auth, auth.requireScope('orders:read'), (req, res) => {
    // The scope allows the call. Which orders it returns is the application's decision, and
    // here staff get every order and customers their own.
    const { sub, roles } = callerOf(req)
    const visible = roles.includes('staff') ? orders : orders.filter((o) => o.customer === sub)
    res.json({ orders: visible })
  })

  app.post('/orders', auth, auth.requireScope('orders:write'), (req, res) => {
    const lines = readOrderLines(req.body, products)
    if (typeof lines === 'string') {
      sendBadRequest(res, lines)
      return
    }
    const totalCents = lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0)
    const order = {
      id: `order-${orders.length + 1}`,
      customer: callerOf(req).sub,
      lines,
      totalCents,
    }
    orders.push(order)
    res.status(201).json(order)
  })

  // The role check comes first, so a customer gets 403 access_denied whatever scopes the token
  // carries, and a staff token without products:write gets 403 insufficient_scope.
  app.put(
    '/products/:id',
    auth,
    auth.requireRole('staff'),
    auth.requireScope('products:write'),
    (req: Request<{ id: string }>, res) => {
      const current = products.get(req.params.id)
      if (current === undefined) {
        res.status(404).json({ error: 'not_found', error_description: 'No such product.' })
        return
      }
      const change = readProductChange(req.body)
      if (typeof change === 'string') {
        sendBadRequest(res, change)
        return
      }
      const updated = { ...current, ...change }
      products.set(updated.id, updated)
      res.json(updated)
    },
  )

  // express.json() passes a malformed or oversized body to this handler, which sends the JSON
  // error shape of the routes in place of Express's HTML error page.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = isRecord(error) ? error['status'] : undefined
    if (!isWholeNumber(status, 400, 499)) {
      next(error)
      return
    }
    res.status(status).json({
      error: 'invalid_request',
      error_description: 'The request body is not valid JSON of an accepted size.',
    })
  })

  return app
}

// Every route that calls this runs jwtAuth first, which requires sub.
function callerOf(req: Request): { sub: string; roles: readonly unknown[] } {
  const claims = req.auth?.claims
  if (claims?.sub === undefined) throw new Error('The route lacks the jwtAuth middleware.')
  const roles = claims['roles']
  return { sub: claims.sub, roles: Array.isArray(roles) ? roles : [] }
}

// Returns the order lines with the catalogue's prices, or a message saying what is wrong. The
// customer chooses products and quantities only; prices never come from the request.
function readOrderLines(
  body: unknown,
  products: ReadonlyMap<string, Product>,
): OrderLine[] | string {
  const items: unknown = isRecord(body) ? body['items'] : undefined
  if (!Array.isArray(items) || items.length === 0 || items.length > 20) {
    return 'items must be an array of 1 to 20 { productId, quantity } objects.'
  }
  const lines: OrderLine[] = []
  for (const item of items) {
    const productId: unknown = isRecord(item) ? item['productId'] : undefined
    const quantity: unknown = isRecord(item) ? item['quantity'] : undefined
    const product = typeof productId === 'string' ? products.get(productId) : undefined
    if (product === undefined) return 'Every item must name a productId from GET /products.'
    if (!isWholeNumber(quantity, 1, 99)) return 'Every quantity must be a whole number, 1 to 99.'
    lines.push({ productId: product.id, quantity, priceCents: product.priceCents })
  }
  return lines
}

function readProductChange(body: unknown): { name?: string; priceCents?: number } | string {
  if (!isRecord(body)) return 'The body must be a JSON object with name or priceCents.'
  const { name, priceCents } = body
  if (name === undefined && priceCents === undefined) return 'Give name, priceCents or both.'
  if (name !== undefined && (typeof name !== 'string' || name.length === 0 || name.length > 100)) {
    return 'name must be a string of 1 to 100 characters.'
  }
  if (priceCents !== undefined && !isWholeNumber(priceCents, 1, 1_000_000)) {
    return 'priceCents must be a whole number, 1 to 1000000.'
  }
  return {
    ...(name === undefined ? {} : { name }),
    ...(priceCents === undefined ? {} : { priceCents }),
  }
}

function sendBadRequest(res: Response, description: string): void {
  res.status(400).json({ error: 'invalid_request', error_description: description })
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isWholeNumber(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}
