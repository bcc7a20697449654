/*
|--------------------------------------------------------------------------
| HTTP kernel
|--------------------------------------------------------------------------
|
| Server middleware runs on every request, router middleware on matched
| routes, named middleware where a route asks for it.
|
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/http_metrics_middleware'),
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/request_id_middleware'),
  () => import('#middleware/audit_origin_middleware'),
  () => import('#middleware/security_headers_middleware'),
  () => import('#middleware/force_json_response_middleware'),
  () => import('@adonisjs/cors/cors_middleware'),
  () => import('#middleware/signed_download_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('#middleware/json_body_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
])

export const middleware = router.named({
  auth: () => import('#middleware/auth_middleware'),
  admin: () => import('#middleware/admin_middleware'),
  org: () => import('#middleware/org_scope_middleware'),
  recalledSession: () => import('#middleware/recalled_session_middleware'),
  queryToken: () => import('#middleware/query_token_middleware'),
  channelAccess: () => import('#middleware/channel_access_middleware'),
  closeUnreadBody: () => import('#middleware/close_unread_body_middleware'),
  imageCookie: () => import('#middleware/image_cookie_middleware'),
})
