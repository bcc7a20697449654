import env from '#start/env'
import { definePluginsConfig } from '#providers/plugin_host_provider'
import { KNOWN_PLUGINS } from '#config/known_plugins'

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
  known: KNOWN_PLUGINS,
  enabled: env.get('PARLEY_PLUGINS'),
})

export default pluginsConfig
