import { defineConfig } from '@adonisjs/core/bodyparser'

/*
|--------------------------------------------------------------------------
| Body parser
|--------------------------------------------------------------------------
|
| JSON bodies are capped well above the largest documented payload
| (a 10,000-character message). Multipart uploads are never parsed here:
| the upload routes (`processManually`) read them with
| #services/multipart_upload, after access checks, with their own limits.
|
*/
const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    convertEmptyStringsToNull: false,
    limit: '256kb',
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
  },
  multipart: {
    autoProcess: false,
    convertEmptyStringsToNull: true,
    processManually: ['/media/upload/:messageId', '/users/me/avatar'],
    limit: '101mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
