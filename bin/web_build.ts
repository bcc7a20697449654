/*
|--------------------------------------------------------------------------
| Web client build
|--------------------------------------------------------------------------
|
| Builds web/ into public/ with Vite when the build is missing or older than
| a file under web/. `npm start` and the browser test suite call
| `ensureWebBuild()`; `npm run build:web` runs this file to build anyway.
|
*/
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const SOURCE = join(ROOT, 'web')
const OUTPUT = join(ROOT, 'public', 'index.html')

/** The newest modification time of the files under a folder (dist and dependencies excluded). */
function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue
    const path = join(dir, entry.name)
    const time = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs
    newest = Math.max(newest, time)
  }
  return newest
}

/** The SDK the client is built on (packages/client): a change there is a change of the client. */
const SDK_SOURCE = join(ROOT, 'packages', 'client', 'src')

/** True when public/ lacks the client or web/ (or the SDK) changed after it was built. */
export function webBuildIsStale() {
  if (!existsSync(OUTPUT)) return true
  if (!existsSync(SOURCE)) return false
  const sdk = existsSync(SDK_SOURCE) ? newestMtime(SDK_SOURCE) : 0
  return Math.max(newestMtime(SOURCE), sdk) > statSync(OUTPUT).mtimeMs
}

/** Runs `vite build` with web/vite.config.ts. */
export async function buildWeb() {
  const { build } = await import('vite')
  const startedAt = performance.now()
  await build({ configFile: join(SOURCE, 'vite.config.ts'), logLevel: 'warn' })
  const ms = Math.round(performance.now() - startedAt)
  console.log(`parley: built the web client into public/ in ${ms} ms`)
}

/**
 * Builds the web client when needed. Without Vite (a production install
 * without devDependencies) a missing build is reported, not fatal: the API
 * still serves, and `/` answers 404 until the client is built.
 */
export async function ensureWebBuild() {
  if (!webBuildIsStale()) return
  try {
    await buildWeb()
  } catch (error) {
    if (existsSync(OUTPUT)) throw error
    console.error(`parley: the web client could not be built (${(error as Error).message})`)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildWeb()
}
