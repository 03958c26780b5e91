/** The injectable clock and numeric option checks of the JWT functions. */
import { JotError } from '../errors.js'
import type { Clock } from './types.js'

/**
 * Turns the `now` option into a function returning seconds since the epoch.
 * @throws JotError `OPTION_INVALID`.
 */
export function prepareClock(now: Clock | undefined): () => number {
  if (now === undefined) return () => Math.floor(Date.now() / 1000)
  if (typeof now === 'function') return now
  if (typeof now === 'number' && Number.isFinite(now)) return () => now
  throw new JotError(
    'OPTION_INVALID',
    'The "now" option must be seconds since the epoch or a function returning them.',
  )
}

/** Reads the current time from a prepared clock, rejecting a clock that returns garbage. */
export function readClock(clock: () => number): number {
  const now = clock()
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    throw new JotError(
      'OPTION_INVALID',
      'The "now" function must return a finite number of seconds.',
    )
  }
  return now
}

/**
 * Reads an optional number of seconds within a range.
 * @throws JotError `OPTION_INVALID`.
 */
export function secondsOption(
  value: unknown,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new JotError(
      'OPTION_INVALID',
      `The "${name}" option must be a number of seconds from ${min} to ${max}.`,
    )
  }
  return value
}
