import { committedTransaction } from '#services/committed_transaction'
import { AppException } from '#exceptions/app_exception'
import { readSignupPolicy, writeSignupPolicy, type SignupPolicy } from '#domain/auth/signup_policy'

/**
 * Changes the server's signup policy (chatctl `signup set`): the given parts
 * replace the stored ones, the rest stays. `domains` mode needs at least one
 * allowed domain, or nobody uninvited could register and the mode would
 * mean `invite_only`. Read and write in one transaction under a row lock, so
 * two admins changing different parts at once both win.
 */
export default class UpdateSignupPolicy {
  static async handle(change: Partial<SignupPolicy>) {
    return committedTransaction(async (trx) => {
      await trx.rawQuery("SELECT pg_advisory_xact_lock(hashtext('server_settings:signup_policy'))")
      const next = { ...(await readSignupPolicy(trx)), ...definedParts(change) }
      if (next.mode === 'domains' && next.allowedDomains.length === 0) {
        throw new AppException('The domains mode needs at least one allowed domain', {
          status: 422,
          code: 'E_VALIDATION_ERROR',
          field: 'allowedDomains',
        })
      }
      return writeSignupPolicy(next, trx)
    })
  }
}

function definedParts(change: Partial<SignupPolicy>) {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined))
}
