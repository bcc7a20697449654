/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| Each module registers its routes from start/routes/<module>.ts so that
| they can be read (and changed) on their own.
|
*/
import '#start/routes/system'
import '#start/routes/auth'
import '#start/routes/users'
import '#start/routes/orgs'
import '#start/routes/chat'
import '#start/routes/admin'
import '#start/routes/media'
import '#start/routes/notifications'
import '#start/routes/realtime'
import '#start/routes/web'
