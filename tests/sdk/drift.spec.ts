import { readFileSync } from 'node:fs'
import { test } from '@japa/runner'
import { SERVER_EVENTS } from '#realtime/socket_events'
import { SERVER_EVENT_NAMES } from '../../packages/client/src/index.js'
import {
  GENERATED_FILE,
  fetchDocument,
  generateTypes,
} from '../../packages/client/scripts/generate.js'
import { withServer } from './fixtures.js'

/*
 * The checked-in REST types are exactly what a fresh generation from a
 * fresh server's /openapi.json gives (run `npm run sdk:generate` when this
 * fails), and the SDK's socket event list is the server's event table.
 */

test.group('SDK: generated types', (group) => {
  const holder = withServer(group)

  test('src/generated/openapi.ts equals a fresh generation', async ({ assert }) => {
    const fresh = await generateTypes(await fetchDocument(holder.server.url))
    const checkedIn = readFileSync(GENERATED_FILE, 'utf8')
    assert.isTrue(
      fresh === checkedIn,
      'packages/client/src/generated/openapi.ts is stale: run `npm run sdk:generate`'
    )
  })

  test('the SDK knows exactly the events the server emits', ({ assert }) => {
    assert.sameMembers([...SERVER_EVENT_NAMES], Object.keys(SERVER_EVENTS))
  })
})
