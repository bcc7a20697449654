import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'drive.fs.serve': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'keys.devices.update': { paramsTuple: [ParamValue]; params: {'deviceId': ParamValue} }
    'keys.devices.destroy': { paramsTuple: [ParamValue]; params: {'deviceId': ParamValue} }
    'users.keys.publicKey': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.keys.keyLog': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'chat.rooms.keys.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.keys.store': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'health': { paramsTuple?: []; params?: {} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'openapi': { paramsTuple?: []; params?: {} }
    'docs': { paramsTuple?: []; params?: {} }
    'asyncapi': { paramsTuple?: []; params?: {} }
    'docs.realtime': { paramsTuple?: []; params?: {} }
    'docs.asset': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'auth.register': { paramsTuple?: []; params?: {} }
    'auth.login': { paramsTuple?: []; params?: {} }
    'auth.logout': { paramsTuple?: []; params?: {} }
    'auth.sessions.index': { paramsTuple?: []; params?: {} }
    'auth.sessions.revoke_others': { paramsTuple?: []; params?: {} }
    'auth.sessions.destroy': { paramsTuple: [ParamValue]; params: {'sessionId': ParamValue} }
    'auth.two_factor.show': { paramsTuple?: []; params?: {} }
    'auth.two_factor.setup': { paramsTuple?: []; params?: {} }
    'auth.two_factor.enable': { paramsTuple?: []; params?: {} }
    'auth.two_factor.disable': { paramsTuple?: []; params?: {} }
    'auth.two_factor.recovery_codes': { paramsTuple?: []; params?: {} }
    'auth.oidc.authorize': { paramsTuple?: []; params?: {} }
    'auth.oidc.callback': { paramsTuple?: []; params?: {} }
    'auth.email.send_verification': { paramsTuple?: []; params?: {} }
    'auth.email.verify': { paramsTuple?: []; params?: {} }
    'auth.password.forgot': { paramsTuple?: []; params?: {} }
    'auth.password.reset': { paramsTuple?: []; params?: {} }
    'auth.image_cookie.store': { paramsTuple?: []; params?: {} }
    'auth.image_cookie.destroy': { paramsTuple?: []; params?: {} }
    'users.index': { paramsTuple?: []; params?: {} }
    'users.me': { paramsTuple?: []; params?: {} }
    'users.updateMe': { paramsTuple?: []; params?: {} }
    'users.exports.index': { paramsTuple?: []; params?: {} }
    'users.exports.store': { paramsTuple?: []; params?: {} }
    'users.exports.show': { paramsTuple: [ParamValue]; params: {'exportId': ParamValue} }
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
    'orgs.audit.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.members.mute': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'orgs.members.unmute': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'orgs.mutes.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.bans.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.bans.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.bans.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'userId': ParamValue} }
    'orgs.reports.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.reports.resolve': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'reportId': ParamValue} }
    'orgs.retention.show': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.retention.update': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.retention.preview': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.retention.rooms.update': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'roomId': ParamValue} }
    'orgs.exports.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.exports.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.exports.show': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'exportId': ParamValue} }
    'exports.download': { paramsTuple: [ParamValue]; params: {'exportId': ParamValue} }
    'chat.rooms.index': { paramsTuple?: []; params?: {} }
    'chat.rooms.direct': { paramsTuple?: []; params?: {} }
    'chat.rooms.group': { paramsTuple?: []; params?: {} }
    'chat.rooms.show': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.update': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.members.store': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'roomId': ParamValue,'memberId': ParamValue} }
    'chat.rooms.read': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.messages.store': { paramsTuple?: []; params?: {} }
    'chat.rooms.commands.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.commands.store': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.messages.update': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.messages.destroy': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.messages.reactions.store': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.messages.reactions.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'messageId': ParamValue,'emoji': ParamValue} }
    'chat.messages.thread.show': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.messages.thread.follow': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.messages.thread.read': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.search.index': { paramsTuple?: []; params?: {} }
    'chat.rooms.pins.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.messages.pin.store': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.messages.pin.destroy': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.public_rooms.index': { paramsTuple?: []; params?: {} }
    'chat.rooms.join': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.messages.report.store': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.rooms.slowMode.update': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.messages.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'admin.org.create': { paramsTuple?: []; params?: {} }
    'admin.org.list': { paramsTuple?: []; params?: {} }
    'admin.org.show': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.org.update': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.org.delete': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.org.stats': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.user.create': { paramsTuple?: []; params?: {} }
    'admin.user.list': { paramsTuple?: []; params?: {} }
    'admin.user.show': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.deactivate': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.reactivate': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.reset-password': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.update': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.promote': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.demote': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.delete': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.member.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.member.add': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.member.role': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'user': ParamValue} }
    'admin.org.transfer': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.member.remove': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'user': ParamValue} }
    'admin.invite.create': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.invite.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.invite.revoke': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'invite': ParamValue} }
    'admin.room.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.room.show': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.room.archive': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.room.unarchive': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.room.rename': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.room.create': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.room.members.list': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.room.members.add': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.room.members.remove': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue,'user': ParamValue} }
    'admin.key.rotate': { paramsTuple?: []; params?: {} }
    'admin.search.backfill': { paramsTuple?: []; params?: {} }
    'admin.key.status': { paramsTuple?: []; params?: {} }
    'admin.key.verify': { paramsTuple?: []; params?: {} }
    'admin.plugin.list': { paramsTuple?: []; params?: {} }
    'admin.config.show': { paramsTuple?: []; params?: {} }
    'admin.health': { paramsTuple?: []; params?: {} }
    'admin.token.create': { paramsTuple?: []; params?: {} }
    'admin.token.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.token.revoke-all': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.token.list': { paramsTuple?: []; params?: {} }
    'admin.signup.show': { paramsTuple?: []; params?: {} }
    'admin.signup.set': { paramsTuple?: []; params?: {} }
    'admin.user.reset-2fa': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.audit.list': { paramsTuple?: []; params?: {} }
    'admin.member.mute': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'user': ParamValue} }
    'admin.member.ban': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.member.unban': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'user': ParamValue} }
    'admin.report.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.room.slow-mode': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.retention.run': { paramsTuple?: []; params?: {} }
    'admin.retention.set': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.bot.create': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.bot.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.bot.delete': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'bot': ParamValue} }
    'admin.bot.key.create': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'bot': ParamValue} }
    'admin.bot.key.list': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'bot': ParamValue} }
    'admin.bot.key.revoke': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'org': ParamValue,'bot': ParamValue,'key': ParamValue} }
    'admin.webhook.create': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.webhook.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.webhook.enable': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'webhook': ParamValue} }
    'admin.webhook.delete': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'webhook': ParamValue} }
    'admin.webhook.deliveries': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'webhook': ParamValue} }
    'admin.webhook.rotate-secret': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'webhook': ParamValue} }
    'admin.webhook.incoming.create': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.webhook.incoming.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.webhook.incoming.delete': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'hook': ParamValue} }
    'admin.command.create': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.command.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.command.update': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'command': ParamValue} }
    'admin.command.delete': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'command': ParamValue} }
    'admin.org.export': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.user.export': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.export.show': { paramsTuple: [ParamValue]; params: {'export': ParamValue} }
    'media.upload': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'media.forMessage': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'media.show': { paramsTuple: [ParamValue]; params: {'mediaId': ParamValue} }
    'media.destroy': { paramsTuple: [ParamValue]; params: {'mediaId': ParamValue} }
    'users.avatar.update': { paramsTuple?: []; params?: {} }
    'users.avatar.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.unread_count': { paramsTuple?: []; params?: {} }
    'notifications.read_all': { paramsTuple?: []; params?: {} }
    'notifications.read': { paramsTuple: [ParamValue]; params: {'notificationId': ParamValue} }
    'chat.rooms.mute': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'event_stream': { paramsTuple?: []; params?: {} }
    'subscribe': { paramsTuple?: []; params?: {} }
    'unsubscribe': { paramsTuple?: []; params?: {} }
    'orgs.bots.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.bots.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.bots.show': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'botId': ParamValue} }
    'orgs.bots.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'botId': ParamValue} }
    'orgs.bots.keys.index': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'botId': ParamValue} }
    'orgs.bots.keys.store': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'botId': ParamValue} }
    'orgs.bots.keys.destroy': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'orgId': ParamValue,'botId': ParamValue,'keyId': ParamValue} }
    'orgs.webhooks.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.webhooks.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.webhooks.show': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'webhookId': ParamValue} }
    'orgs.webhooks.update': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'webhookId': ParamValue} }
    'orgs.webhooks.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'webhookId': ParamValue} }
    'orgs.webhooks.deliveries': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'webhookId': ParamValue} }
    'orgs.webhooks.rotateSecret': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'webhookId': ParamValue} }
    'orgs.incomingWebhooks.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.incomingWebhooks.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.incomingWebhooks.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'incomingWebhookId': ParamValue} }
    'orgs.commands.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.commands.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.commands.show': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'commandId': ParamValue} }
    'orgs.commands.update': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'commandId': ParamValue} }
    'orgs.commands.rotateSecret': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'commandId': ParamValue} }
    'orgs.commands.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'commandId': ParamValue} }
    'hooks.incoming': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.page': { paramsTuple?: []; params?: {} }
    'web.invite': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.verify_email': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.reset_password': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.oidc_callback': { paramsTuple?: []; params?: {} }
    'web.asset': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
  }
  GET: {
    'drive.fs.serve': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'users.keys.publicKey': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.keys.keyLog': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'chat.rooms.keys.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'health': { paramsTuple?: []; params?: {} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'openapi': { paramsTuple?: []; params?: {} }
    'docs': { paramsTuple?: []; params?: {} }
    'asyncapi': { paramsTuple?: []; params?: {} }
    'docs.realtime': { paramsTuple?: []; params?: {} }
    'docs.asset': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'auth.sessions.index': { paramsTuple?: []; params?: {} }
    'auth.two_factor.show': { paramsTuple?: []; params?: {} }
    'auth.oidc.authorize': { paramsTuple?: []; params?: {} }
    'users.index': { paramsTuple?: []; params?: {} }
    'users.me': { paramsTuple?: []; params?: {} }
    'users.exports.index': { paramsTuple?: []; params?: {} }
    'users.exports.show': { paramsTuple: [ParamValue]; params: {'exportId': ParamValue} }
    'users.showByUsername': { paramsTuple: [ParamValue]; params: {'username': ParamValue} }
    'users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.index': { paramsTuple?: []; params?: {} }
    'orgs.active': { paramsTuple?: []; params?: {} }
    'orgs.show': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.analytics': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.members.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.presence.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.invites.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.audit.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.mutes.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.bans.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.reports.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.retention.show': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.retention.preview': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.exports.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.exports.show': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'exportId': ParamValue} }
    'exports.download': { paramsTuple: [ParamValue]; params: {'exportId': ParamValue} }
    'chat.rooms.index': { paramsTuple?: []; params?: {} }
    'chat.rooms.show': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.commands.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.messages.thread.show': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.search.index': { paramsTuple?: []; params?: {} }
    'chat.rooms.pins.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.public_rooms.index': { paramsTuple?: []; params?: {} }
    'chat.rooms.messages.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'admin.org.list': { paramsTuple?: []; params?: {} }
    'admin.org.show': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.org.stats': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.user.list': { paramsTuple?: []; params?: {} }
    'admin.user.show': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.member.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.invite.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.room.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.room.show': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.room.members.list': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.key.status': { paramsTuple?: []; params?: {} }
    'admin.key.verify': { paramsTuple?: []; params?: {} }
    'admin.plugin.list': { paramsTuple?: []; params?: {} }
    'admin.config.show': { paramsTuple?: []; params?: {} }
    'admin.health': { paramsTuple?: []; params?: {} }
    'admin.token.list': { paramsTuple?: []; params?: {} }
    'admin.signup.show': { paramsTuple?: []; params?: {} }
    'admin.audit.list': { paramsTuple?: []; params?: {} }
    'admin.report.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.bot.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.bot.key.list': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'bot': ParamValue} }
    'admin.webhook.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.webhook.deliveries': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'webhook': ParamValue} }
    'admin.webhook.incoming.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.command.list': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.export.show': { paramsTuple: [ParamValue]; params: {'export': ParamValue} }
    'media.forMessage': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'media.show': { paramsTuple: [ParamValue]; params: {'mediaId': ParamValue} }
    'users.avatar.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.unread_count': { paramsTuple?: []; params?: {} }
    'event_stream': { paramsTuple?: []; params?: {} }
    'orgs.bots.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.bots.show': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'botId': ParamValue} }
    'orgs.bots.keys.index': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'botId': ParamValue} }
    'orgs.webhooks.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.webhooks.show': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'webhookId': ParamValue} }
    'orgs.webhooks.deliveries': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'webhookId': ParamValue} }
    'orgs.incomingWebhooks.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.commands.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.commands.show': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'commandId': ParamValue} }
    'web.page': { paramsTuple?: []; params?: {} }
    'web.invite': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.verify_email': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.reset_password': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.oidc_callback': { paramsTuple?: []; params?: {} }
    'web.asset': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
  }
  HEAD: {
    'drive.fs.serve': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'users.keys.publicKey': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.keys.keyLog': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'chat.rooms.keys.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'health': { paramsTuple?: []; params?: {} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'openapi': { paramsTuple?: []; params?: {} }
    'docs': { paramsTuple?: []; params?: {} }
    'asyncapi': { paramsTuple?: []; params?: {} }
    'docs.realtime': { paramsTuple?: []; params?: {} }
    'docs.asset': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'auth.sessions.index': { paramsTuple?: []; params?: {} }
    'auth.two_factor.show': { paramsTuple?: []; params?: {} }
    'auth.oidc.authorize': { paramsTuple?: []; params?: {} }
    'users.index': { paramsTuple?: []; params?: {} }
    'users.me': { paramsTuple?: []; params?: {} }
    'users.exports.index': { paramsTuple?: []; params?: {} }
    'users.exports.show': { paramsTuple: [ParamValue]; params: {'exportId': ParamValue} }
    'users.showByUsername': { paramsTuple: [ParamValue]; params: {'username': ParamValue} }
    'users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.index': { paramsTuple?: []; params?: {} }
    'orgs.active': { paramsTuple?: []; params?: {} }
    'orgs.show': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.analytics': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.members.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.presence.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.invites.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.audit.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.mutes.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.bans.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.reports.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.retention.show': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.retention.preview': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.exports.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.exports.show': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'exportId': ParamValue} }
    'exports.download': { paramsTuple: [ParamValue]; params: {'exportId': ParamValue} }
    'chat.rooms.index': { paramsTuple?: []; params?: {} }
    'chat.rooms.show': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.commands.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.messages.thread.show': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.search.index': { paramsTuple?: []; params?: {} }
    'chat.rooms.pins.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.public_rooms.index': { paramsTuple?: []; params?: {} }
    'chat.rooms.messages.index': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'media.forMessage': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'media.show': { paramsTuple: [ParamValue]; params: {'mediaId': ParamValue} }
    'users.avatar.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.unread_count': { paramsTuple?: []; params?: {} }
    'event_stream': { paramsTuple?: []; params?: {} }
    'orgs.bots.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.bots.show': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'botId': ParamValue} }
    'orgs.bots.keys.index': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'botId': ParamValue} }
    'orgs.webhooks.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.webhooks.show': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'webhookId': ParamValue} }
    'orgs.webhooks.deliveries': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'webhookId': ParamValue} }
    'orgs.incomingWebhooks.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.commands.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.commands.show': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'commandId': ParamValue} }
    'web.page': { paramsTuple?: []; params?: {} }
    'web.invite': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.verify_email': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.reset_password': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'web.oidc_callback': { paramsTuple?: []; params?: {} }
    'web.asset': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
  }
  PUT: {
    'keys.devices.update': { paramsTuple: [ParamValue]; params: {'deviceId': ParamValue} }
    'users.updateMe': { paramsTuple?: []; params?: {} }
    'orgs.update': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.members.updateRole': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'orgs.retention.update': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.retention.rooms.update': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'roomId': ParamValue} }
    'chat.messages.update': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.messages.thread.follow': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.messages.pin.store': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.rooms.slowMode.update': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'admin.org.update': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.user.update': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.member.role': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'user': ParamValue} }
    'admin.room.rename': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.signup.set': { paramsTuple?: []; params?: {} }
    'admin.room.slow-mode': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.retention.set': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.command.update': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'command': ParamValue} }
    'users.avatar.update': { paramsTuple?: []; params?: {} }
    'notifications.read_all': { paramsTuple?: []; params?: {} }
    'notifications.read': { paramsTuple: [ParamValue]; params: {'notificationId': ParamValue} }
    'chat.rooms.mute': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
  }
  DELETE: {
    'keys.devices.destroy': { paramsTuple: [ParamValue]; params: {'deviceId': ParamValue} }
    'auth.sessions.destroy': { paramsTuple: [ParamValue]; params: {'sessionId': ParamValue} }
    'auth.image_cookie.destroy': { paramsTuple?: []; params?: {} }
    'orgs.members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'orgs.invites.revoke': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'inviteId': ParamValue} }
    'orgs.members.unmute': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'orgs.bans.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'userId': ParamValue} }
    'chat.rooms.members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'roomId': ParamValue,'memberId': ParamValue} }
    'chat.messages.destroy': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.messages.reactions.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'messageId': ParamValue,'emoji': ParamValue} }
    'chat.messages.pin.destroy': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'admin.org.delete': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.user.delete': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.member.remove': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'user': ParamValue} }
    'admin.invite.revoke': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'invite': ParamValue} }
    'admin.room.members.remove': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue,'user': ParamValue} }
    'admin.token.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.token.revoke-all': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.member.unban': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'user': ParamValue} }
    'admin.bot.delete': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'bot': ParamValue} }
    'admin.bot.key.revoke': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'org': ParamValue,'bot': ParamValue,'key': ParamValue} }
    'admin.webhook.delete': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'webhook': ParamValue} }
    'admin.webhook.incoming.delete': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'hook': ParamValue} }
    'admin.command.delete': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'command': ParamValue} }
    'media.destroy': { paramsTuple: [ParamValue]; params: {'mediaId': ParamValue} }
    'orgs.bots.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'botId': ParamValue} }
    'orgs.bots.keys.destroy': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'orgId': ParamValue,'botId': ParamValue,'keyId': ParamValue} }
    'orgs.webhooks.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'webhookId': ParamValue} }
    'orgs.incomingWebhooks.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'incomingWebhookId': ParamValue} }
    'orgs.commands.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'commandId': ParamValue} }
  }
  POST: {
    'chat.rooms.keys.store': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'auth.register': { paramsTuple?: []; params?: {} }
    'auth.login': { paramsTuple?: []; params?: {} }
    'auth.logout': { paramsTuple?: []; params?: {} }
    'auth.sessions.revoke_others': { paramsTuple?: []; params?: {} }
    'auth.two_factor.setup': { paramsTuple?: []; params?: {} }
    'auth.two_factor.enable': { paramsTuple?: []; params?: {} }
    'auth.two_factor.disable': { paramsTuple?: []; params?: {} }
    'auth.two_factor.recovery_codes': { paramsTuple?: []; params?: {} }
    'auth.oidc.callback': { paramsTuple?: []; params?: {} }
    'auth.email.send_verification': { paramsTuple?: []; params?: {} }
    'auth.email.verify': { paramsTuple?: []; params?: {} }
    'auth.password.forgot': { paramsTuple?: []; params?: {} }
    'auth.password.reset': { paramsTuple?: []; params?: {} }
    'auth.image_cookie.store': { paramsTuple?: []; params?: {} }
    'users.exports.store': { paramsTuple?: []; params?: {} }
    'orgs.store': { paramsTuple?: []; params?: {} }
    'orgs.invites.accept': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'orgs.setActive': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.leave': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.invites.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.members.mute': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'orgs.bans.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.reports.resolve': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'reportId': ParamValue} }
    'orgs.exports.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'chat.rooms.direct': { paramsTuple?: []; params?: {} }
    'chat.rooms.group': { paramsTuple?: []; params?: {} }
    'chat.rooms.members.store': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.rooms.read': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.messages.store': { paramsTuple?: []; params?: {} }
    'chat.rooms.commands.store': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.messages.reactions.store': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.messages.thread.read': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'chat.rooms.join': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'chat.messages.report.store': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'admin.org.create': { paramsTuple?: []; params?: {} }
    'admin.user.create': { paramsTuple?: []; params?: {} }
    'admin.user.deactivate': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.reactivate': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.reset-password': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.promote': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.user.demote': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.member.add': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.org.transfer': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.invite.create': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.room.archive': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.room.unarchive': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.room.create': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.room.members.add': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'room': ParamValue} }
    'admin.key.rotate': { paramsTuple?: []; params?: {} }
    'admin.search.backfill': { paramsTuple?: []; params?: {} }
    'admin.token.create': { paramsTuple?: []; params?: {} }
    'admin.user.reset-2fa': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'admin.member.mute': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'user': ParamValue} }
    'admin.member.ban': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.retention.run': { paramsTuple?: []; params?: {} }
    'admin.bot.create': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.bot.key.create': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'bot': ParamValue} }
    'admin.webhook.create': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.webhook.enable': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'webhook': ParamValue} }
    'admin.webhook.rotate-secret': { paramsTuple: [ParamValue,ParamValue]; params: {'org': ParamValue,'webhook': ParamValue} }
    'admin.webhook.incoming.create': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.command.create': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.org.export': { paramsTuple: [ParamValue]; params: {'org': ParamValue} }
    'admin.user.export': { paramsTuple: [ParamValue]; params: {'user': ParamValue} }
    'media.upload': { paramsTuple: [ParamValue]; params: {'messageId': ParamValue} }
    'subscribe': { paramsTuple?: []; params?: {} }
    'unsubscribe': { paramsTuple?: []; params?: {} }
    'orgs.bots.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.bots.keys.store': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'botId': ParamValue} }
    'orgs.webhooks.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.webhooks.rotateSecret': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'webhookId': ParamValue} }
    'orgs.incomingWebhooks.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.commands.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'orgs.commands.rotateSecret': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'commandId': ParamValue} }
    'hooks.incoming': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
  }
  PATCH: {
    'chat.rooms.update': { paramsTuple: [ParamValue]; params: {'roomId': ParamValue} }
    'orgs.webhooks.update': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'webhookId': ParamValue} }
    'orgs.commands.update': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'commandId': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}