import { join, relative } from 'node:path'
import { test } from '@japa/runner'
import { APP, ROOT, importLoops, runtimeImports, sourceFiles } from '#tests/helpers/import_graph'

/*
 * DESIGN §13: no import loops inside app/ other than the models' own (Lucid
 * relations name each other). Only imports that load a module count (see
 * tests/helpers/import_graph.ts).
 */

test.group('Layout / import loops', () => {
  test('app/ has no import loop outside app/models', ({ assert }) => {
    const graph = new Map(sourceFiles(APP).map((file) => [file, runtimeImports(file)]))
    const loops = importLoops(graph)
      .filter((loop) => !loop.every((file) => file.startsWith(join(APP, 'models') + '/')))
      .map((loop) => loop.map((file) => relative(ROOT, file)))
    assert.deepEqual(loops, [], `import loops:\n${loops.map((l) => l.join(' → ')).join('\n')}`)
  })

  test('the check sees a loop, and ignores type-only imports and lazy imports', ({ assert }) => {
    const a = join(APP, 'a.ts')
    const b = join(APP, 'b.ts')
    const c = join(APP, 'c.ts')
    assert.deepEqual(runtimeImports(a, "import { b } from '#b_missing/x'\nimport './b.js'"), [b])
    assert.deepEqual(runtimeImports(a, "import { x } from '#domain/rooms/room_access'"), [
      join(APP, 'domain', 'rooms', 'room_access.ts'),
    ])
    assert.deepEqual(runtimeImports(a, "import pg from 'pg'\nimport { x } from 'node:fs'"), [])
    assert.deepEqual(runtimeImports(a, "import type { B } from './b.js'"), [])
    assert.deepEqual(runtimeImports(a, "import { type B } from './b.js'"), [])
    assert.deepEqual(runtimeImports(a, "export type { B } from './b.js'"), [])
    assert.deepEqual(runtimeImports(a, "const b = () => import('./b.js')"), [])
    assert.deepEqual(runtimeImports(a, "export { b } from './b.js'"), [b])
    assert.deepEqual(runtimeImports(a, "import b, { type B } from './b.js'"), [b])
    const loops = importLoops(
      new Map([
        [a, [b]],
        [b, [c]],
        [c, [a]],
      ])
    )
    assert.deepEqual(loops, [[a, b, c].sort()])
    assert.deepEqual(
      importLoops(
        new Map([
          [a, [b]],
          [b, [c]],
          [c, []],
        ])
      ),
      []
    )
  })
})
