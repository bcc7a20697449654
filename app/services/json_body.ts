import { safeStringify } from '@poppinss/utils/json'

/**
 * The JSON text of a response body (`http.serializeJSON` in config/app.ts).
 * AdonisJS's default, safe-stable-stringify with a replacer, builds the text
 * by string concatenation: about five times the cost of `JSON.stringify` for
 * a 50-message history page, and the socket write then has to flatten the
 * rope it made. `JSON.stringify` writes the same bytes for every value
 * without a cycle or a BigInt (same key order, escapes, `toJSON`, omitted
 * `undefined`); those two make it throw, and then the default runs as before
 * (a BigInt as its digits, a cycle left out).
 */
export function serializeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value)
  } catch {
    return safeStringify(value)
  }
}
