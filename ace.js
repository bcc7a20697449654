/*
|--------------------------------------------------------------------------
| JavaScript entrypoint for running ace commands
|--------------------------------------------------------------------------
|
| Registers the TypeScript hook (ts-exec) and then runs bin/console.ts.
| Run it through npm scripts so that the pinned Node 24 is used.
|
*/
import '@poppinss/ts-exec'
await import('./bin/console.ts')
