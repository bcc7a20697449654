import app from '@adonisjs/core/services/app'
import KeyRotation from '#services/key_rotation'
import KeyVerification from '#services/key_verification'
import CreateAdminToken from '#actions/admin/create_admin_token'
import RevokeAdminToken from '#actions/admin/revoke_admin_token'
import { buildHealthChecks } from '#services/health_checks'
import { serializer } from '#transformers/serializer'
import HealthReportTransformer from '#transformers/health_report_transformer'
import { defineOperation } from '#admin/operation'
import { findUser } from '#queries/admin_lookup'
import {
  createAdminTokenValidator,
  emptyInputValidator,
  revokeAdminTokenValidator,
  rotateKeysValidator,
} from '#validators/admin'

/** Plugin lifecycle states a healthy plugin can be in (ready once the server started). */
const HEALTHY_STATES = new Set(['booted', 'started', 'ready'])

/** chatctl `key …`, `plugin list`, `health` and `token …`: the server itself. */
export const systemOperations = {
  'key:rotate': defineOperation('key:rotate', {
    validator: rotateKeysValidator,
    async handle({ signal, onProgress }, input) {
      const options = { batchSize: input.batchSize, pauseMs: input.pauseMs, signal, onProgress }
      const rewrap = await KeyRotation.rewrap(options)
      const reencryption =
        input.reencrypt && !rewrap.aborted ? await KeyRotation.reencrypt(options) : null
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
        aborted: rewrap.aborted || Boolean(reencryption?.aborted),
      }
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
      return registry.list().map((plugin) => ({
        ...plugin,
        enabled: true,
        configured: true,
        healthy: HEALTHY_STATES.has(plugin.state),
      }))
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
}
