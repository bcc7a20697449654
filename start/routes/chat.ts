/*
|--------------------------------------------------------------------------
| Routes: chat
|--------------------------------------------------------------------------
|
| Rooms and messages, in the organization of `x-organization-id` (or the
| active one). Every room or message outside the caller's rooms is 404.
|
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { roomCreateThrottle, sendThrottle } from '#start/limiter'

const RoomsController = () => import('#controllers/rooms_controller')
const RoomMessagesController = () => import('#controllers/room_messages_controller')
const MessagesController = () => import('#controllers/messages_controller')

router
  .group(() => {
    router.get('rooms', [RoomsController, 'index']).as('rooms.index')
    router
      .post('rooms/direct', [RoomsController, 'storeDirect'])
      .as('rooms.direct')
      .use(roomCreateThrottle)
    router
      .post('rooms/group', [RoomsController, 'storeGroup'])
      .as('rooms.group')
      .use(roomCreateThrottle)
    router.get('rooms/:roomId', [RoomsController, 'show']).as('rooms.show')
    router.patch('rooms/:roomId', [RoomsController, 'update']).as('rooms.update')
    router.post('rooms/:roomId/members', [RoomsController, 'addMembers']).as('rooms.members.store')
    router
      .delete('rooms/:roomId/members/:memberId', [RoomsController, 'removeMember'])
      .as('rooms.members.destroy')
    router.post('rooms/:roomId/read', [RoomsController, 'read']).as('rooms.read')
    router
      .get('rooms/:roomId/messages', [RoomMessagesController, 'index'])
      .as('rooms.messages.index')
    router.post('messages', [MessagesController, 'store']).as('messages.store').use(sendThrottle)
    router.put('messages/:messageId', [MessagesController, 'update']).as('messages.update')
    router.delete('messages/:messageId', [MessagesController, 'destroy']).as('messages.destroy')
  })
  .prefix('/chat')
  .as('chat')
  .use([middleware.auth(), middleware.org()])
