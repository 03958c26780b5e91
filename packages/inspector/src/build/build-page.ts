/**
 * Builds the inspector as one HTML file: the page script bundled by esbuild with core's Web
 * Crypto backend, and the styles, both inlined and allowed by hash in the page's policy.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/** The built page and the Content-Security-Policy its `<meta>` element carries. */
export interface InspectorPage {
  readonly html: string
  readonly contentSecurityPolicy: string
}

/** Where `npm run build:inspector` writes the page, and where the token service reads it. */
export const DEFAULT_PAGE_FILE = fileURLToPath(
  new URL('../../dist/inspector.html', import.meta.url),
)

const PAGE_DIR = new URL('../page/', import.meta.url)

/**
 * Builds the page in memory. The policy allows only the inlined script and styles by their
 * SHA-256 hashes, and fetches (`connect-src`) only from the page's own origin, which is where
 * the service's JWK Set is; everything else, forms included, is blocked.
 * @throws Error when esbuild fails or the bundle would end its own `<script>` element.
 */
export async function buildInspectorPage(): Promise<InspectorPage> {
  const [template, style, script] = await Promise.all([
    readFile(new URL('inspector.html', PAGE_DIR), 'utf8'),
    readFile(new URL('inspector.css', PAGE_DIR), 'utf8'),
    bundleScript(),
  ])
  // The HTML parser ends a raw-text element at the first `</script` or `</style`, even
  // inside a JavaScript string.
  if (/<\/script/i.test(script) || /<\/style/i.test(style)) {
    throw new Error('The inspector bundle contains a closing script or style tag.')
  }
  const contentSecurityPolicy = [
    "default-src 'none'",
    `script-src '${sha256(script)}'`,
    `style-src '${sha256(style)}'`,
    "connect-src 'self'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
  const html = fillTemplate(template, [
    ['{{CSP}}', contentSecurityPolicy],
    ['<link rel="stylesheet" href="inspector.css" />', `<style>${style}</style>`],
    ['<script type="module" src="main.js"></script>', `<script type="module">${script}</script>`],
  ])
  return { html, contentSecurityPolicy }
}

/** Builds the page and writes it to `file` (default DEFAULT_PAGE_FILE). */
export async function writeInspectorPage(file = DEFAULT_PAGE_FILE): Promise<InspectorPage> {
  const page = await buildInspectorPage()
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, page.html)
  return page
}

// The `browser` condition, which esbuild's browser platform sets, selects core's Web Crypto
// backend; `@jot/source` makes the bundle use core's current sources, not its last build.
async function bundleScript(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('main.ts', PAGE_DIR))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120', 'firefox121', 'safari17'],
    conditions: ['@jot/source'],
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  })
  const output = result.outputFiles[0]
  if (output === undefined) throw new Error('esbuild produced no inspector bundle.')
  return output.text.trimEnd()
}

// The template links the script and styles as files, so it stays a valid page that tools can
// format; each link is replaced once, by a function so that `$` in the bundle stays literal.
function fillTemplate(template: string, replacements: readonly [string, string][]): string {
  let html = template
  for (const [placeholder, value] of replacements) {
    if (!html.includes(placeholder)) throw new Error(`The inspector template lacks ${placeholder}.`)
    html = html.replace(placeholder, () => value)
  }
  return html
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`
}
