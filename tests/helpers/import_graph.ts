import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

/*
 * The project's import graph as Node loads it: only imports that run the
 * imported file count (`import type`, type-only specifiers and lazy
 * `import()` calls do not), with `#alias/*` specifiers resolved through the
 * package.json `imports` map.
 */

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const APP = join(ROOT, 'app')
const ALIASES: Record<string, string> = JSON.parse(
  readFileSync(join(ROOT, 'package.json'), 'utf8')
).imports

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** The file an import specifier names, or null outside the project (packages, node:). */
function resolveSpecifier(from: string, specifier: string): string | null {
  let target: string | null = null
  if (specifier.startsWith('.')) target = resolve(dirname(from), specifier)
  for (const [pattern, replacement] of Object.entries(ALIASES)) {
    const prefix = pattern.slice(0, -1)
    if (specifier.startsWith(prefix)) {
      target = join(ROOT, replacement.slice(0, -3).replace('*', specifier.slice(prefix.length)))
    }
  }
  return target === null ? null : target.replace(/\.js$/, '') + '.ts'
}

/** The project files that `file` loads when it runs. */
export function runtimeImports(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest)
  const specifiers: string[] = []
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause
      if (clause?.isTypeOnly) continue
      const bindings = clause?.namedBindings
      const onlyTypes =
        clause &&
        !clause.name &&
        bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((element) => element.isTypeOnly)
      if (!onlyTypes) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text)
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      const clause = statement.exportClause
      const onlyTypes =
        statement.isTypeOnly ||
        (clause &&
          ts.isNamedExports(clause) &&
          clause.elements.length > 0 &&
          clause.elements.every((element) => element.isTypeOnly))
      if (!onlyTypes) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text)
    }
  }
  return specifiers
    .map((specifier) => resolveSpecifier(file, specifier))
    .filter((target): target is string => target !== null)
}

/** Every import loop of `graph` (as its strongly connected components of 2+ files, or self-loops). */
export function importLoops(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const loops: string[][] = []
  let counter = 0
  const visit = (node: string) => {
    index.set(node, counter)
    low.set(node, counter++)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!))
      }
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    if (component.length > 1 || graph.get(node)?.includes(node)) loops.push(component.sort())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return loops
}
