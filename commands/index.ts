import type { Command } from '@oclif/core'
import OrgCreate from './org/create.js'
import OrgList from './org/list.js'
import OrgShow from './org/show.js'
import OrgUpdate from './org/update.js'
import OrgDelete from './org/delete.js'
import UserCreate from './user/create.js'
import UserList from './user/list.js'
import UserShow from './user/show.js'
import UserDeactivate from './user/deactivate.js'
import UserReactivate from './user/reactivate.js'
import UserResetPassword from './user/reset_password.js'
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
import KeyRotate from './key/rotate.js'
import KeyStatus from './key/status.js'
import KeyVerify from './key/verify.js'
import PluginList from './plugin/list.js'
import Health from './health.js'
import DbMigrate from './db/migrate.js'
import DbStatus from './db/status.js'
import TokenCreate from './token/create.js'
import TokenRevoke from './token/revoke.js'

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
  'user:create': UserCreate,
  'user:list': UserList,
  'user:show': UserShow,
  'user:deactivate': UserDeactivate,
  'user:reactivate': UserReactivate,
  'user:reset-password': UserResetPassword,
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
  'key:rotate': KeyRotate,
  'key:status': KeyStatus,
  'key:verify': KeyVerify,
  'plugin:list': PluginList,
  'health': Health,
  'db:migrate': DbMigrate,
  'db:status': DbStatus,
  'token:create': TokenCreate,
  'token:revoke': TokenRevoke,
}
