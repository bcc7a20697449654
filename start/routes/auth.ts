import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { authThrottle, registrationThrottle } from '#start/limiter'

const AuthController = () => import('#controllers/auth_controller')

router
  .group(() => {
    router
      .post('register', [AuthController, 'register'])
      .as('register')
      .use([authThrottle, registrationThrottle])
    router.post('login', [AuthController, 'login']).as('login').use(authThrottle)
    router.post('logout', [AuthController, 'logout']).as('logout').use(middleware.auth())
  })
  .prefix('/auth')
  .as('auth')
