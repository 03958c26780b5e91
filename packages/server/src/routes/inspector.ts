/** GET /: the token inspector page that @jot/inspector builds, with its own content policy. */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import { ServerError } from '../errors.js'
import { HttpError } from '../http/http-error.js'

/** The built page and the Content-Security-Policy header it is served with. */
export interface InspectorPage {
  readonly html: string
  readonly contentSecurityPolicy: string
}

// The build writes the policy, with the hashes of the inlined script and styles, into the
// page's <meta> element. The header repeats it and adds frame-ancestors, which browsers
// ignore in a <meta> policy.
const META_POLICY = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/

/**
 * Returns the path of the page `npm run build:inspector` writes, or undefined when
 * @jot/inspector is not installed.
 */
export function defaultInspectorPagePath(): string | undefined {
  try {
    return fileURLToPath(import.meta.resolve('@jot/inspector/inspector.html'))
  } catch {
    return undefined
  }
}

/**
 * Reads the built inspector page. A missing page is no reason to stop the token service, so it
 * is logged once as a warning (code INSPECTOR_PAGE_MISSING) and undefined is returned.
 * @throws ServerError `CONFIG_INVALID` for a file without the page's policy, which means it is
 *   not a page that build:inspector wrote.
 */
export async function loadInspectorPage(
  path: string | undefined,
  log: FastifyBaseLogger,
): Promise<InspectorPage | undefined> {
  const html = path === undefined ? undefined : await readFile(path, 'utf8').catch(ifMissing)
  if (html === undefined) {
    log.warn(
      { code: 'INSPECTOR_PAGE_MISSING', path },
      'the token inspector page is not built, so GET / returns 404; run npm run build:inspector',
    )
    return undefined
  }
  const policy = META_POLICY.exec(html)?.[1]
  if (policy === undefined) {
    throw new ServerError(
      'CONFIG_INVALID',
      `The inspector page ${path ?? ''} has no Content-Security-Policy; rebuild it with npm run build:inspector.`,
    )
  }
  return { html, contentSecurityPolicy: `${policy}; frame-ancestors 'none'` }
}

/**
 * Registers GET /: the inspector page, or 404 with a description saying how to build it. The
 * page's policy replaces the service's default one, which allows no scripts at all.
 */
export function registerInspectorRoute(
  app: FastifyInstance,
  page: InspectorPage | undefined,
): void {
  app.get('/', function showInspector(_request, reply) {
    if (page === undefined) {
      throw new HttpError(
        404,
        'not_found',
        'The token inspector page is not built on this server; build it with npm run build:inspector.',
      )
    }
    void reply
      .header('content-security-policy', page.contentSecurityPolicy)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
    return page.html
  })
}

function ifMissing(error: unknown): undefined {
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined
  throw error
}
