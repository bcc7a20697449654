import vine from '@vinejs/vine'
import { pageRule, perPageRule, textRule } from '#validators/rules'

const refRule = () => textRule().trim().minLength(1).maxLength(254)

/**
 * Where chatctl in local mode copies the finished archive: an absolute path
 * on the server host (chatctl resolves relative ones). Remote mode downloads
 * through the signed link instead and may not send it.
 */
const outputRule = () => textRule().minLength(2).maxLength(4096).regex(/^\//)

/** chatctl org export: the organization by id or slug. */
export const adminOrgExportValidator = vine.create({
  org: refRule(),
  output: outputRule().optional(),
})

/** chatctl user export: the user by id, email or username. */
export const adminUserExportValidator = vine.create({
  user: refRule(),
  output: outputRule().optional(),
})

/** chatctl org|user export, following a queued export (remote mode). */
export const adminShowExportValidator = vine.create({
  export: textRule().uuid(),
})

/** GET /organizations/:orgId/exports and GET /users/me/exports: a page of at most 100. */
export const listExportsValidator = vine.create({
  page: pageRule().optional(),
  perPage: perPageRule().optional(),
})
