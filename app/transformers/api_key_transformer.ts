import { BaseTransformer } from '@adonisjs/core/transformers'
import type { ApiKeyRow } from '#types/api_key'

/** An API key as listed: name, last use and creation, never its secret or hash. */
export default class ApiKeyTransformer extends BaseTransformer<ApiKeyRow & { secret?: string }> {
  toObject() {
    return {
      id: this.resource.id,
      name: this.resource.name,
      lastUsedAt: this.resource.lastUsedAt
        ? new Date(this.resource.lastUsedAt).toISOString()
        : null,
      createdAt: new Date(this.resource.createdAt).toISOString(),
    }
  }

  /** The key just created, with its secret: the only time it is shown. */
  withSecret() {
    return { ...this.toObject(), secret: this.resource.secret ?? null }
  }
}
