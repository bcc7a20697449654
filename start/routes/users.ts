/*
|--------------------------------------------------------------------------
| Routes: users
|--------------------------------------------------------------------------
|
| Every route needs a token. Other users are visible only to people who
| share an organization with them. `:id` matches UUIDs only, so `/me` and
| `/username/...` never reach it.
|
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { exportThrottle } from '#start/limiter'

const UsersController = () => import('#controllers/users_controller')
const UserExportsController = () => import('#controllers/user_exports_controller')

/** What a username can be (usernameRule): anything else, NUL included, matches no route. */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/

router
  .group(() => {
    router.get('/', [UsersController, 'index']).as('index')
    router.get('/me', [UsersController, 'me']).as('me')
    router.put('/me', [UsersController, 'updateMe']).as('updateMe')
    router.get('/me/exports', [UserExportsController, 'index']).as('exports.index')
    router
      .post('/me/exports', [UserExportsController, 'store'])
      .as('exports.store')
      .use(exportThrottle)
    router.get('/me/exports/:exportId', [UserExportsController, 'show']).as('exports.show')
    router
      .get('/username/:username', [UsersController, 'showByUsername'])
      .where('username', USERNAME)
      .as('showByUsername')
    router.get('/:id', [UsersController, 'show']).as('show')
  })
  .prefix('/users')
  .where('id', router.matchers.uuid())
  .as('users')
  .use(middleware.auth())
