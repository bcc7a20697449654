import User from '#models/user'
import { AppException } from '#exceptions/app_exception'
import { recordAudit } from '#domain/audit/audit_log'

export interface CreateAdminTokenInput {
  name?: string
  expiresInDays?: number
}

/**
 * Issues an admin token (chatctl `token create`) for an account holding the
 * server-wide admin role, for chatctl's remote mode (`--token` /
 * `CHATCTL_TOKEN`). The secret is returned once; only its hash is stored.
 * Any other account is 422 E_NOT_ADMIN: org roles never open the admin API.
 */
export default class CreateAdminToken {
  static async handle(user: User, input: CreateAdminTokenInput) {
    if (!user.isAdmin || user.deactivatedAt) {
      throw new AppException('Admin tokens are only issued to active server admins', {
        status: 422,
        code: 'E_NOT_ADMIN',
        field: 'user',
      })
    }
    const token = await User.adminTokens.create(user, ['admin'], {
      name: input.name ?? 'chatctl',
      expiresIn: input.expiresInDays ? `${input.expiresInDays} days` : undefined,
    })
    await recordAudit({
      action: 'admin_token.created',
      targetType: 'token',
      targetId: String(token.identifier),
      details: { userId: user.id, name: token.name },
    })
    return {
      id: Number(token.identifier),
      name: token.name,
      userId: user.id,
      token: token.value!.release(),
      createdAt: token.createdAt.toISOString(),
      expiresAt: token.expiresAt?.toISOString() ?? null,
    }
  }
}
