import env from '#start/env'
import { definePluginsConfig } from '#providers/plugin_host_provider'
import mediaS3 from '#plugins/media-s3/plugin'
import pushFcm from '#plugins/push-fcm/plugin'
import e2eKeys from '#plugins/e2e-keys/plugin'

/*
|--------------------------------------------------------------------------
| Plugins
|--------------------------------------------------------------------------
|
| Every plugin this build knows (their manifests are tiny: importing one
| does not import its provider), and the enabled ids from PARLEY_PLUGINS.
| An unknown id stops the boot naming it. Each enabled plugin's settings
| are validated at boot by the plugin host (providers/plugin_host_provider.ts),
| and its migrations folder joins config/database.ts.
|
*/
const pluginsConfig = definePluginsConfig({
  known: [mediaS3, pushFcm, e2eKeys],
  enabled: env.get('PARLEY_PLUGINS'),
})

export default pluginsConfig
