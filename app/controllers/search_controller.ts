import type { HttpContext } from '@adonisjs/core/http'
import SearchMessages from '#queries/search_messages'
import SearchHitTransformer from '#transformers/search_hit_transformer'
import { serializeWithMeta } from '#transformers/serializer'
import { searchValidator } from '#validators/conversations'

/** Message search on the blind index: the caller's rooms only, never end-to-end encrypted ones. */
export default class SearchController {
  async index({ request, actor }: HttpContext) {
    const input = await request.validateUsing(searchValidator)
    const { hits, meta } = await SearchMessages.handle(actor, input)
    return serializeWithMeta(SearchHitTransformer.transform(hits), meta)
  }
}
