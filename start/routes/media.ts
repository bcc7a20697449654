/*
|--------------------------------------------------------------------------
| Routes: media
|--------------------------------------------------------------------------
|
| Files attached to messages, in the organization of `x-organization-id`
| (or the active one), for members of the message's room only. Uploads
| stream: their routes are listed in `processManually` (config/bodyparser.ts),
| access is checked before the body is read, and an answer given before the
| body was read closes the connection (closeUnreadBody).
| Downloads go through Drive's signed route /media/files/* (config/drive.ts),
| which checks the signature and nothing else. Avatars need only a token,
| or the image cookie of POST /auth/image-cookie (an <img> sends no header).
|
*/
import router from '@adonisjs/core/services/router'
import limiter from '@adonisjs/limiter/services/main'
import { middleware } from '#start/kernel'

const MediaController = () => import('#controllers/media_controller')
const UserAvatarsController = () => import('#controllers/user_avatars_controller')

/** Uploads per user: 60 a minute. */
const uploadThrottle = limiter.define('uploads', (ctx) => {
  return limiter
    .allowRequests(60)
    .every('1 minute')
    .usingKey(`user:${ctx.auth.user?.id ?? ctx.request.ip()}`)
})

router
  .group(() => {
    router.post('upload/:messageId', [MediaController, 'store']).as('upload').use(uploadThrottle)
    router.get('message/:messageId', [MediaController, 'forMessage']).as('forMessage')
    router.get(':mediaId', [MediaController, 'show']).as('show')
    router.delete(':mediaId', [MediaController, 'destroy']).as('destroy')
  })
  .prefix('/media')
  .as('media')
  .use([middleware.closeUnreadBody(), middleware.auth(), middleware.org()])

router
  .group(() => {
    router
      .put('me/avatar', [UserAvatarsController, 'update'])
      .as('avatar.update')
      .use(uploadThrottle)
  })
  .prefix('/users')
  .as('users')
  .use([middleware.closeUnreadBody(), middleware.auth()])

router
  .get('/users/:id/avatar', [UserAvatarsController, 'show'])
  .where('id', router.matchers.uuid())
  .as('users.avatar.show')
  .use([middleware.imageCookie(), middleware.auth()])
