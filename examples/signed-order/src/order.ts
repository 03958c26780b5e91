/** The order token both sides agree on: its claims, who issues it, who may read it. */
import type { JwtClaims } from '@jot/core'

/** `iss` of order tokens: the shop. */
export const SHOP_ISSUER = 'https://shop.example'
/** `aud` of order tokens: the payment service, which rejects tokens for anyone else. */
export const PAYMENTS_AUDIENCE = 'https://payments.example'
/**
 * Header `typ` of the signed order inside the JWE. A distinct type keeps any other JWT the shop
 * signs with the same key from passing as an order (RFC 8725 section 3.11).
 */
export const ORDER_TYP = 'order+jwt'
/** Seconds an order token is valid: long enough to reach the payment service, no longer. */
export const ORDER_LIFETIME_SEC = 300

/** The currencies the payment service accepts. */
export const CURRENCIES = ['EUR', 'GBP', 'USD'] as const
export type Currency = (typeof CURRENCIES)[number]

/** One line of an order. Prices are whole minor units (cents), so sums are exact. */
export interface OrderItem {
  readonly sku: string
  readonly name: string
  readonly quantity: number
  readonly unitPriceCents: number
}

export interface DeliveryAddress {
  readonly name: string
  readonly street: string
  readonly postalCode: string
  readonly city: string
  /** ISO 3166-1 alpha-2 code, such as `DE`. */
  readonly country: string
}

/** The order as the shop signs it; the order id travels as the `jti` claim. */
export interface Order {
  readonly items: readonly OrderItem[]
  readonly currency: Currency
  readonly amountCents: number
  readonly deliveryAddress: DeliveryAddress
}

/** An order as the payment service reads it from a verified token. */
export interface ReceivedOrder extends Order {
  /** The `jti` claim. */
  readonly id: string
  /** The `exp` claim, in seconds since the epoch. */
  readonly expiresAt: number
}

/** Returns the sum of quantity times unit price over the items, in cents. */
export function totalCents(items: readonly OrderItem[]): number {
  return items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0)
}

/**
 * Reads an order from verified claims, or returns a message saying which claim is wrong. The
 * signature proves the shop sent the claims, not that the shop's code built them correctly.
 */
export function readOrder(claims: JwtClaims): ReceivedOrder | string {
  const { jti, exp, items, currency, amountCents, deliveryAddress } = claims
  // The verifier already required jti and exp and checked their types; this narrows them.
  if (jti === undefined || exp === undefined) return 'The order token needs jti and exp.'
  if (!Array.isArray(items) || items.length === 0 || !items.every(isOrderItem)) {
    return 'items must be a non-empty array of { sku, name, quantity, unitPriceCents }.'
  }
  if (!isCurrency(currency)) {
    return `currency must be one of ${CURRENCIES.join(', ')}.`
  }
  if (!isWholeNumber(amountCents, 1)) {
    return 'amountCents must be a whole number of cents, at least 1.'
  }
  if (!isDeliveryAddress(deliveryAddress)) {
    return 'deliveryAddress must have name, street, postalCode, city and country.'
  }
  return { id: jti, expiresAt: exp, items, currency, amountCents, deliveryAddress }
}

function isOrderItem(value: unknown): value is OrderItem {
  if (!isRecord(value)) return false
  const { sku, name, quantity, unitPriceCents } = value
  return (
    typeof sku === 'string' &&
    typeof name === 'string' &&
    isWholeNumber(quantity, 1) &&
    isWholeNumber(unitPriceCents, 0)
  )
}

function isCurrency(value: unknown): value is Currency {
  return CURRENCIES.some((accepted) => accepted === value)
}

/** Returns true for an address with every field a non-empty string. */
export function isDeliveryAddress(value: unknown): value is DeliveryAddress {
  return (
    isRecord(value) &&
    ['name', 'street', 'postalCode', 'city', 'country'].every(
      (field) => typeof value[field] === 'string' && value[field] !== '',
    )
  )
}

// Safe integers only: beyond 2^53 sums of cents stop being exact.
function isWholeNumber(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min
}

/** Returns true for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
