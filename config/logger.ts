import type { InferLoggers } from '@adonisjs/core/types'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'

/*
|--------------------------------------------------------------------------
| Logger
|--------------------------------------------------------------------------
|
| JSON lines to stdout in production, pretty output in development.
| LOG_TO_STDERR sends both to stderr (chatctl sets it, so that its
| --json output on stdout stays parseable).
|
*/
const destination = env.get('LOG_TO_STDERR') ? 2 : 1

const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'parley',
      level: env.get('LOG_LEVEL'),
      transport: {
        targets: targets()
          .pushIf(!app.inProduction && !app.inTest, targets.pretty({ destination }))
          .pushIf(app.inProduction || app.inTest, targets.file({ destination }))
          .toArray(),
      },
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
