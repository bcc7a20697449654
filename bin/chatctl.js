#!/bin/sh
':' //# ; here=$(dirname "$(readlink -f "$0")"); n="$here/../node_modules/.bin/node"; [ -x "$n" ] || n=node; exec "$n" "$0" "$@"
/*
|--------------------------------------------------------------------------
| chatctl entry point (oclif)
|--------------------------------------------------------------------------
|
| A shell/JavaScript polyglot: `sh` runs the second line, which re-executes
| this file with the project's pinned Node 24 (node_modules/.bin/node), so
| `chatctl` works whichever `node` comes first on PATH (a plain
| `#!/usr/bin/env node` would pick the system Node 20). Node then skips the
| shebang and reads line two as a string and a comment.
|
| In the source tree the commands are TypeScript and need the ts-exec hook
| (a devDependency); the production build (bin/build.ts) ships this same
| file beside compiled commands, where nothing needs it.
|
*/
import { existsSync } from 'node:fs'

const [major] = process.versions.node.split('.').map(Number)
if (major < 24) {
  process.stderr.write(`chatctl needs Node 24 or newer (this is ${process.version}).\n`)
  process.exit(1)
}
if (existsSync(new URL('../commands/index.ts', import.meta.url))) {
  await import('@poppinss/ts-exec')
}
const { execute } = await import('@oclif/core')
await execute({ dir: import.meta.url })
