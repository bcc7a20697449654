import type { Readable } from 'node:stream'
import { S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { S3Driver } from '@adonisjs/drive/drivers/s3'
import type { WriteOptions } from '@adonisjs/drive/types'

/** Size of each part of a streamed upload (S3's minimum, to keep memory low). */
const PART_BYTES = 5 * 1024 * 1024

/** Validated `MEDIA_S3_*` settings. */
export interface MediaS3Config {
  MEDIA_S3_BUCKET: string
  MEDIA_S3_REGION?: string
  MEDIA_S3_ENDPOINT?: string
  MEDIA_S3_KEY?: string
  MEDIA_S3_SECRET?: string
  MEDIA_S3_FORCE_PATH_STYLE?: boolean
}

/**
 * Drive's S3 driver with a `putStream` that works on streams of unknown
 * length. Uploads are streamed (their length is known only at the end), and
 * a plain PutObject of such a stream fails in the AWS SDK v3
 * (`x-amz-decoded-content-length` undefined); a multipart upload sends it
 * in 5 MB parts, one at a time, so memory stays around one part.
 */
export class StreamingS3Driver extends S3Driver {
  #s3: S3Client
  #bucket: string

  constructor(s3: S3Client, bucket: string) {
    super({ client: s3, bucket, visibility: 'private', supportsACL: false })
    this.#s3 = s3
    this.#bucket = bucket
  }

  async putStream(key: string, contents: Readable, options?: WriteOptions) {
    await new Upload({
      client: this.#s3,
      params: { Bucket: this.#bucket, Key: key, Body: contents, ContentType: options?.contentType },
      queueSize: 1,
      partSize: PART_BYTES,
    }).done()
  }
}

/** Builds the S3 client of the media disk from the plugin's settings. */
export function createMediaS3Driver(config: MediaS3Config) {
  const client = new S3Client({
    region: config.MEDIA_S3_REGION ?? 'us-east-1',
    endpoint: config.MEDIA_S3_ENDPOINT,
    forcePathStyle: config.MEDIA_S3_FORCE_PATH_STYLE ?? false,
    credentials:
      config.MEDIA_S3_KEY && config.MEDIA_S3_SECRET
        ? { accessKeyId: config.MEDIA_S3_KEY, secretAccessKey: config.MEDIA_S3_SECRET }
        : undefined,
  })
  return new StreamingS3Driver(client, config.MEDIA_S3_BUCKET)
}
