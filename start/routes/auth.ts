import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import {
  accountMailAddressThrottle,
  accountMailThrottle,
  accountThrottle,
  authThrottle,
  registrationThrottle,
  ssoStartThrottle,
} from '#start/limiter'

const AuthController = () => import('#controllers/auth_controller')
const SessionsController = () => import('#controllers/sessions_controller')
const AccountEmailsController = () => import('#controllers/account_emails_controller')
const TwoFactorController = () => import('#controllers/two_factor_controller')
const OidcController = () => import('#controllers/oidc_controller')
const ImageCookiesController = () => import('#controllers/image_cookies_controller')

router
  .group(() => {
    router
      .post('register', [AuthController, 'register'])
      .as('register')
      .use([authThrottle, registrationThrottle])
    router.post('login', [AuthController, 'login']).as('login').use(authThrottle)
    router.post('logout', [AuthController, 'logout']).as('logout').use(middleware.auth())

    router
      .group(() => {
        router.get('', [SessionsController, 'index']).as('index')
        router.post('revoke-others', [SessionsController, 'revokeOthers']).as('revoke_others')
        router.delete(':sessionId', [SessionsController, 'destroy']).as('destroy')
      })
      .prefix('sessions')
      .as('sessions')
      .use([middleware.auth(), accountThrottle])

    router
      .group(() => {
        router.get('', [TwoFactorController, 'show']).as('show')
        router.post('setup', [TwoFactorController, 'setup']).as('setup')
        router.post('enable', [TwoFactorController, 'enable']).as('enable')
        router.post('disable', [TwoFactorController, 'disable']).as('disable')
        router
          .post('recovery-codes', [TwoFactorController, 'rotateRecoveryCodes'])
          .as('recovery_codes')
      })
      .prefix('2fa')
      .as('two_factor')
      .use([middleware.auth(), accountThrottle])

    router
      .get('oidc/authorize', [OidcController, 'authorize'])
      .as('oidc.authorize')
      .use(ssoStartThrottle)
    router.post('oidc/callback', [OidcController, 'callback']).as('oidc.callback').use(authThrottle)

    router
      .post('email/verification', [AccountEmailsController, 'sendVerification'])
      .as('email.send_verification')
      .use([middleware.auth(), accountMailThrottle, accountMailAddressThrottle])
    router
      .post('email/verify', [AccountEmailsController, 'verify'])
      .as('email.verify')
      .use(authThrottle)
    router
      .post('password/forgot', [AccountEmailsController, 'forgotPassword'])
      .as('password.forgot')
      .use([authThrottle, accountMailThrottle, accountMailAddressThrottle])
    router
      .post('password/reset', [AccountEmailsController, 'resetPassword'])
      .as('password.reset')
      .use(authThrottle)
  })
  .prefix('/auth')
  .as('auth')

router
  .group(() => {
    router.post('', [ImageCookiesController, 'store']).as('store').use(middleware.auth())
    router.delete('', [ImageCookiesController, 'destroy']).as('destroy')
  })
  .prefix('/auth/image-cookie')
  .as('auth.image_cookie')
  .use(accountThrottle)
