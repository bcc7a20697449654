/*
|--------------------------------------------------------------------------
| Routes: orgs
|--------------------------------------------------------------------------
|
| Organizations, their members and invites (DESIGN.md §10). Every route
| needs a token; org-specific ones resolve the organization from the path
| and answer 404 to non-members.
|
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import {
  inviteAcceptThrottle,
  inviteAddressThrottle,
  inviteThrottle,
  orgCreateThrottle,
} from '#start/limiter'

const OrgsController = () => import('#controllers/orgs_controller')
const OrgMembersController = () => import('#controllers/org_members_controller')
const InvitesController = () => import('#controllers/invites_controller')
const OrgPresenceController = () => import('#controllers/org_presence_controller')

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
  })
  .prefix('/organizations')
  .as('orgs')
  .use(middleware.auth())
