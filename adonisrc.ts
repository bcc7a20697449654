import { defineConfig } from '@adonisjs/core/app'

export default defineConfig({
  /*
  |--------------------------------------------------------------------------
  | Commands
  |--------------------------------------------------------------------------
  |
  | Ace commands live in commands/ace; commands/ holds the chatctl (oclif)
  | commands, which Ace must not scan.
  |
  */
  directories: {
    commands: 'commands/ace',
  },
  commands: [() => import('@adonisjs/core/commands'), () => import('@adonisjs/lucid/commands')],

  /*
  |--------------------------------------------------------------------------
  | Service providers
  |--------------------------------------------------------------------------
  */
  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    {
      file: () => import('@adonisjs/core/providers/repl_provider'),
      environment: ['repl', 'test'],
    },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/cors/cors_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/bouncer/bouncer_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('@adonisjs/mail/mail_provider'),
    () => import('#providers/api_provider'),
    () => import('#providers/app_provider'),
    () => import('#providers/realtime_provider'),
    () => import('#providers/plugin_host_provider'),
    () => import('#providers/jobs_provider'),
    () => import('#providers/admin_socket_provider'),
    () => import('@adonisjs/drive/drive_provider'),
    () => import('@adonisjs/transmit/transmit_provider'),
    () => import('#providers/metrics_provider'),
    () => import('#providers/drain_provider'),
  ],

  /*
  |--------------------------------------------------------------------------
  | Preloads
  |--------------------------------------------------------------------------
  */
  preloads: [
    () => import('#start/routes'),
    () => import('#start/kernel'),
    () => import('#start/events'),
    () => import('#start/transmit'),
  ],

  /*
  |--------------------------------------------------------------------------
  | Tests
  |--------------------------------------------------------------------------
  */
  tests: {
    suites: [
      {
        files: ['tests/unit/**/*.spec.ts'],
        name: 'unit',
        timeout: 5000,
      },
      {
        files: ['tests/functional/**/*.spec.ts', 'tests/isolation/**/*.spec.ts'],
        name: 'functional',
        timeout: 30000,
      },
      {
        files: ['tests/realtime/**/*.spec.ts'],
        name: 'realtime',
        timeout: 30000,
      },
      {
        files: ['tests/cli/**/*.spec.ts'],
        name: 'cli',
        timeout: 120000,
      },
      // Before the plugins suite: its minimal apps register plugin routes and
      // their OpenAPI paths in this process, which the fuzz walk would then meet.
      {
        files: ['tests/fuzz/**/*.spec.ts'],
        name: 'fuzz',
        timeout: 240000,
      },
      {
        files: ['plugins/*/tests/**/*.spec.ts', 'tests/plugins/**/*.spec.ts'],
        name: 'plugins',
        timeout: 60000,
      },
      // @parley/client against real servers (child processes).
      {
        files: ['tests/sdk/**/*.spec.ts'],
        name: 'sdk',
        timeout: 120000,
      },
      {
        files: ['tests/browser/**/*.spec.ts'],
        name: 'browser',
        timeout: 120000,
      },
    ],
    forceExit: true,
  },

  /** The built web client (public/, see bin/web_build.ts) goes into `node ace build` output. */
  metaFiles: [
    { pattern: 'public/**', reloadServer: false },
    // The workspace package's manifest: `npm ci` in the build needs it.
    { pattern: 'packages/*/package.json', reloadServer: false },
  ],
})
