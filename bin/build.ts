/*
|--------------------------------------------------------------------------
| Production build (`npm run build`)
|--------------------------------------------------------------------------
|
| Compiles Parley to JavaScript that runs with plain `node` 24 after
| `npm ci --omit=dev` (docs/deploy.md lists the entry points):
|
| 1. Builds the web client into public/ (bin/web_build.ts).
| 2. Runs `node ace build`: tsc into the output folder, public/ and the
|    package files copied beside it.
| 3. Finishes what `node ace build` leaves out: bin/chatctl.js (it copies
|    no .js sources) and a package.json whose oclif command index and
|    scripts name the compiled files instead of the TypeScript ones.
|
| `npm run build` writes build/; `npm run build -- <folder>` writes another
| folder (the production-build test builds into a temporary one).
|
*/
import { spawnSync } from 'node:child_process'
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildWeb } from './web_build.ts'

const ROOT = fileURLToPath(new URL('../', import.meta.url))

/** The package.json of the build: compiled entry points instead of TypeScript ones. */
export function productionPackageJson(source: Record<string, any>) {
  return {
    ...source,
    scripts: {
      start: 'node bin/server.js',
      migrate: 'node ace migration:run --force',
      chatctl: 'node bin/chatctl.js',
    },
    oclif: {
      ...source.oclif,
      commands: { ...source.oclif.commands, target: './commands/index.js' },
      helpClass: './commands/help.js',
    },
  }
}

/**
 * Runs `node ace build`, into `outDir` when given: through a temporary
 * tsconfig beside the project's (git-ignored) that only changes outDir.
 */
function aceBuild(outDir?: string) {
  const args = ['ace', 'build']
  let tsconfig: string | undefined
  if (outDir) {
    tsconfig = `tsconfig.build-${process.pid}.json`
    const config = {
      extends: './tsconfig.json',
      compilerOptions: { outDir: relative(ROOT, outDir) },
    }
    writeFileSync(join(ROOT, tsconfig), JSON.stringify(config, null, 2))
    args.push(`--tsconfig=${tsconfig}`)
  }
  try {
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' })
    if (result.status !== 0)
      throw new Error(`node ace build failed (${result.status ?? result.signal})`)
  } finally {
    if (tsconfig) rmSync(join(ROOT, tsconfig), { force: true })
  }
}

export async function build(outDir = join(ROOT, 'build')) {
  await buildWeb()
  aceBuild(outDir === join(ROOT, 'build') ? undefined : outDir)
  copyFileSync(join(ROOT, 'bin', 'chatctl.js'), join(outDir, 'bin', 'chatctl.js'))
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  writeFileSync(
    join(outDir, 'package.json'),
    JSON.stringify(productionPackageJson(pkg), null, 2) + '\n'
  )
  console.log(`parley: production build in ${outDir}`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await build(process.argv[2] ? resolve(process.argv[2]) : undefined)
}
