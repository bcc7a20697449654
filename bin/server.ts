/*
|--------------------------------------------------------------------------
| HTTP server entry point
|--------------------------------------------------------------------------
|
| Starts the HTTP server. `npm start` goes through bin/start.ts first, which
| prepares `.env` and the embedded database when no PostgreSQL is configured.
|
*/
await import('reflect-metadata')
const { Ignitor, prettyPrintError } = await import('@adonisjs/core')

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.listen('SIGTERM', async () => {
      // The stop's deadline starts now, even if the providers are still
      // getting ready (app/services/node_drain.ts, armStopDeadline).
      const [{ default: env }, { armStopDeadline, DEFAULT_DRAIN_TIMEOUT_MS }] = await Promise.all([
        import('#start/env'),
        import('#services/node_drain'),
      ])
      armStopDeadline(env.get('DRAIN_TIMEOUT_MS') ?? DEFAULT_DRAIN_TIMEOUT_MS)
      await app.terminate()
    })
    app.listenIf(app.managedByPm2, 'SIGINT', () => app.terminate())
  })
  .httpServer()
  .start()
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
