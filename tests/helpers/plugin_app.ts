import type { ApplicationService } from '@adonisjs/core/types'
import processApp, { setApp } from '@adonisjs/core/services/app'
import { IgnitorFactory } from '@adonisjs/core/factories'
import { definePluginsConfig } from '#providers/plugin_host_provider'
import type { AnyPluginManifest } from '#extensions/plugin'
import driveConfig from '#config/drive'

/*
 * Minimal apps for plugin and plugin-host tests (STYLE item 13): the core
 * providers, the plugin host, and the given plugins known and enabled.
 * Booting one moves the `app` service binding, so it is always moved back
 * to the test process's own application.
 */

/** The test process's application (the `app` export is a live binding that setApp moves). */
export const mainApp = processApp

const APP_ROOT = new URL('../../', import.meta.url)

/** Boots (and by default starts) a minimal app; a boot failure rejects with its message. */
export async function bootPluginApp(options: {
  known: AnyPluginManifest[]
  enabled: string
  providers?: (() => Promise<unknown>)[]
  config?: Record<string, unknown>
  start?: boolean
}) {
  const ignitor = new IgnitorFactory()
    .withCoreProviders()
    .withCoreConfig()
    .merge({
      rcFileContents: {
        providers: [() => import('#providers/plugin_host_provider'), ...(options.providers ?? [])],
      },
      config: {
        ...options.config,
        plugins: definePluginsConfig({ known: options.known, enabled: options.enabled }),
      },
    })
    .create(APP_ROOT, { importer: (path) => import(path) })
  const app = ignitor.createApp('web')
  try {
    await app.init()
    await app.boot()
    if (options.start ?? true) await app.start(() => {})
  } finally {
    setApp(mainApp)
  }
  return app
}

/** Terminates a minimal app and gives the binding back to the test process. */
export async function terminatePluginApp(app: ApplicationService) {
  await app.terminate()
  setApp(mainApp)
}

/**
 * Drive with Parley's own `config/drive.ts`, for media plugin tests: spread
 * into `bootPluginApp`'s options so the plugin extends the real disk config.
 */
export const withDrive = {
  providers: [() => import('@adonisjs/drive/drive_provider')],
  config: { drive: driveConfig },
}
