/**
 * The subset of JSON Schema that chatctl's committed result schemas
 * (schemas/*.json) use: type (one or several), properties, required,
 * additionalProperties: false, items, enum, and $defs/$ref. Returns the
 * list of violations, each with its JSON path; empty means valid.
 */
export type Schema = {
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: boolean
  items?: Schema
  enum?: unknown[]
  $ref?: string
  $defs?: Record<string, Schema>
}

export function validateSchema(schema: Schema, value: unknown, root: Schema = schema, path = '$') {
  const errors: string[] = []
  if (schema.$ref) {
    const name = schema.$ref.replace('#/$defs/', '')
    return validateSchema(root.$defs![name], value, root, path)
  }
  const types = schema.type ? [schema.type].flat() : []
  const actual = typeOf(value)
  const typeOk = types.includes(actual) || (actual === 'integer' && types.includes('number'))
  if (types.length && !typeOk) {
    return [`${path}: expected ${types.join('|')}, got ${typeOf(value)}`]
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: ${value} not in enum`)
  if (typeOf(value) === 'object' && schema.properties) {
    const object = value as Record<string, unknown>
    for (const key of schema.required ?? []) {
      if (!(key in object)) errors.push(`${path}.${key}: required`)
    }
    for (const [key, item] of Object.entries(object)) {
      const property = schema.properties[key]
      if (property) errors.push(...validateSchema(property, item, root, `${path}.${key}`))
      else if (schema.additionalProperties === false) errors.push(`${path}.${key}: not allowed`)
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) =>
      errors.push(...validateSchema(schema.items!, item, root, `${path}[${i}]`))
    )
  }
  return errors
}

function typeOf(value: unknown) {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}
