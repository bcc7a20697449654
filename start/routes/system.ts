/*
|--------------------------------------------------------------------------
| Routes: system
|--------------------------------------------------------------------------
|
| Health first; the API description routes follow below it.
|
*/
import router from '@adonisjs/core/services/router'

const HealthController = () => import('#controllers/health_controller')

router.get('health', [HealthController, 'show']).as('health')
router.get('health/live', [HealthController, 'live']).as('health.live')
router.get('health/ready', [HealthController, 'ready']).as('health.ready')

const ApiDocsController = () => import('#controllers/api_docs_controller')

router.get('openapi.json', [ApiDocsController, 'document']).as('openapi')
router.get('docs', [ApiDocsController, 'reference']).as('docs')
router.get('asyncapi.json', [ApiDocsController, 'asyncApi']).as('asyncapi')
router.get('docs/realtime', [ApiDocsController, 'realtime']).as('docs.realtime')
router.get('docs/assets/:file', [ApiDocsController, 'asset']).as('docs.asset')
