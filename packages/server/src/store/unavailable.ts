/** Tells connection failures of PostgreSQL and Redis apart from errors in a query. */
import pg from 'pg'
import { ServerError } from '../errors.js'

// SQLSTATE classes and codes that mean the server cannot serve now rather than that the
// statement is wrong: 08 connection exception, 53 insufficient resources, 57P01 to 57P03
// shutdown or startup in progress (PostgreSQL manual, appendix A).
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-3])/

/**
 * Tells whether an error from a pg query means that PostgreSQL could not be reached or dropped
 * the connection. pg reports those as plain errors (connection refused, connection terminated,
 * timeouts) and everything PostgreSQL itself rejects as a DatabaseError.
 */
export function isPostgresUnavailable(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return UNAVAILABLE_SQLSTATE.test(error.code ?? '')
  return error instanceof Error
}

/** The error for a backend that cannot be reached; the cause keeps the driver's error. */
export function storeUnavailable(backend: 'PostgreSQL' | 'Redis', cause: unknown): ServerError {
  return new ServerError(
    'STORE_UNAVAILABLE',
    `${backend} cannot be reached; the request can be retried later.`,
    { cause },
  )
}
