import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'drive.fs.serve': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'health': { paramsTuple?: []; params?: {} }
    'web.page': { paramsTuple?: []; params?: {} }
    'web.invite': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.asset': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
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
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.unread_count': { paramsTuple?: []; params?: {} }
    'notifications.read_all': { paramsTuple?: []; params?: {} }
    'notifications.read': { paramsTuple: [ParamValue]; params: {'notificationId': ParamValue} }
    'chat.rooms.mute': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'auth.register': { paramsTuple?: []; params?: {} }
    'auth.login': { paramsTuple?: []; params?: {} }
    'auth.logout': { paramsTuple?: []; params?: {} }
    'media.upload': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'media.forMessage': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'media.show': { paramsTuple: [ParamValue]; params: {'mediaId': ParamValue} }
    'media.destroy': { paramsTuple: [ParamValue]; params: {'mediaId': ParamValue} }
    'users.avatar.update': { paramsTuple?: []; params?: {} }
    'users.avatar.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_stream': { paramsTuple?: []; params?: {} }
    'subscribe': { paramsTuple?: []; params?: {} }
    'unsubscribe': { paramsTuple?: []; params?: {} }
  }
  GET: {
    'drive.fs.serve': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'health': { paramsTuple?: []; params?: {} }
    'web.page': { paramsTuple?: []; params?: {} }
    'web.invite': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.asset': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
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
    'chat.rooms.index': { paramsTuple?: []; params?: {} }
    'chat.rooms.show': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.messages.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.unread_count': { paramsTuple?: []; params?: {} }
    'media.forMessage': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'media.show': { paramsTuple: [ParamValue]; params: {'mediaId': ParamValue} }
    'users.avatar.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_stream': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'drive.fs.serve': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'health': { paramsTuple?: []; params?: {} }
    'web.page': { paramsTuple?: []; params?: {} }
    'web.invite': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.asset': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
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
    'chat.rooms.index': { paramsTuple?: []; params?: {} }
    'chat.rooms.show': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.messages.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.unread_count': { paramsTuple?: []; params?: {} }
    'media.forMessage': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'media.show': { paramsTuple: [ParamValue]; params: {'mediaId': ParamValue} }
    'users.avatar.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_stream': { paramsTuple?: []; params?: {} }
  }
  PUT: {
    'users.updateMe': { paramsTuple?: []; params?: {} }
    'orgs.update': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.members.updateRole': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'chat.messages.update': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'notifications.read_all': { paramsTuple?: []; params?: {} }
    'notifications.read': { paramsTuple: [ParamValue]; params: {'notificationId': ParamValue} }
    'chat.rooms.mute': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'users.avatar.update': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'orgs.store': { paramsTuple?: []; params?: {} }
    'orgs.invites.accept': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'orgs.setActive': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.leave': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.invites.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'chat.rooms.direct': { paramsTuple?: []; params?: {} }
    'chat.rooms.group': { paramsTuple?: []; params?: {} }
    'chat.rooms.members.store': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.read': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.messages.store': { paramsTuple?: []; params?: {} }
    'auth.register': { paramsTuple?: []; params?: {} }
    'auth.login': { paramsTuple?: []; params?: {} }
    'auth.logout': { paramsTuple?: []; params?: {} }
    'media.upload': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'subscribe': { paramsTuple?: []; params?: {} }
    'unsubscribe': { paramsTuple?: []; params?: {} }
  }
  DELETE: {
    'orgs.members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'orgs.invites.revoke': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'inviteId': ParamValue} }
    'chat.rooms.members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'roomId': ParamValue,'memberId': ParamValue} }
    'chat.messages.destroy': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'media.destroy': { paramsTuple: [ParamValue]; params: {'mediaId': ParamValue} }
  }
  PATCH: {
    'chat.rooms.update': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}