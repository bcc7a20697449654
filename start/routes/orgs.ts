/*
|--------------------------------------------------------------------------
| Routes: orgs
|--------------------------------------------------------------------------
|
| Organizations, their members and invites (DESIGN.md §10). Every route
| needs a token; org-specific ones resolve the organization from the path
| and answer 404 to non-members. The one exception is the download of a
| ready export (docs/exports.md), whose signed link is its credential.
|
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import {
  inviteAcceptThrottle,
  inviteAddressThrottle,
  inviteThrottle,
  exportThrottle,
  orgCreateThrottle,
} from '#start/limiter'

const OrgsController = () => import('#controllers/orgs_controller')
const OrgMembersController = () => import('#controllers/org_members_controller')
const InvitesController = () => import('#controllers/invites_controller')
const OrgPresenceController = () => import('#controllers/org_presence_controller')
const OrgAuditController = () => import('#controllers/org_audit_controller')
const ModerationController = () => import('#controllers/moderation_controller')
const RetentionController = () => import('#controllers/retention_controller')
const OrgExportsController = () => import('#controllers/org_exports_controller')
const ExportDownloadsController = () => import('#controllers/export_downloads_controller')

router
  .group(() => {
    router.get('/', [OrgsController, 'index']).as('index')
    router.post('/', [OrgsController, 'store']).as('store').use(orgCreateThrottle)
    router.get('/active', [OrgsController, 'active']).as('active')
    router
      .post('/accept-invite/:token', [InvitesController, 'accept'])
      .as('invites.accept')
      .use(inviteAcceptThrottle)
    router.get('/:orgId', [OrgsController, 'show']).as('show')
    router.put('/:orgId', [OrgsController, 'update']).as('update')
    router.post('/:orgId/set-active', [OrgsController, 'setActive']).as('setActive')
    router.post('/:orgId/leave', [OrgsController, 'leave']).as('leave')
    router.get('/:orgId/analytics', [OrgsController, 'analytics']).as('analytics')

    router.get('/:orgId/members', [OrgMembersController, 'index']).as('members.index')
    router.get('/:orgId/presence', [OrgPresenceController, 'index']).as('presence.index')
    router
      .delete('/:orgId/members/:memberId', [OrgMembersController, 'destroy'])
      .as('members.destroy')
    router
      .put('/:orgId/members/:memberId/role', [OrgMembersController, 'updateRole'])
      .as('members.updateRole')

    router
      .post('/:orgId/invite', [InvitesController, 'store'])
      .as('invites.store')
      .use([inviteThrottle, inviteAddressThrottle])
    router.get('/:orgId/invites', [InvitesController, 'index']).as('invites.index')
    router.delete('/:orgId/invites/:inviteId', [InvitesController, 'revoke']).as('invites.revoke')

    router.get('/:orgId/audit', [OrgAuditController, 'index']).as('audit.index')

    router.post('/:orgId/members/:memberId/mute', [ModerationController, 'mute']).as('members.mute')
    router
      .delete('/:orgId/members/:memberId/mute', [ModerationController, 'unmute'])
      .as('members.unmute')
    router.get('/:orgId/mutes', [ModerationController, 'mutes']).as('mutes.index')
    router.get('/:orgId/bans', [ModerationController, 'bans']).as('bans.index')
    router.post('/:orgId/bans', [ModerationController, 'ban']).as('bans.store')
    router.delete('/:orgId/bans/:userId', [ModerationController, 'unban']).as('bans.destroy')
    router.get('/:orgId/reports', [ModerationController, 'reports']).as('reports.index')
    router
      .post('/:orgId/reports/:reportId/resolve', [ModerationController, 'resolve'])
      .as('reports.resolve')

    router.get('/:orgId/retention', [RetentionController, 'show']).as('retention.show')
    router.put('/:orgId/retention', [RetentionController, 'update']).as('retention.update')
    router
      .get('/:orgId/retention/preview', [RetentionController, 'preview'])
      .as('retention.preview')
    router
      .put('/:orgId/retention/rooms/:roomId', [RetentionController, 'updateRoom'])
      .as('retention.rooms.update')

    router.get('/:orgId/exports', [OrgExportsController, 'index']).as('exports.index')
    router
      .post('/:orgId/exports', [OrgExportsController, 'store'])
      .as('exports.store')
      .use(exportThrottle)
    router.get('/:orgId/exports/:exportId', [OrgExportsController, 'show']).as('exports.show')
  })
  .prefix('/organizations')
  .as('orgs')
  .use(middleware.auth())

/** Archives of ready exports: the signed link is the credential (no token). */
router
  .get('/exports/:exportId/download', [ExportDownloadsController, 'show'])
  .as('exports.download')
