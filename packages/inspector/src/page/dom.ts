/** Typed lookups of the page's elements, which fail loudly if the HTML and the script differ. */

/** Returns the element with `id`, checked to be an instance of `type`. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id)
  if (!(found instanceof type)) throw new Error(`The page has no ${type.name} #${id}.`)
  return found
}

/** Creates an element with a class name and text. */
export function create(tag: string, className: string, text: string): HTMLElement {
  const created = document.createElement(tag)
  if (className !== '') created.className = className
  created.textContent = text
  return created
}

/** Returns the current time in whole seconds since the epoch, the clock of every check in the page. */
export function nowSec(): number {
  return Math.floor(Date.now() / 1000)
}
