import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Variables set in the process environment before the app loaded its env
 * files (which copy their values into process.env), so commands can tell
 * whether a file's value is overridden.
 */
export let presetVariables = new Set<string>()

/**
 * Boots Parley for a local chatctl command: the console environment against
 * the database configured in `.env` (or the process environment), with
 * providers booted but no HTTP server, preloads or ready hooks. Logs go to
 * stderr so stdout stays the command's output. Imported lazily: `--help`
 * and remote commands never load the application.
 */
export async function bootLocalApp(): Promise<ApplicationService> {
  presetVariables = new Set(Object.keys(process.env))
  const { applyFreshDefaults } = await import('./app_env.js')
  applyFreshDefaults()
  process.env.LOG_TO_STDERR ??= 'true'
  await import('reflect-metadata')
  const { Ignitor } = await import('@adonisjs/core')
  const root = new URL('../', import.meta.url)
  const importer = (filePath: string) =>
    filePath.startsWith('./') || filePath.startsWith('../')
      ? import(new URL(filePath, root).href)
      : import(filePath)
  const app = new Ignitor(root, { importer })
    .tap((application) => {
      application.booting(async () => {
        await import('#start/env')
      })
    })
    .createApp('console')
  await app.init()
  await app.boot()
  return app as ApplicationService
}
