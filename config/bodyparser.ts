import { defineConfig } from '@adonisjs/core/bodyparser'

/*
|--------------------------------------------------------------------------
| Body parser
|--------------------------------------------------------------------------
|
| JSON bodies are capped well above the largest documented payload
| (a 10,000-character message). Strings are kept as sent (a message's
| indentation is content); validators trim the fields that are names.
| Any JSON value is parsed, and app/middleware/json_body_middleware.ts
| refuses every body that is not an object, or nested too deeply, with a
| 400. Multipart uploads are never parsed here: the upload routes
| (`processManually`) read them with #services/multipart_upload, after
| access checks, with their own limits.
|
*/
const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    trimWhitespaces: false,
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    convertEmptyStringsToNull: false,
    trimWhitespaces: false,
    strict: false,
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
