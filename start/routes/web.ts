/*
|--------------------------------------------------------------------------
| Routes: web client
|--------------------------------------------------------------------------
|
| The built web client (web/, built into public/): its page at `/` and at
| invite links, and its assets. Registered last; nothing else is served, so
| unknown paths stay JSON 404s.
|
*/
import router from '@adonisjs/core/services/router'

const WebClientController = () => import('#controllers/web_client_controller')

router.get('/', [WebClientController, 'page']).as('web.page')
router.get('/invites/:token', [WebClientController, 'page']).as('web.invite')
router.get('/verify-email/:token', [WebClientController, 'page']).as('web.verify_email')
router.get('/reset-password/:token', [WebClientController, 'page']).as('web.reset_password')
router.get('/auth/oidc/callback', [WebClientController, 'page']).as('web.oidc_callback')
router.get('/assets/*', [WebClientController, 'asset']).as('web.asset')
