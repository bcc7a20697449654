import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'drive.fs.serve': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'devices.store': { paramsTuple?: []; params?: {} }
    'devices.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'health': { paramsTuple?: []; params?: {} }
    'openapi': { paramsTuple?: []; params?: {} }
    'docs': { paramsTuple?: []; params?: {} }
    'users.index': { paramsTuple?: []; params?: {} }
    'users.me': { paramsTuple?: []; params?: {} }
    'users.updateMe': { paramsTuple?: []; params?: {} }
    'users.showByUsername': { paramsTuple: [ParamValue]; params: {'username': ParamValue} }
    'users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.index': { paramsTuple?: []; params?: {} }
    'orgs.store': { paramsTuple?: []; params?: {} }
    'orgs.active': { paramsTuple?: []; params?: {} }
    'orgs.invites.accept': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'orgs.show': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.update': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.setActive': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.leave': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.analytics': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.members.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.presence.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'orgs.members.updateRole': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'orgs.invites.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.invites.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.invites.revoke': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'inviteId': ParamValue} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.unread_count': { paramsTuple?: []; params?: {} }
    'notifications.read_all': { paramsTuple?: []; params?: {} }
    'notifications.read': { paramsTuple: [ParamValue]; params: {'notificationId': ParamValue} }
    'chat.rooms.mute': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'event_stream': { paramsTuple?: []; params?: {} }
    'subscribe': { paramsTuple?: []; params?: {} }
    'unsubscribe': { paramsTuple?: []; params?: {} }
    'web.page': { paramsTuple?: []; params?: {} }
    'web.invite': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.asset': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'auth.register': { paramsTuple?: []; params?: {} }
    'auth.login': { paramsTuple?: []; params?: {} }
    'auth.logout': { paramsTuple?: []; params?: {} }
    'chat.rooms.index': { paramsTuple?: []; params?: {} }
    'chat.rooms.direct': { paramsTuple?: []; params?: {} }
    'chat.rooms.group': { paramsTuple?: []; params?: {} }
    'chat.rooms.show': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.update': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.members.store': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'roomId': ParamValue,'memberId': ParamValue} }
    'chat.rooms.read': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.messages.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.messages.store': { paramsTuple?: []; params?: {} }
    'chat.messages.update': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.messages.destroy': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'media.upload': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'media.forMessage': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'media.show': { paramsTuple: [ParamValue]; params: {'mediaId': ParamValue} }
    'media.destroy': { paramsTuple: [ParamValue]; params: {'mediaId': ParamValue} }
    'users.avatar.update': { paramsTuple?: []; params?: {} }
    'users.avatar.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.org.create': { paramsTuple?: []; params?: {} }
    'admin.org.list': { paramsTuple?: []; params?: {} }
    'admin.org.show': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.org.update': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.org.delete': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.user.create': { paramsTuple?: []; params?: {} }
    'admin.user.list': { paramsTuple?: []; params?: {} }
    'admin.user.show': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.deactivate': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.reactivate': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.reset-password': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.member.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.member.add': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.member.role': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'user': ParamValue} }
    'admin.member.remove': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'user': ParamValue} }
    'admin.invite.create': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.invite.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.invite.revoke': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'invite': ParamValue} }
    'admin.room.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.room.show': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.room.archive': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.key.rotate': { paramsTuple?: []; params?: {} }
    'admin.key.status': { paramsTuple?: []; params?: {} }
    'admin.key.verify': { paramsTuple?: []; params?: {} }
    'admin.plugin.list': { paramsTuple?: []; params?: {} }
    'admin.health': { paramsTuple?: []; params?: {} }
    'admin.token.create': { paramsTuple?: []; params?: {} }
    'admin.token.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  GET: {
    'drive.fs.serve': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'health': { paramsTuple?: []; params?: {} }
    'openapi': { paramsTuple?: []; params?: {} }
    'docs': { paramsTuple?: []; params?: {} }
    'users.index': { paramsTuple?: []; params?: {} }
    'users.me': { paramsTuple?: []; params?: {} }
    'users.showByUsername': { paramsTuple: [ParamValue]; params: {'username': ParamValue} }
    'users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.index': { paramsTuple?: []; params?: {} }
    'orgs.active': { paramsTuple?: []; params?: {} }
    'orgs.show': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.analytics': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.members.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.presence.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.invites.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.unread_count': { paramsTuple?: []; params?: {} }
    'event_stream': { paramsTuple?: []; params?: {} }
    'web.page': { paramsTuple?: []; params?: {} }
    'web.invite': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.asset': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'chat.rooms.index': { paramsTuple?: []; params?: {} }
    'chat.rooms.show': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.messages.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'media.forMessage': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'media.show': { paramsTuple: [ParamValue]; params: {'mediaId': ParamValue} }
    'users.avatar.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.org.list': { paramsTuple?: []; params?: {} }
    'admin.org.show': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.user.list': { paramsTuple?: []; params?: {} }
    'admin.user.show': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.member.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.invite.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.room.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.room.show': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.key.status': { paramsTuple?: []; params?: {} }
    'admin.key.verify': { paramsTuple?: []; params?: {} }
    'admin.plugin.list': { paramsTuple?: []; params?: {} }
    'admin.health': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'drive.fs.serve': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'health': { paramsTuple?: []; params?: {} }
    'openapi': { paramsTuple?: []; params?: {} }
    'docs': { paramsTuple?: []; params?: {} }
    'users.index': { paramsTuple?: []; params?: {} }
    'users.me': { paramsTuple?: []; params?: {} }
    'users.showByUsername': { paramsTuple: [ParamValue]; params: {'username': ParamValue} }
    'users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.index': { paramsTuple?: []; params?: {} }
    'orgs.active': { paramsTuple?: []; params?: {} }
    'orgs.show': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.analytics': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.members.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.presence.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.invites.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.unread_count': { paramsTuple?: []; params?: {} }
    'event_stream': { paramsTuple?: []; params?: {} }
    'web.page': { paramsTuple?: []; params?: {} }
    'web.invite': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.asset': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'chat.rooms.index': { paramsTuple?: []; params?: {} }
    'chat.rooms.show': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.messages.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'media.forMessage': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'media.show': { paramsTuple: [ParamValue]; params: {'mediaId': ParamValue} }
    'users.avatar.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  POST: {
    'devices.store': { paramsTuple?: []; params?: {} }
    'orgs.store': { paramsTuple?: []; params?: {} }
    'orgs.invites.accept': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'orgs.setActive': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.leave': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.invites.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'subscribe': { paramsTuple?: []; params?: {} }
    'unsubscribe': { paramsTuple?: []; params?: {} }
    'auth.register': { paramsTuple?: []; params?: {} }
    'auth.login': { paramsTuple?: []; params?: {} }
    'auth.logout': { paramsTuple?: []; params?: {} }
    'chat.rooms.direct': { paramsTuple?: []; params?: {} }
    'chat.rooms.group': { paramsTuple?: []; params?: {} }
    'chat.rooms.members.store': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.read': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.messages.store': { paramsTuple?: []; params?: {} }
    'media.upload': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'admin.org.create': { paramsTuple?: []; params?: {} }
    'admin.user.create': { paramsTuple?: []; params?: {} }
    'admin.user.deactivate': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.reactivate': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.reset-password': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.member.add': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.invite.create': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.room.archive': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.key.rotate': { paramsTuple?: []; params?: {} }
    'admin.token.create': { paramsTuple?: []; params?: {} }
  }
  DELETE: {
    'devices.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'orgs.invites.revoke': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'inviteId': ParamValue} }
    'chat.rooms.members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'roomId': ParamValue,'memberId': ParamValue} }
    'chat.messages.destroy': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'media.destroy': { paramsTuple: [ParamValue]; params: {'mediaId': ParamValue} }
    'admin.org.delete': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.member.remove': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'user': ParamValue} }
    'admin.invite.revoke': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'invite': ParamValue} }
    'admin.token.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  PUT: {
    'users.updateMe': { paramsTuple?: []; params?: {} }
    'orgs.update': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.members.updateRole': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'notifications.read_all': { paramsTuple?: []; params?: {} }
    'notifications.read': { paramsTuple: [ParamValue]; params: {'notificationId': ParamValue} }
    'chat.rooms.mute': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.messages.update': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'users.avatar.update': { paramsTuple?: []; params?: {} }
    'admin.org.update': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.member.role': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'user': ParamValue} }
  }
  PATCH: {
    'chat.rooms.update': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}