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

export default configApp(
  { ignores: ['build/**', 'storage/**', '.adonisjs/**'] },
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
    files: ['app/actions/**/*.ts', 'app/queries/**/*.ts', 'app/domain/**/*.ts'],
    rules: coreImports,
  },
  { files: ['plugins/**/*.ts'], rules: pluginImports(['extensions']) },
  { files: ['plugins/*/tests/**/*.ts'], rules: pluginImports(['extensions', 'tests']) },
  {
    /*
     * Lucid's managed `db.transaction(callback)` resolves even when COMMIT
     * fails, so a write could be reported and fanned out although nothing was
     * stored. Every write transaction in app/ goes through
     * `committedTransaction` (app/services/committed_transaction.ts) instead.
     */
    files: ['app/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name='db'][callee.property.name='transaction'][arguments.length>0]",
          message:
            'db.transaction(callback) resolves even when COMMIT fails: use committedTransaction from #services/committed_transaction.',
        },
      ],
    },
  }
)
