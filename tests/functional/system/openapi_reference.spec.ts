import { test } from '@japa/runner'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { e2eKeysPaths } from '#plugins/e2e-keys/openapi'
import { pushFcmPaths } from '#plugins/push-fcm/openapi'

/*
 * Every operation of /openapi.json carries what a reader and a client
 * generator need: a unique operationId, a summary, a description, a
 * description for each parameter, and request and response examples that
 * match their schemas. The builder's types require most of it
 * (app/openapi/builder.ts, OperationSpec); this catches the rest, including
 * plugins' operations and examples that drifted from their schemas.
 */

type Json = Record<string, any>

function examplesOf(content: Json | undefined) {
  const json = content?.['application/json']
  if (!json) return undefined
  return json.example !== undefined ? [json.example] : Object.values(json.examples ?? {})
}

test.group('GET /openapi.json reference quality', () => {
  test('every operation has an operationId, summary, description, described parameters and examples', async ({
    client,
    assert,
  }) => {
    const answer = await client.get('/openapi.json')
    const document = answer.body()
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(ajv)
    ajv.addSchema({ $id: 'parley', components: document.components })
    const check = (schema: unknown, value: unknown) => {
      const text = JSON.stringify(schema).replaceAll('"#/components/', '"parley#/components/')
      const validate = ajv.compile(JSON.parse(text))
      return validate(value)
        ? []
        : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)
    }
    const problems: string[] = []
    const ids = new Map<string, string>()
    // Plugins' operations too, whether or not this test app enabled them.
    const paths = { ...document.paths, ...e2eKeysPaths, ...pushFcmPaths }
    for (const [path, operations] of Object.entries(paths as Json)) {
      for (const [method, operation] of Object.entries(operations as Json)) {
        const at = `${method.toUpperCase()} ${path}`
        const id = operation.operationId
        if (typeof id !== 'string' || !/^[a-z][A-Za-z0-9]*$/.test(id)) {
          problems.push(`${at}: no camelCase operationId`)
        } else if (ids.has(id)) {
          problems.push(`${at}: operationId ${id} also used by ${ids.get(id)}`)
        } else ids.set(id, at)
        if (!operation.summary) problems.push(`${at}: no summary`)
        if (!operation.description) problems.push(`${at}: no description`)
        for (const parameter of operation.parameters ?? []) {
          if (!parameter.description)
            problems.push(`${at}: parameter ${parameter.name} undescribed`)
        }
        const body = operation.requestBody?.content?.['application/json']
        if (body) {
          const examples = examplesOf(operation.requestBody.content) ?? []
          if (!examples.length) problems.push(`${at}: no request example`)
          for (const example of examples) {
            for (const p of check(body.schema, example))
              problems.push(`${at} request example: ${p}`)
          }
        }
        const success = Object.entries(operation.responses as Json).filter(
          ([status, response]) => /^2\d\d$/.test(status) && response.content?.['application/json']
        )
        if (
          success.length &&
          !success.some(([, response]) => examplesOf(response.content)?.length)
        ) {
          problems.push(`${at}: no response example`)
        }
        for (const [status, response] of success) {
          for (const example of examplesOf(response.content) ?? []) {
            const schema = response.content['application/json'].schema
            for (const p of check(schema, example)) problems.push(`${at} ${status} example: ${p}`)
          }
        }
      }
    }
    assert.deepEqual(problems, [])
  })
})
