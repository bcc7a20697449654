import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { BadRequestException } from '#exceptions/app_exception'

/**
 * How deeply a JSON body may nest objects and arrays. Parley's deepest
 * payload (an e2e key upload) nests 3 levels.
 */
export const MAX_JSON_DEPTH = 32

/**
 * Every JSON body Parley accepts is an object of bounded depth. The body
 * parser reads any JSON value (config/bodyparser.ts, `strict: false`); a
 * string, number, boolean, null or array, or a body nested deeper than
 * MAX_JSON_DEPTH, is refused here with a 400, on every route, before a
 * validator or controller sees it. An empty body counts as `{}`.
 */
export default class JsonBodyMiddleware {
  handle({ request }: HttpContext, next: NextFn) {
    if (request.bodyType !== 'json') return next()
    const body: unknown = request.body()
    if (body === '') {
      request.updateBody({})
    } else if (!isPlainObject(body)) {
      throw new BadRequestException('The JSON body must be an object')
    } else if (tooDeep(body)) {
      throw jsonTooDeep()
    }
    return next()
  }
}

/** The answer to a body nested too deeply (also when parsing it overflowed the stack). */
export function jsonTooDeep() {
  return new BadRequestException('The JSON body is nested too deeply')
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Walks the body without recursion, so that measuring cannot overflow either. */
function tooDeep(body: object) {
  const stack: [unknown, number][] = [[body, 1]]
  while (stack.length) {
    const [value, depth] = stack.pop()!
    if (typeof value !== 'object' || value === null) continue
    if (depth > MAX_JSON_DEPTH) return true
    for (const child of Object.values(value)) stack.push([child, depth + 1])
  }
  return false
}
