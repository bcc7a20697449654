import app from '@adonisjs/core/services/app'
import KeyRotation from '#services/key_rotation'
import KeyVerification from '#services/key_verification'
import SearchBackfill, { enqueueSearchBackfill } from '#services/search_backfill'
import RotateKeys from '#actions/admin/rotate_keys'
import CreateAdminToken from '#actions/admin/create_admin_token'
import RevokeAdminToken, { RevokeAllAdminTokens } from '#actions/admin/revoke_admin_token'
import AdminTokenQueries from '#queries/admin_tokens'
import { buildHealthChecks } from '#services/health_checks'
import { serializer } from '#transformers/serializer'
import HealthReportTransformer from '#transformers/health_report_transformer'
import { defineOperation } from '#admin/operation'
import { findUser } from '#queries/admin_lookup'
import { effectiveSettings, pluginProblems } from '#services/config_report'
import { KNOWN_PLUGINS } from '#config/known_plugins'
import {
  createAdminTokenValidator,
  emptyInputValidator,
  listAdminTokensValidator,
  revokeAdminTokenValidator,
  userRefValidator,
  rotateKeysValidator,
  backfillSearchValidator,
} from '#validators/admin'

/** Plugin lifecycle states a healthy plugin can be in (ready once the server started). */
const HEALTHY_STATES = new Set(['booted', 'started', 'ready'])

/** chatctl `key …`, `search backfill`, `plugin list`, `health` and `token …`: the server itself. */
export const systemOperations = {
  'key:rotate': defineOperation('key:rotate', {
    validator: rotateKeysValidator,
    async handle({ signal, onProgress }, input) {
      const options = { batchSize: input.batchSize, pauseMs: input.pauseMs, signal, onProgress }
      const { rewrap, reencryption, aborted } = await RotateKeys.handle({
        ...options,
        reencrypt: input.reencrypt,
      })
      return {
        currentVersion: rewrap.currentVersion,
        rewrapped: rewrap.rewrapped,
        reencryption: reencryption && {
          runId: reencryption.runId,
          resumed: reencryption.resumed,
          rooms: reencryption.roomsDone,
          roomsTotal: reencryption.roomsTotal,
          rows: reencryption.done,
          rowsTotal: reencryption.total,
        },
        aborted,
      }
    },
  }),
  'search:backfill': defineOperation('search:backfill', {
    validator: backfillSearchValidator,
    async handle({ signal, onProgress }, { background, ...settings }) {
      if (background) {
        const remaining = await enqueueSearchBackfill(settings)
        return { indexed: 0, total: remaining, remaining, aborted: false, queued: true }
      }
      return { ...(await SearchBackfill.run({ ...settings, signal, onProgress })), queued: false }
    },
  }),
  'key:status': defineOperation('key:status', {
    validator: emptyInputValidator,
    async handle() {
      const status = await KeyRotation.status()
      return {
        ...status,
        lastRun: status.lastRun && {
          id: status.lastRun.id,
          startedAt: new Date(status.lastRun.startedAt).toISOString(),
          finishedAt:
            status.lastRun.finishedAt && new Date(status.lastRun.finishedAt).toISOString(),
          roomsDone: Number(status.lastRun.roomsDone),
          rowsDone: Number(status.lastRun.rowsDone),
        },
      }
    },
  }),
  'key:verify': defineOperation('key:verify', {
    validator: emptyInputValidator,
    async handle() {
      return KeyVerification.run()
    },
  }),
  'plugin:list': defineOperation('plugin:list', {
    validator: emptyInputValidator,
    async handle() {
      const registry = await app.container.make('plugins.registry')
      const enabled = registry.list().map((plugin) => ({
        ...plugin,
        enabled: true,
        configured: true,
        healthy: HEALTHY_STATES.has(plugin.state),
      }))
      const ids = new Set(enabled.map((plugin) => plugin.id))
      const disabled = KNOWN_PLUGINS.filter((manifest) => !ids.has(manifest.id)).map(
        async (manifest) => {
          const problems = await pluginProblems([manifest], {})
          return {
            id: manifest.id,
            version: manifest.version,
            state: 'disabled',
            enabled: false,
            configured: problems.length === 0,
            healthy: false,
          }
        }
      )
      return [...enabled, ...(await Promise.all(disabled))]
    },
  }),
  'config:show': defineOperation('config:show', {
    validator: emptyInputValidator,
    async handle() {
      return effectiveSettings(process.env)
    },
  }),
  'health': defineOperation('health', {
    validator: emptyInputValidator,
    async handle() {
      const report = await buildHealthChecks().run()
      return serializer.serializeWithoutWrapping(HealthReportTransformer.transform(report))
    },
  }),
  'token:create': defineOperation('token:create', {
    validator: createAdminTokenValidator,
    async handle(_context, input) {
      return CreateAdminToken.handle(await findUser(input.user), input)
    },
  }),
  'token:revoke': defineOperation('token:revoke', {
    validator: revokeAdminTokenValidator,
    async handle(_context, input) {
      return RevokeAdminToken.handle(input.id)
    },
  }),
  'token:revoke-all': defineOperation('token:revoke-all', {
    validator: userRefValidator,
    async handle(_context, input) {
      const user = await findUser(input.user)
      return RevokeAllAdminTokens.handle(user.id)
    },
  }),
  'token:list': defineOperation('token:list', {
    validator: listAdminTokensValidator,
    async handle(_context, input) {
      const user = input.user ? await findUser(input.user) : undefined
      return AdminTokenQueries.list({ userId: user?.id })
    },
  }),
}
