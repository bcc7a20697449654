import vine from '@vinejs/vine'
import { definePlugin } from '#extensions/plugin'

/**
 * media-s3: stores media in an S3 bucket (AWS or any S3-compatible server)
 * instead of the local disk. Settings come from `MEDIA_S3_*`; the access
 * key and secret may be left out to use the AWS SDK's default credentials
 * (instance roles, `AWS_*` variables), but not one without the other.
 */
export default definePlugin({
  id: 'media-s3',
  version: '1.0.0',
  requires: [],
  configSchema: vine.object({
    MEDIA_S3_BUCKET: vine.string().trim().minLength(3).maxLength(63),
    MEDIA_S3_REGION: vine.string().trim().optional(),
    MEDIA_S3_ENDPOINT: vine
      .string()
      .trim()
      .url({ require_tld: false, protocols: ['http', 'https'] })
      .optional(),
    MEDIA_S3_KEY: vine.string().trim().optional().requiredIfExists('MEDIA_S3_SECRET'),
    MEDIA_S3_SECRET: vine.string().trim().optional().requiredIfExists('MEDIA_S3_KEY'),
    MEDIA_S3_FORCE_PATH_STYLE: vine.boolean().optional(),
  }),
  provider: () => import('./provider.js'),
})
