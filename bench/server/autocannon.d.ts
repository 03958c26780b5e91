/** The part of autocannon 9's API the server benchmark uses; the package ships no types. */
declare module 'autocannon' {
  interface Request {
    readonly method?: string
    readonly path?: string
    readonly headers?: Record<string, string>
    readonly body?: string
    /** Returns the request to send, or undefined to skip; called before every request. */
    readonly setupRequest?: (request: Request, context: object) => Request | undefined
    readonly onResponse?: (status: number, body: string, context: object) => void
  }

  interface Options {
    readonly url: string
    readonly connections?: number
    readonly duration?: number
    readonly amount?: number
    readonly method?: string
    readonly headers?: Record<string, string>
    readonly body?: string
    readonly requests?: readonly Request[]
  }

  interface Histogram {
    readonly average: number
    readonly mean: number
    readonly p50: number
    readonly p99: number
    readonly max: number
  }

  interface Result {
    readonly requests: Histogram & { readonly total: number }
    readonly latency: Histogram
    readonly duration: number
    readonly errors: number
    readonly timeouts: number
    readonly non2xx: number
    readonly '2xx': number
  }

  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
