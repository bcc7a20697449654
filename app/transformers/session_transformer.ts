import { BaseTransformer } from '@adonisjs/core/transformers'
import type { SessionRow } from '#queries/sessions'

/** A session as its owner sees it; `current` marks the one making the request. */
export default class SessionTransformer extends BaseTransformer<SessionRow> {
  constructor(
    resource: SessionRow,
    protected currentId?: string
  ) {
    super(resource)
  }

  toObject() {
    return {
      ...this.pick(this.resource, ['id', 'name', 'ip', 'userAgent']),
      current: this.resource.id === this.currentId,
      createdAt: this.resource.createdAt.toISOString(),
      lastUsedAt: this.resource.lastUsedAt?.toISOString() ?? null,
      expiresAt: this.resource.expiresAt?.toISOString() ?? null,
    }
  }
}
