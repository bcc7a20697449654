/*
 * Media storage as a media plugin meets it: core streams each upload into
 * the configured disk with `storeUpload`, sniffing its type against
 * `MEDIA_TYPES`; a storage plugin's disk must serve that stream.
 */
export { storeUpload } from '#services/media_storage'
export { MEDIA_TYPES } from '#validators/media'
