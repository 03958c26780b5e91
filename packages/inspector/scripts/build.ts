/** `npm run build:inspector`: writes the token inspector to packages/inspector/dist/inspector.html. */
import { writeInspectorPage, DEFAULT_PAGE_FILE } from '../src/build/build-page.js'

const page = await writeInspectorPage()
const kib = (Buffer.byteLength(page.html) / 1024).toFixed(0)
console.log(`Wrote ${DEFAULT_PAGE_FILE} (${kib} KiB).`)
