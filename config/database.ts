import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'
import plugins from '#config/plugins'

/*
|--------------------------------------------------------------------------
| Database
|--------------------------------------------------------------------------
|
| PostgreSQL through `pg`. DATABASE_URL wins over DB_*. When neither is set,
| `npm start` (bin/start.ts) runs the embedded PostgreSQL and fills DB_* in.
|
*/
const url = env.get('DATABASE_URL')

/*
| The enabled plugins' migrations; the test database gets every known
| plugin's tables, so plugin suites run against the same schema.
*/
const pluginMigrations =
  env.get('NODE_ENV') === 'test'
    ? plugins.known.flatMap((manifest) => (manifest.migrations ? [manifest.migrations] : []))
    : plugins.migrationPaths

const dbConfig = defineConfig({
  connection: 'postgres',
  connections: {
    postgres: {
      client: 'pg',
      connection: url
        ? { connectionString: url }
        : {
            host: env.get('DB_HOST', '127.0.0.1'),
            port: env.get('DB_PORT', 5432),
            user: env.get('DB_USER', 'postgres'),
            password: env.get('DB_PASSWORD', ''),
            database: env.get('DB_DATABASE', 'parley'),
          },
      pool: { min: 0, max: env.get('DB_POOL_MAX', 10) },
      schemaGeneration: { enabled: false },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations', ...pluginMigrations],
      },
    },
  },
})

export default dbConfig
