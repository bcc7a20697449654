import { assert } from '@japa/assert'
import { apiClient, ApiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { spec } from '@japa/runner/reporters'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { CiLineReporter } from '#tests/helpers/ci_line_reporter'
import { checkAgainstOpenApi } from '#tests/helpers/openapi'
import { assertEventsMatchAsyncApi } from '#tests/helpers/asyncapi'
import { ensureWebBuild } from '../bin/web_build.ts'
import { startTestAdminSocket } from '#tests/helpers/admin_socket'
import { claimTestDatabase } from '#tests/helpers/test_database_claim'

/**
 * Every response an HTTP test receives is checked against /openapi.json.
 */
ApiClient.teardown(checkAgainstOpenApi)

/**
 * Japa plugins: assertions, the HTTP API client and the AdonisJS plugin.
 */
export const plugins: Config['plugins'] = [assert(), apiClient(), pluginAdonisJS(app)]

/**
 * Claims the test database for this run (one run per database:
 * tests/helpers/test_database_claim.ts), then runs pending migrations once
 * before the suites (bin/test_setup.ts has already created the test
 * database if it was missing).
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [claimTestDatabase, () => testUtils.db().migrate()],
  teardown: [],
}

/**
 * HTTP suites get a real server on the test port; the browser suite builds
 * the web client first when it is missing or stale. The cli suite's server
 * also listens on its local admin socket (the web provider's ready hook does
 * not run under tests), in a directory of its own.
 */
export const configureSuite: Config['configureSuite'] = (suite) => {
  // Every socket and SSE event a test received is checked against /asyncapi.json.
  suite.onTest((t) => t.teardown(assertEventsMatchAsyncApi))
  suite.onGroup((group) => group.each.teardown(assertEventsMatchAsyncApi))
  if (suite.name === 'browser') {
    return suite.setup(async () => {
      await ensureWebBuild()
      return testUtils.httpServer().start()
    })
  }
  if (suite.name === 'cli') {
    return suite.setup(async () => {
      const closeHttp = await testUtils.httpServer().start()
      const closeSocket = await startTestAdminSocket()
      return async () => {
        await closeSocket()
        await closeHttp()
      }
    })
  }
  if (suite.name === 'sdk') {
    return suite.setup(async () => {
      const { startSdkServer } = await import('#tests/sdk/fixtures')
      const server = await startSdkServer()
      return () => server.stop()
    })
  }
  if (['functional', 'realtime', 'plugins', 'fuzz'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}

export const reporters: Config['reporters'] = {
  activated: ['spec', 'ci-line'],
  list: [spec(), { name: 'ci-line', handler: (...args) => new CiLineReporter().boot(...args) }],
}
