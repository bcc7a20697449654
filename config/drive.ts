import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'
import type { InferDriveDisks } from '@adonisjs/drive/types'

/*
|--------------------------------------------------------------------------
| Media storage (Drive)
|--------------------------------------------------------------------------
|
| Core stores media on the local disk `fs` under storage/media (the built-in
| "media-fs"). Files are private: Drive serves them from /media/files/* only
| with a signed URL, which GET /media/:mediaId hands to room members.
|
| A signed URL is a bearer capability: anyone holding it can download the
| file until it expires, and it cannot be revoked earlier (the file route
| checks the signature and nothing else: not the token, not the membership).
| That is why its lifetime is short. The media-s3 plugin registers an `s3`
| disk and makes it the media disk instead.
|
*/

/** How long a signed media URL stays valid: 5 minutes. */
export const signedUrlLifetime = '5 minutes'

const driveConfig = defineConfig({
  default: 'fs',
  services: {
    fs: services.fs({
      location: app.makePath('storage/media'),
      visibility: 'private',
      serveFiles: true,
      routeBasePath: '/media/files',
      appUrl: env.get('APP_URL'),
    }),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
