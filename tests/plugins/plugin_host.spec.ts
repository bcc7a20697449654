import { test } from '@japa/runner'
import { bootPluginApp, terminatePluginApp } from '#tests/helpers/plugin_app'
import vine from '@vinejs/vine'
import type { ApplicationService } from '@adonisjs/core/types'
import { definePluginsConfig } from '#providers/plugin_host_provider'
import { definePlugin, type PluginHooks } from '#extensions/plugin'
import { assertRequirementsMet, satisfies, validatePluginConfig } from '#services/plugin_host'
import { parsePluginIds } from '#services/plugins'
import mediaS3 from '#plugins/media-s3/plugin'

/** How many times each fake plugin's provider module was imported. */
const imports = { routes: 0 }

class RoutesPluginProvider implements PluginHooks {
  constructor(
    protected app: ApplicationService,
    protected config: { FAKE_GREETING: string }
  ) {}

  async boot() {
    const router = await this.app.container.make('router')
    router.get('/fake-plugin/hello', () => ({ greeting: this.config.FAKE_GREETING }))
  }
}

/** A plugin with a route and one required setting. */
const routesPlugin = definePlugin({
  id: 'fake-routes',
  version: '0.1.0',
  requires: ['media-*'],
  configSchema: vine.object({ FAKE_GREETING: vine.string() }),
  provider: async () => {
    imports.routes++
    return { default: RoutesPluginProvider }
  },
})

/** A plugin that needs another plugin which is never enabled here. */
const needyPlugin = definePlugin({
  id: 'fake-needy',
  version: '0.1.0',
  requires: ['fake-missing'],
  configSchema: vine.object({}),
  provider: async () => ({ default: class {} }),
})

const bootMiniApp = (enabled: string) =>
  bootPluginApp({ known: [routesPlugin, needyPlugin], enabled })

/** Whether the mini app's router has a route for a GET path (else the server answers 404). */
async function hasRoute(app: ApplicationService, path: string) {
  const router = await app.container.make('router')
  router.commit()
  return Boolean(router.match(path, 'GET', false))
}

function withEnv(values: Record<string, string | undefined>) {
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]))
  Object.assign(process.env, values)
  for (const [key, value] of Object.entries(values))
    if (value === undefined) delete process.env[key]
  return () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}

test.group('Plugin host: configuration', () => {
  test('parses PARLEY_PLUGINS without blanks or duplicates', ({ assert }) => {
    assert.deepEqual(parsePluginIds(' media-s3, ,push-fcm,media-s3 '), ['media-s3', 'push-fcm'])
    assert.deepEqual(parsePluginIds(undefined), [])
  })

  test('fails on an unknown plugin id, naming it', ({ assert }) => {
    assert.throws(
      () => definePluginsConfig({ known: [mediaS3], enabled: 'media-s3,media-s4' }),
      'Unknown plugin "media-s4" in PARLEY_PLUGINS. Known plugins: media-s3'
    )
  })

  test('adds the migration folders of enabled plugins only', ({ assert }) => {
    const withMigrations = definePlugin({
      ...needyPlugin,
      id: 'fake-db',
      migrations: 'plugins/fake-db/migrations',
    })
    const known = [mediaS3, withMigrations]
    assert.deepEqual(definePluginsConfig({ known, enabled: 'fake-db' }).migrationPaths, [
      'plugins/fake-db/migrations',
    ])
    assert.deepEqual(definePluginsConfig({ known, enabled: 'media-s3' }).migrationPaths, [])
  })

  test('names the missing variable of a misconfigured plugin', async ({ assert }) => {
    await assert.rejects(
      () => validatePluginConfig(mediaS3, { MEDIA_S3_REGION: 'eu-west-1', MEDIA_S3_BUCKET: ' ' }),
      'Plugin "media-s3" is enabled but MEDIA_S3_BUCKET is not set. Set it in the environment or .env, or remove "media-s3" from PARLEY_PLUGINS'
    )
    await assert.rejects(
      () => validatePluginConfig(mediaS3, { MEDIA_S3_BUCKET: 'media', MEDIA_S3_KEY: 'AKIA' }),
      /^Plugin "media-s3" is enabled but MEDIA_S3_SECRET is not set/
    )
    await assert.rejects(
      () =>
        validatePluginConfig(mediaS3, { MEDIA_S3_BUCKET: 'media', MEDIA_S3_ENDPOINT: 'not a url' }),
      /^Plugin "media-s3" is enabled but MEDIA_S3_ENDPOINT is invalid/
    )
  })

  test('returns the validated settings of a well configured plugin', async ({ assert }) => {
    const config = await validatePluginConfig(mediaS3, {
      MEDIA_S3_BUCKET: 'media',
      MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000',
      MEDIA_S3_FORCE_PATH_STYLE: 'true',
      UNRELATED: 'ignored',
    })
    assert.deepEqual(config, {
      MEDIA_S3_BUCKET: 'media',
      MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000',
      MEDIA_S3_FORCE_PATH_STYLE: true,
    })
  })

  test('checks requires against enabled plugins and core capabilities', ({ assert }) => {
    assert.isTrue(satisfies('media-*', 'media-fs'))
    assert.isFalse(satisfies('media-*', 'push-fcm'))
    assert.doesNotThrow(() => assertRequirementsMet([routesPlugin]))
    assert.throws(
      () => assertRequirementsMet([needyPlugin]),
      'Plugin "fake-needy" requires "fake-missing", which is not enabled. Add it to PARLEY_PLUGINS'
    )
  })
})

test.group('Plugin host: booting a minimal app', (group) => {
  group.each.setup(() => {
    imports.routes = 0
  })

  test('a disabled plugin costs nothing: provider never imported, routes absent', async ({
    assert,
  }) => {
    const app = await bootMiniApp('')
    assert.equal(imports.routes, 0)
    assert.isFalse(await hasRoute(app, '/fake-plugin/hello'))
    const registry = await app.container.make('plugins.registry')
    assert.deepEqual(registry.list(), [])
    await terminatePluginApp(app)
  })

  test('an enabled plugin is imported once, runs its hooks and registers its routes', async ({
    assert,
    cleanup,
  }) => {
    cleanup(withEnv({ FAKE_GREETING: 'hello' }))
    const app = await bootMiniApp('fake-routes')
    assert.equal(imports.routes, 1)
    assert.isTrue(await hasRoute(app, '/fake-plugin/hello'))
    const registry = await app.container.make('plugins.registry')
    assert.deepEqual(registry.list(), [{ id: 'fake-routes', version: '0.1.0', state: 'ready' }])
    await terminatePluginApp(app)
    const [plugin] = registry.list()
    assert.equal(plugin.state, 'stopped')
  })

  test('an enabled but misconfigured plugin stops the boot with the precise message', async ({
    assert,
    cleanup,
  }) => {
    cleanup(withEnv({ FAKE_GREETING: undefined }))
    await assert.rejects(
      () => bootMiniApp('fake-routes'),
      /^Plugin "fake-routes" is enabled but FAKE_GREETING is not set/
    )
    assert.equal(imports.routes, 0)
  })

  test('an unmet requirement stops the boot', async ({ assert }) => {
    await assert.rejects(
      () => bootMiniApp('fake-needy'),
      'Plugin "fake-needy" requires "fake-missing", which is not enabled. Add it to PARLEY_PLUGINS'
    )
  })
})
