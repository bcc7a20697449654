import type { Command } from '@oclif/core'
import OrgCreate from './org/create.js'
import OrgList from './org/list.js'
import OrgShow from './org/show.js'
import OrgUpdate from './org/update.js'
import OrgDelete from './org/delete.js'
import OrgStats from './org/stats.js'
import OrgTransfer from './org/transfer.js'
import OrgExport from './org/export.js'
import UserCreate from './user/create.js'
import UserList from './user/list.js'
import UserShow from './user/show.js'
import UserDeactivate from './user/deactivate.js'
import UserReactivate from './user/reactivate.js'
import UserResetPassword from './user/reset_password.js'
import UserUpdate from './user/update.js'
import UserPromote from './user/promote.js'
import UserDemote from './user/demote.js'
import UserDelete from './user/delete.js'
import UserSearch from './user/search.js'
import UserReset2fa from './user/reset_2fa.js'
import UserExport from './user/export.js'
import MemberList from './member/list.js'
import MemberAdd from './member/add.js'
import MemberRole from './member/role.js'
import MemberRemove from './member/remove.js'
import InviteCreate from './invite/create.js'
import InviteList from './invite/list.js'
import InviteRevoke from './invite/revoke.js'
import RoomList from './room/list.js'
import RoomShow from './room/show.js'
import RoomArchive from './room/archive.js'
import RoomCreate from './room/create.js'
import RoomRename from './room/rename.js'
import RoomUnarchive from './room/unarchive.js'
import RoomMembersList from './room/members/list.js'
import BotCreate from './bot/create.js'
import BotList from './bot/list.js'
import BotDelete from './bot/delete.js'
import BotKeyCreate from './bot/key/create.js'
import BotKeyList from './bot/key/list.js'
import BotKeyRevoke from './bot/key/revoke.js'
import WebhookCreate from './webhook/create.js'
import WebhookList from './webhook/list.js'
import WebhookEnable from './webhook/enable.js'
import WebhookDelete from './webhook/delete.js'
import WebhookDeliveries from './webhook/deliveries.js'
import WebhookRotateSecret from './webhook/rotate_secret.js'
import WebhookIncomingCreate from './webhook/incoming/create.js'
import WebhookIncomingList from './webhook/incoming/list.js'
import WebhookIncomingDelete from './webhook/incoming/delete.js'
import CommandCreate from './command/create.js'
import CommandList from './command/list.js'
import CommandDelete from './command/delete.js'
import CommandUpdate from './command/update.js'
import RoomMembersAdd from './room/members/add.js'
import RoomMembersRemove from './room/members/remove.js'
import KeyRotate from './key/rotate.js'
import KeyStatus from './key/status.js'
import KeyVerify from './key/verify.js'
import SearchBackfill from './search/backfill.js'
import PluginList from './plugin/list.js'
import PluginEnable from './plugin/enable.js'
import PluginDisable from './plugin/disable.js'
import ConfigShow from './config/show.js'
import ConfigCheck from './config/check.js'
import AuthLogin from './auth/login.js'
import AuthList from './auth/list.js'
import AuthLogout from './auth/logout.js'
import Health from './health.js'
import DbMigrate from './db/migrate.js'
import DbStatus from './db/status.js'
import TokenCreate from './token/create.js'
import TokenRevoke from './token/revoke.js'
import TokenList from './token/list.js'
import AuditList from './audit/list.js'
import MemberMute from './member/mute.js'
import MemberBan from './member/ban.js'
import MemberUnban from './member/unban.js'
import ReportList from './report/list.js'
import RoomSlowMode from './room/slow_mode.js'
import RetentionRun from './retention/run.js'
import RetentionSet from './retention/set.js'
import SignupShow from './signup/show.js'
import SignupSet from './signup/set.js'

/**
 * chatctl's explicit command registry (package.json `oclif.commands`):
 * `chatctl <topic> <verb>` ids, with `:` as oclif's internal separator.
 * None of these files imports the application at load time, so `--help`
 * stays fast; commands boot it (local mode) when they run.
 */
export const COMMANDS: Record<string, Command.Class> = {
  'org:create': OrgCreate,
  'org:list': OrgList,
  'org:show': OrgShow,
  'org:update': OrgUpdate,
  'org:delete': OrgDelete,
  'org:stats': OrgStats,
  'org:transfer': OrgTransfer,
  'org:export': OrgExport,
  'user:create': UserCreate,
  'user:list': UserList,
  'user:show': UserShow,
  'user:deactivate': UserDeactivate,
  'user:reactivate': UserReactivate,
  'user:reset-password': UserResetPassword,
  'user:update': UserUpdate,
  'user:promote': UserPromote,
  'user:demote': UserDemote,
  'user:delete': UserDelete,
  'user:search': UserSearch,
  'user:reset-2fa': UserReset2fa,
  'user:export': UserExport,
  'member:list': MemberList,
  'member:add': MemberAdd,
  'member:role': MemberRole,
  'member:remove': MemberRemove,
  'invite:create': InviteCreate,
  'invite:list': InviteList,
  'invite:revoke': InviteRevoke,
  'room:list': RoomList,
  'room:show': RoomShow,
  'room:archive': RoomArchive,
  'room:create': RoomCreate,
  'room:rename': RoomRename,
  'room:unarchive': RoomUnarchive,
  'room:members:list': RoomMembersList,
  'room:members:add': RoomMembersAdd,
  'room:members:remove': RoomMembersRemove,
  'key:rotate': KeyRotate,
  'key:status': KeyStatus,
  'key:verify': KeyVerify,
  'search:backfill': SearchBackfill,
  'plugin:list': PluginList,
  'plugin:enable': PluginEnable,
  'plugin:disable': PluginDisable,
  'config:show': ConfigShow,
  'config:check': ConfigCheck,
  'auth:login': AuthLogin,
  'auth:list': AuthList,
  'auth:logout': AuthLogout,
  'health': Health,
  'db:migrate': DbMigrate,
  'db:status': DbStatus,
  'token:create': TokenCreate,
  'token:revoke': TokenRevoke,
  'token:list': TokenList,
  'audit:list': AuditList,
  'member:mute': MemberMute,
  'member:ban': MemberBan,
  'member:unban': MemberUnban,
  'report:list': ReportList,
  'room:slow-mode': RoomSlowMode,
  'retention:run': RetentionRun,
  'retention:set': RetentionSet,
  'signup:show': SignupShow,
  'signup:set': SignupSet,
  'bot:create': BotCreate,
  'bot:list': BotList,
  'bot:delete': BotDelete,
  'bot:key:create': BotKeyCreate,
  'bot:key:list': BotKeyList,
  'bot:key:revoke': BotKeyRevoke,
  'webhook:create': WebhookCreate,
  'webhook:list': WebhookList,
  'webhook:enable': WebhookEnable,
  'webhook:delete': WebhookDelete,
  'webhook:deliveries': WebhookDeliveries,
  'webhook:rotate-secret': WebhookRotateSecret,
  'webhook:incoming:create': WebhookIncomingCreate,
  'webhook:incoming:list': WebhookIncomingList,
  'webhook:incoming:delete': WebhookIncomingDelete,
  'command:create': CommandCreate,
  'command:list': CommandList,
  'command:delete': CommandDelete,
  'command:update': CommandUpdate,
}
