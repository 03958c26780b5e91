/** Reads one cookie from a Cookie request header (RFC 6265 section 5.4), without a package. */

/** Returns the value of the first cookie called `name`, or undefined when there is none. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=')
    if (separator === -1) continue
    if (pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim()
  }
  return undefined
}
