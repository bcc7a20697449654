/*
|--------------------------------------------------------------------------
| Routes: admin (server-wide admin API used by chatctl in remote mode)
|--------------------------------------------------------------------------
|
| One route per admin operation (app/admin/operations.ts), named
| `admin.<topic>.<verb>` after the chatctl command it serves. Every route
| needs an admin token of a server admin (the `admin` middleware).
|
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { OPERATIONS } from '#admin/operations'
import { adminRouteName } from '#admin/operation_routes'

const AdminController = () => import('#controllers/admin_controller')

router
  .group(() => {
    for (const [id, operation] of Object.entries(OPERATIONS)) {
      router
        .route(operation.path, [operation.method], [AdminController, 'run'])
        .as(adminRouteName(id))
    }
  })
  .use(middleware.admin())
