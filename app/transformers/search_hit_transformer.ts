import { BaseTransformer } from '@adonisjs/core/transformers'
import type Message from '#models/message'
import MessageTransformer from '#transformers/message_transformer'

/** A search hit: the room, the message as members see it, and a snippet of its text. */
export interface SearchHit {
  roomId: string
  message: Message
  snippet: string
}

/** A search hit as clients see it. */
export default class SearchHitTransformer extends BaseTransformer<SearchHit> {
  toObject() {
    return {
      roomId: this.resource.roomId,
      snippet: this.resource.snippet,
      message: new MessageTransformer(this.resource.message).toObject(),
    }
  }
}
