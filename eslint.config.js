import { configApp } from '@adonisjs/eslint-config'

/*
|--------------------------------------------------------------------------
| Import rules (DESIGN §13)
|--------------------------------------------------------------------------
|
| A plugin reaches core only through its declared API, `app/extensions/`
| (`#extensions/*`). Its tests may also use the test harness (`#tests/*`:
| app boot, fixtures, database reset), which is not part of the runtime.
|
*/

/*
| Lucid's managed `db.transaction(callback)` resolves even when COMMIT
| fails, so a write could be reported and fanned out although nothing was
| stored. Every write transaction goes through `committedTransaction`
| (app/services/committed_transaction.ts; plugins: #extensions/database).
*/
const COMMITTED_TRANSACTION = {
  selector:
    "CallExpression[callee.object.name='db'][callee.property.name='transaction'][arguments.length>0]",
  message:
    'db.transaction(callback) resolves even when COMMIT fails: use committedTransaction (#services/committed_transaction, for plugins #extensions/database).',
}

const PLUGIN_API = 'Plugins import core only through #extensions/* (DESIGN §13).'

/** Relative paths out of `plugins/` into core folders. */
const RELATIVE_CORE = {
  regex: String.raw`^(\.\./)+(app|providers|start|config|commands|bin)(/|$)`,
  message: PLUGIN_API,
}

/** Import rules for plugin code; `allowed` is the alias prefixes it may use besides. */
function pluginImports(allowed) {
  const alias = String.raw`^#(?!(${allowed.join('|')})/)`
  return {
    'no-restricted-imports': [
      'error',
      { patterns: [{ regex: alias, message: PLUGIN_API }, RELATIVE_CORE] },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: `ImportExpression[source.value=/${alias.replace('/', String.raw`\x2F`)}/]`,
        message: PLUGIN_API,
      },
      COMMITTED_TRANSACTION,
    ],
  }
}

/*
| Doors (REST controllers, admin operations, socket handlers, the SSE
| authorizer) validate, call an action or a query (`#queries/*`) and shape
| the result: they never reach models or a module's internals.
*/

const DOOR_RULE =
  'Doors import actions, queries, validators and transformers, never #models/* or #domain/* (DESIGN §13). Read through #queries/*.'

/** Import rules for doors. */
const doorImports = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { regex: String.raw`^#(models|domain)/`, message: DOOR_RULE },
        { regex: String.raw`^(\.\.?/)+(models|domain)(/|$)`, message: DOOR_RULE },
      ],
    },
  ],
}

/*
| Actions, queries and module internals (`app/domain/`) return models and
| emit events with ids and models: client shapes, lifecycle, realtime
| transport and the doors above them are not theirs to import.
*/

const CORE_RULE =
  'Actions, queries and domain never import #transformers/*, #providers/*, #realtime/*, #controllers/* or #admin/* (DESIGN §13): return models, let the door shape them.'

/** Import rules for actions, queries and domain modules. */
const coreImports = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          regex: String.raw`^#(transformers|providers|realtime|controllers|admin)/`,
          message: CORE_RULE,
        },
        {
          regex: String.raw`^(\.\.?/)+(transformers|providers|realtime|controllers|admin)(/|$)`,
          message: CORE_RULE,
        },
      ],
    },
  ],
}

/*
| The queries are the read side: they build on domain modules and models,
| never on the write side's actions.
*/

const QUERY_RULE =
  'Queries never import #actions/* (DESIGN §13): shared reads live in #domain/* or #queries/*.'

/** Import rules for queries: the core rules plus no actions. */
const queryImports = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        ...coreImports['no-restricted-imports'][1].patterns,
        { regex: String.raw`^#actions/`, message: QUERY_RULE },
        { regex: String.raw`^(\.\.?/)+actions(/|$)`, message: QUERY_RULE },
      ],
    },
  ],
}

/*
| The realtime transport (gateway, recovery, session watch) and the
| listeners (the fan-out table, notifications) hand ids and models on: they
| may name model types, but read through #queries/* and write through
| #actions/*, never a model's query builder or a module's internals.
*/

const TRANSPORT_RULE =
  'Realtime and listeners read through #queries/* and write through #actions/*: only type imports of #models/*, never #domain/* (DESIGN §13).'

/** Import rules for app/realtime and app/listeners (type imports of models allowed). */
const transportImports = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        { regex: String.raw`^#models/`, message: TRANSPORT_RULE, allowTypeImports: true },
        { regex: String.raw`^#domain/`, message: TRANSPORT_RULE },
        {
          regex: String.raw`^(\.\.?/)+(models|domain)(/|$)`,
          message: TRANSPORT_RULE,
          allowTypeImports: true,
        },
      ],
    },
  ],
}

export default configApp(
  {
    ignores: [
      'build/**',
      'storage/**',
      '.adonisjs/**',
      'packages/client/src/generated/**',
      'packages/*/dist/**',
    ],
  },
  {
    files: [
      'app/controllers/**/*.ts',
      'app/admin/**/*.ts',
      'app/realtime/handlers/**/*.ts',
      'app/realtime/sse.ts',
    ],
    rules: doorImports,
  },
  {
    files: ['app/actions/**/*.ts', 'app/domain/**/*.ts'],
    rules: coreImports,
  },
  { files: ['app/queries/**/*.ts'], rules: queryImports },
  { files: ['app/realtime/**/*.ts', 'app/listeners/**/*.ts'], rules: transportImports },
  { files: ['plugins/**/*.ts'], rules: pluginImports(['extensions']) },
  { files: ['plugins/*/tests/**/*.ts'], rules: pluginImports(['extensions', 'tests']) },
  { files: ['app/**/*.ts'], rules: { 'no-restricted-syntax': ['error', COMMITTED_TRANSACTION] } }
)
