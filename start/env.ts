/*
|--------------------------------------------------------------------------
| Environment variables
|--------------------------------------------------------------------------
|
| Loads the env files and validates every variable Parley reads against
| start/env_schema.ts, at boot.
|
*/
import { Env } from '@adonisjs/core/env'
import { envSchema } from '#start/env_schema'

export default await Env.create(new URL('../', import.meta.url), envSchema)
