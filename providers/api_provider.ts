import { HttpContext } from '@adonisjs/core/http'
import type { ApplicationService } from '@adonisjs/core/types'
import { serialize } from '#transformers/serializer'

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    /** Serializes transformer output into the `{ data, meta? }` envelope (`#transformers/serializer`). */
    serialize: typeof serialize
  }
}

/** Installs `ctx.serialize` on every HttpContext; the envelope itself lives in `#transformers/serializer`. */
export default class ApiProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    HttpContext.getter('serialize', () => serialize)
  }
}
