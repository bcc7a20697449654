import env from '#start/env'
import { defineConfig, drivers } from '@adonisjs/core/encryption'

/*
|--------------------------------------------------------------------------
| Framework encryption
|--------------------------------------------------------------------------
|
| Used by AdonisJS itself (signed URLs, cookies). Message bodies use the
| separate versioned keyring in ENCRYPTION_KEYS (see app/services/keyring.ts).
|
*/
const encryptionConfig = defineConfig({
  default: 'app',
  list: {
    app: drivers.aes256gcm({
      id: 'app',
      keys: [env.get('APP_KEY')],
    }),
  },
})

export default encryptionConfig
