import type { HttpContext } from '@adonisjs/core/http'
import { buildHealthChecks, buildReadinessChecks } from '#services/health_checks'
import { liveness } from '#services/liveness'
import HealthReportTransformer from '#transformers/health_report_transformer'

/** Health for load balancers, orchestrators, chatctl and operators (docs/deploy.md, Probes). */
export default class HealthController {
  /** 200 when every check passes (warnings included), 503 when one fails. */
  async show({ response, serialize }: HttpContext) {
    const report = await buildHealthChecks().run()
    response.status(report.isHealthy ? 200 : 503)
    return serialize(HealthReportTransformer.transform(report))
  }

  /** Liveness: the process answers; no dependency is checked, so an outage never restarts it. */
  async live({ serialize }: HttpContext) {
    return serialize(await liveness())
  }

  /** Readiness: 503 while draining, migrations are pending, or PostgreSQL or Redis are down. */
  async ready({ response, serialize }: HttpContext) {
    const report = await buildReadinessChecks().run()
    response.status(report.isHealthy ? 200 : 503)
    return serialize(HealthReportTransformer.transform(report))
  }
}
