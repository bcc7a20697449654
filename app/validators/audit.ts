import vine from '@vinejs/vine'
import { idRule, pageRule, perPageRule, textRule } from '#validators/rules'

/*
 * Audit log listings: pages of at most 100 entries; `action` is one action
 * (`org.member_role_changed`) or a family (`auth.*`); dates are ISO 8601
 * date-times with a time zone.
 */

/** An action name or a family prefix with `.*`. */
const actionRule = () =>
  textRule()
    .maxLength(64)
    .regex(/^[a-z_]+(\.([a-z_]+|\*))?$/)

/** An ISO 8601 date-time with a time zone, turned into a Date. */
const dateTimeRule = () =>
  textRule()
    .regex(
      /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/
    )
    .transform((value) => new Date(value))

const filters = {
  action: actionRule().optional(),
  actorId: idRule().optional(),
  targetId: textRule().trim().minLength(1).maxLength(64).optional(),
  since: dateTimeRule().optional(),
  until: dateTimeRule().optional(),
}

/** GET /organizations/:orgId/audit */
export const listAuditValidator = vine.create({
  ...filters,
  page: pageRule().optional(),
  perPage: perPageRule().optional(),
})

/** chatctl `audit list` / GET /admin/audit: server-wide, or one organization (id or slug). */
export const adminListAuditValidator = vine.create({
  ...filters,
  org: textRule().trim().minLength(1).maxLength(254).optional(),
  page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(500).optional(),
})
