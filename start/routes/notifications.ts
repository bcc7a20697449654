/*
|--------------------------------------------------------------------------
| Routes: notifications
|--------------------------------------------------------------------------
|
| The caller's notifications in the organization of `x-organization-id` (or
| the active one), and per-room mute, which decides what they are notified
| of. Another user's or organization's notification is 404.
|
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const NotificationsController = () => import('#controllers/notifications_controller')
const RoomMutesController = () => import('#controllers/room_mutes_controller')

router
  .group(() => {
    router.get('/', [NotificationsController, 'index']).as('index')
    router.get('unread-count', [NotificationsController, 'unreadCount']).as('unread_count')
    router.put('read-all', [NotificationsController, 'readAll']).as('read_all')
    router.put(':notificationId/read', [NotificationsController, 'read']).as('read')
  })
  .prefix('/notifications')
  .as('notifications')
  .use([middleware.auth(), middleware.org()])

router
  .put('/chat/rooms/:roomId/mute', [RoomMutesController, 'update'])
  .as('chat.rooms.mute')
  .use([middleware.auth(), middleware.org()])
