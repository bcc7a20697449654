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
import { reactionThrottle, roomCreateThrottle, searchThrottle, sendThrottle } from '#start/limiter'

const RoomsController = () => import('#controllers/rooms_controller')
const RoomMessagesController = () => import('#controllers/room_messages_controller')
const MessagesController = () => import('#controllers/messages_controller')
const MessageReactionsController = () => import('#controllers/message_reactions_controller')
const MessagePinsController = () => import('#controllers/message_pins_controller')
const MessageReportsController = () => import('#controllers/message_reports_controller')
const MessageThreadsController = () => import('#controllers/message_threads_controller')
const SearchController = () => import('#controllers/search_controller')
const PublicRoomsController = () => import('#controllers/public_rooms_controller')
const RoomCommandsController = () => import('#controllers/room_commands_controller')

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
    router.post('messages', [MessagesController, 'store']).as('messages.store').use(sendThrottle)
    router
      .get('rooms/:roomId/commands', [RoomCommandsController, 'index'])
      .as('rooms.commands.index')
    router
      .post('rooms/:roomId/commands', [RoomCommandsController, 'store'])
      .as('rooms.commands.store')
      .use(sendThrottle)
    router.put('messages/:messageId', [MessagesController, 'update']).as('messages.update')
    router.delete('messages/:messageId', [MessagesController, 'destroy']).as('messages.destroy')
    router
      .post('messages/:messageId/reactions', [MessageReactionsController, 'store'])
      .as('messages.reactions.store')
      .use(reactionThrottle)
    router
      .delete('messages/:messageId/reactions/:emoji', [MessageReactionsController, 'destroy'])
      .as('messages.reactions.destroy')
      .use(reactionThrottle)
    router
      .get('messages/:messageId/thread', [MessageThreadsController, 'show'])
      .as('messages.thread.show')
    router
      .put('messages/:messageId/thread/follow', [MessageThreadsController, 'follow'])
      .as('messages.thread.follow')
    router
      .post('messages/:messageId/thread/read', [MessageThreadsController, 'read'])
      .as('messages.thread.read')
    router.get('search', [SearchController, 'index']).as('search.index').use(searchThrottle)
    router.get('rooms/:roomId/pins', [MessagePinsController, 'index']).as('rooms.pins.index')
    router
      .put('messages/:messageId/pin', [MessagePinsController, 'store'])
      .as('messages.pin.store')
      .use(reactionThrottle)
    router
      .delete('messages/:messageId/pin', [MessagePinsController, 'destroy'])
      .as('messages.pin.destroy')
      .use(reactionThrottle)
    router.get('public-rooms', [PublicRoomsController, 'index']).as('public_rooms.index')
    router.post('rooms/:roomId/join', [PublicRoomsController, 'join']).as('rooms.join')
    router
      .post('messages/:messageId/report', [MessageReportsController, 'store'])
      .as('messages.report.store')
      .use(reactionThrottle)
    router
      .put('rooms/:roomId/slow-mode', [MessageReportsController, 'slowMode'])
      .as('rooms.slowMode.update')
  })
  .prefix('/chat')
  .as('chat')
  .use([middleware.auth(), middleware.org()])

/*
| A room's history, the most requested read: its one statement proves the
| session too, so a session this node read lately is recalled rather than
| read again (app/services/request_sessions.ts).
*/
router
  .get('/chat/rooms/:roomId/messages', [RoomMessagesController, 'index'])
  .as('chat.rooms.messages.index')
  .use(middleware.recalledSession())
