/** Reuse of checked options when signJwt or verifyJwt gets the same options object again. */

/** A memo hit: the prepared options and this call's `now` option. */
export interface RememberedOptions<P> {
  readonly prepared: P
  readonly now: unknown
}

/** The values an options object had when it was prepared, copied, in for...in order. */
export interface OptionsSnapshot {
  /** A plain copy of the options, `now` included: check this copy, never the original. */
  readonly copy: Readonly<Record<string, unknown>>
  readonly names: readonly string[]
  readonly values: readonly unknown[]
}

interface Entry<P> {
  readonly owner: object | undefined
  readonly snapshot: OptionsSnapshot
  readonly prepared: P
}

/**
 * Remembers, per options object, what was prepared from it, and hands it out again only while
 * the object still holds the same values.
 *
 * Identity alone would be unsafe: callers may keep one options object and change a member,
 * or an array inside one, between calls. So every lookup compares the object's current
 * values with a copy taken when it was prepared, element by element for arrays. That
 * comparison reads each member once and allocates nothing, which is what makes a hit
 * cheaper than checking the options again. The options are checked from the copy, so a
 * getter that returns something new on each read cannot make the checked values differ
 * from the remembered ones.
 *
 * `now` is never compared: it is handed back so the caller prepares the clock per call.
 * Entries live as long as their options object (a WeakMap), one per object. Options built
 * fresh for every call never hit, and pay one WeakMap lookup and insertion on top of the
 * check they needed anyway.
 */
export class OptionsMemo<P> {
  readonly #entries = new WeakMap<object, Entry<P>>()
  readonly #objectNames: ReadonlySet<string>

  /** @param objectNames options whose value may be a plain object of primitives (`header`). */
  constructor(objectNames: ReadonlySet<string>) {
    this.#objectNames = objectNames
  }

  /** Returns what was prepared for these options and owner, if their values are unchanged. */
  lookup(options: object, owner: object | undefined): RememberedOptions<P> | undefined {
    const entry = this.#entries.get(options)
    if (entry === undefined || entry.owner !== owner) return undefined
    const { names, values } = entry.snapshot
    let index = 0
    let now: unknown
    for (const name in options) {
      if (names[index] !== name) return undefined
      const value: unknown = (options as Record<string, unknown>)[name]
      if (name === 'now') now = value
      else if (!sameValue(value, values[index])) return undefined
      index++
    }
    if (index !== names.length) return undefined
    return { prepared: entry.prepared, now }
  }

  /**
   * Copies the options' values, or returns undefined when one cannot be compared by value
   * later (a function other than `now`, a class instance, a nested object).
   */
  snapshot(options: object): OptionsSnapshot | undefined {
    const copy: Record<string, unknown> = {}
    const names: string[] = []
    const values: unknown[] = []
    // for...in, as the unknown-option check uses, so inherited names are seen the same way.
    for (const name in options) {
      const value: unknown = (options as Record<string, unknown>)[name]
      const copied = name === 'now' ? value : copyValue(value, this.#objectNames.has(name))
      if (copied === UNCOPYABLE) return undefined
      // defineProperty, so an option named __proto__ stays a member and reaches the check.
      Object.defineProperty(copy, name, { value: copied, enumerable: true, writable: true })
      names.push(name)
      values.push(copied)
    }
    return { copy, names, values }
  }

  remember(
    options: object,
    owner: object | undefined,
    snapshot: OptionsSnapshot,
    prepared: P,
  ): void {
    this.#entries.set(options, { owner, snapshot, prepared })
  }
}

const UNCOPYABLE = Symbol('uncopyable')

function isPrimitive(value: unknown): boolean {
  return (typeof value !== 'object' && typeof value !== 'function') || value === null
}

// Inherited members would be read by the option checks but not by Object.entries, so only
// objects whose prototype is Object.prototype or null count as plain.
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

function copyValue(value: unknown, objectAllowed: boolean): unknown {
  if (isPrimitive(value)) return value
  if (Array.isArray(value)) {
    const items: unknown[] = []
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index]
      if (!isPrimitive(item)) return UNCOPYABLE
      items.push(item)
    }
    return items
  }
  if (!objectAllowed || !isPlainObject(value)) return UNCOPYABLE
  const entries = Object.entries(value)
  if (!entries.every(([, member]) => isPrimitive(member))) return UNCOPYABLE
  // Object.fromEntries defines own properties, so a member named __proto__ stays a member.
  return Object.fromEntries(entries)
}

function sameValue(current: unknown, stored: unknown): boolean {
  if (isPrimitive(stored)) return Object.is(current, stored)
  if (Array.isArray(stored)) {
    if (!Array.isArray(current) || current.length !== stored.length) return false
    for (let index = 0; index < stored.length; index++) {
      if (!Object.is(current[index], stored[index])) return false
    }
    return true
  }
  if (!isPlainObject(current)) return false
  const storedNames = Object.keys(stored as object)
  const currentNames = Object.keys(current)
  if (currentNames.length !== storedNames.length) return false
  return storedNames.every(
    (name, index) =>
      currentNames[index] === name &&
      Object.is(
        (current as Record<string, unknown>)[name],
        (stored as Record<string, unknown>)[name],
      ),
  )
}
