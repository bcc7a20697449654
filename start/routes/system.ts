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

const ApiDocsController = () => import('#controllers/api_docs_controller')

router.get('openapi.json', [ApiDocsController, 'document']).as('openapi')
router.get('docs', [ApiDocsController, 'reference']).as('docs')
