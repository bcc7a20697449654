import type { HttpContext } from '@adonisjs/core/http'
import { buildHealthChecks } from '#services/health_checks'
import HealthReportTransformer from '#transformers/health_report_transformer'

/** Liveness and readiness for load balancers, chatctl and operators. */
export default class HealthController {
  /** 200 when every check passes (warnings included), 503 when one fails. */
  async show({ response, serialize }: HttpContext) {
    const report = await buildHealthChecks().run()
    response.status(report.isHealthy ? 200 : 503)
    return serialize(HealthReportTransformer.transform(report))
  }
}
