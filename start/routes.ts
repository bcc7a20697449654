/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| Each module registers its routes from start/routes/<module>.ts so that
| they can be read (and changed) on their own. Id parameters only match
| UUIDs (app/services/route_params.ts), plugin routes included, so that
| no two routes can claim one URL.
|
*/
import router from '@adonisjs/core/services/router'
import { UUID_ROUTE_PARAMS } from '#services/route_params'

for (const param of UUID_ROUTE_PARAMS) router.where(param, router.matchers.uuid())

import '#start/routes/system'
import '#start/routes/auth'
import '#start/routes/users'
import '#start/routes/orgs'
import '#start/routes/chat'
import '#start/routes/admin'
import '#start/routes/media'
import '#start/routes/notifications'
import '#start/routes/realtime'
import '#start/routes/integrations'
import '#start/routes/web'
