import { test } from '@japa/runner'
import { Parser } from '@asyncapi/parser'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { asyncApiDocument } from '#openapi/asyncapi'

/** Informational notes accepted, each with why. */
const ACCEPTED_NOTES: Record<string, string> = {
  // DESIGN.md §6 and issue #21 ask for AsyncAPI 3.0; 3.1 adds nothing Parley uses.
  'asyncapi-latest-version': 'the document is 3.0 on purpose',
}

test.group('GET /asyncapi.json', () => {
  test('is a valid AsyncAPI 3.0 document: no parser error, warning or unexplained note', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/asyncapi.json')
    response.assertStatus(200)
    assert.equal(response.body().asyncapi, '3.0.0')
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(response.body()))
    assert.exists(document)
    const lines = diagnostics
      .filter((d) => !(d.severity >= 2 && ACCEPTED_NOTES[String(d.code)]))
      .map((d) => `${d.severity} ${d.code} ${d.path.join('.')}: ${d.message}`)
    assert.deepEqual(lines, [])
  })
})

test.group('AsyncAPI examples', () => {
  test('every message example matches its own payload schema', ({ assert }) => {
    const document = asyncApiDocument() as any
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(ajv)
    ajv.addSchema({ $id: 'async', components: { schemas: document.components.schemas } })
    const problems: string[] = []
    for (const [name, message] of Object.entries(document.components.messages as any)) {
      const text = JSON.stringify((message as any).payload)
      const validate = ajv.compile(
        JSON.parse(text.replaceAll('"#/components/', '"async#/components/'))
      )
      const examples = (message as any).examples ?? []
      if (!examples.length) problems.push(`${name}: no example`)
      for (const example of examples) {
        if (!validate(example.payload)) {
          problems.push(`${name} (${example.name}): ${ajv.errorsText(validate.errors)}`)
        }
      }
    }
    assert.deepEqual(problems, [])
  })
})
