/** The payment service: opens order tokens from the shop, checks them, and accepts each once. */
import { decryptAndVerifyJwt, isJotError } from '@jot/core'
import type { JotKey } from '@jot/core'
import express from 'express'
import type { Express, NextFunction, Request, Response } from 'express'
import {
  ORDER_TYP,
  PAYMENTS_AUDIENCE,
  SHOP_ISSUER,
  isRecord,
  readOrder,
  totalCents,
} from './order.js'
import { createReplayGuard } from './replay-guard.js'

/** Options of createPaymentService. */
export interface PaymentServiceOptions {
  /** The payment service's private ECDH-ES+A256KW key, which opens the order JWE. */
  readonly decryptionKey: JotKey
  /** The shop's public ES256 key, which verifies the signed order inside. */
  readonly shopKey: JotKey
  /** Current time in seconds since the epoch. Default the system clock. */
  readonly now?: () => number
}

/** The body of an accepted payment. */
export interface AcceptedPayment {
  readonly status: 'accepted'
  readonly orderId: string
  readonly amountCents: number
  readonly currency: string
}

// The shop's and the payment service's clocks may differ by this much.
const CLOCK_TOLERANCE_SEC = 30

/**
 * Creates the payment service with one route, POST /payments, whose JSON body is
 * `{ "order": "<order token>" }`. It responds 200 with an AcceptedPayment, or with an error:
 * 400 `invalid_request` or `invalid_order`, 409 `order_replayed`, 422 `amount_mismatch`.
 */
export function createPaymentService(options: PaymentServiceOptions): Express {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000))
  const replayGuard = createReplayGuard()
  const app = express()
  app.use(express.json())

  app.post('/payments', async (req, res) => {
    const token: unknown = isRecord(req.body) ? req.body['order'] : undefined
    if (typeof token !== 'string') {
      sendError(res, 400, 'invalid_request', 'The body must be JSON with an "order" token.')
      return
    }
    const time = now()
    const opened = await openOrderToken(token, options, time)
    if (typeof opened === 'string') {
      sendError(res, 400, 'invalid_order', opened)
      return
    }
    const order = readOrder(opened.claims)
    if (typeof order === 'string') {
      sendError(res, 400, 'invalid_order', order)
      return
    }
    // Only an order that decrypted and verified is recorded, so no one without the shop's key
    // can use up an order id. From here on the id is spent, even if the amount is wrong.
    if (!replayGuard.markSeen(order.id, order.expiresAt + CLOCK_TOLERANCE_SEC, time)) {
      sendError(res, 409, 'order_replayed', 'This order was presented before.')
      return
    }
    if (order.amountCents !== totalCents(order.items)) {
      sendError(res, 422, 'amount_mismatch', 'amountCents differs from the sum of the items.')
      return
    }
    const payment: AcceptedPayment = {
      status: 'accepted',
      orderId: order.id,
      amountCents: order.amountCents,
      currency: order.currency,
    }
    res.json(payment)
  })

  // express.json() hands a malformed or oversized body here.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = isRecord(error) ? error['status'] : undefined
    if (typeof status !== 'number' || status < 400 || status > 499) {
      next(error)
      return
    }
    sendError(res, status, 'invalid_request', 'The body is not valid JSON of an accepted size.')
  })

  return app
}

// Returns the verified token, or the reason it was rejected. Every decryption failure (a
// changed byte, another recipient's key, a wrong tag) has the same message, "The JWE could not
// be decrypted.", so the response does not help anyone probe the key.
async function openOrderToken(token: string, options: PaymentServiceOptions, now: number) {
  try {
    return await decryptAndVerifyJwt(
      token,
      { decryptionKeys: options.decryptionKey, verificationKeys: options.shopKey },
      {
        issuer: SHOP_ISSUER,
        audience: PAYMENTS_AUDIENCE,
        typ: ORDER_TYP,
        // The replay check needs both: jti names the order, exp bounds how long it is kept.
        requiredClaims: ['jti', 'exp'],
        clockToleranceSec: CLOCK_TOLERANCE_SEC,
        now,
        // Each layer accepts exactly what the shop uses, whatever the keys would allow.
        decryption: {
          keyManagementAlgorithms: ['ECDH-ES+A256KW'],
          contentEncryptionAlgorithms: ['A256GCM'],
        },
        verification: { algorithms: ['ES256'] },
      },
    )
  } catch (error) {
    // OPTION_INVALID and ARGUMENT_INVALID mean this code is wrong, not the token: a 500.
    if (
      !isJotError(error) ||
      error.code === 'OPTION_INVALID' ||
      error.code === 'ARGUMENT_INVALID'
    ) {
      throw error
    }
    return `${error.code}: ${error.message}`
  }
}

function sendError(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description })
}
