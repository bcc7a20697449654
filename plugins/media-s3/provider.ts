import { configProvider } from '@adonisjs/core'
import type { ApplicationService, ConfigProvider } from '@adonisjs/core/types'
import type { DriverFactory } from '@adonisjs/drive/types'
import type { PluginHooks } from '#extensions/plugin'
import { createMediaS3Driver, type MediaS3Config } from './s3_driver.js'

/** The part of the resolved `config/drive.ts` this plugin extends. */
interface ResolvedDriveConfig {
  config: { services: Record<string, DriverFactory> }
}

/**
 * Registers the `s3` disk on Drive and makes it the media disk. Drive reads
 * its config when `drive.manager` is first resolved (in Drive's `boot`,
 * which runs after the plugin host's), so wrapping the config provider
 * here adds the disk without touching config/drive.ts. The S3 client is
 * created only when the disk is first used.
 */
export default class MediaS3Provider implements PluginHooks {
  constructor(
    protected app: ApplicationService,
    protected config: MediaS3Config
  ) {}

  register() {
    const driveConfig = this.app.config.get<ConfigProvider<ResolvedDriveConfig>>('drive')
    this.app.config.set(
      'drive',
      configProvider.create(async (app) => {
        const resolved = await configProvider.resolve<ResolvedDriveConfig>(app, driveConfig)
        if (!resolved) throw new Error('media-s3 needs a valid config/drive.ts (defineConfig)')
        resolved.config.services.s3 = () => createMediaS3Driver(this.config)
        return resolved
      })
    )
    this.app.config.set('media.disk', 's3')
  }
}
