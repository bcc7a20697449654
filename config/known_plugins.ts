import mediaS3 from '#plugins/media-s3/plugin'
import pushFcm from '#plugins/push-fcm/plugin'
import e2eKeys from '#plugins/e2e-keys/plugin'
import linkPreviews from '#plugins/link-previews/plugin'

/**
 * Every plugin this build knows, by manifest (importing one does not import
 * its provider or read the environment). config/plugins.ts enables some of
 * them; `chatctl plugin enable|disable` and `config check` read the same list
 * without booting.
 */
export const KNOWN_PLUGINS = [mediaS3, pushFcm, e2eKeys, linkPreviews]
