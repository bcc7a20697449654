import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

/*
 * What the code emits to clients, read from its source with the TypeScript
 * parser (so the AsyncAPI check sees every call, including ones no test
 * triggers): the fan-out table's `send('<event>', payload, targets)` calls
 * with the kinds of their targets, and the socket doors' own
 * `.emit('<event>', …)` answers. Domain events are `namespace:action`
 * (STYLE.md, Naming), so a name with a colon is never a client event.
 */

/** One client event the code sends, where, and (fan-out) to which target kinds. */
export interface EmittedEvent {
  name: string
  via: 'fanout' | 'emit'
  at: string
  targets: Set<'room' | 'user' | 'org'>
}

/** Fan-out target helpers and the SSE channel kind each one publishes on (`member` → the user's channel). */
const TARGET_KINDS = new Map<string, 'room' | 'user' | 'org'>([
  ['room', 'room'],
  ['user', 'user'],
  ['member', 'user'],
  ['org', 'org'],
])

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return tsFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** SSE kinds of the targets in a fan-out `send` call's third argument: `room(…)`, `user(id)`, `member(…)`, `.map(user)`. */
function targetKinds(node: ts.Node | undefined) {
  const kinds = new Set<'room' | 'user' | 'org'>()
  const visit = (child: ts.Node) => {
    if (ts.isIdentifier(child) && TARGET_KINDS.has(child.text)) {
      const parent = child.parent
      const called = ts.isCallExpression(parent) && parent.expression === child
      const mapped = ts.isCallExpression(parent) && parent.arguments.includes(child)
      if (called || mapped) kinds.add(TARGET_KINDS.get(child.text)!)
    }
    ts.forEachChild(child, visit)
  }
  if (node) visit(node)
  return kinds
}

function scanFile(root: string, file: string, fanout: boolean, found: EmittedEvent[]) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.arguments.length) {
      const [first] = node.arguments
      const callee = node.expression
      const name = ts.isStringLiteral(first) ? first.text : undefined
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1
      const at = `${relative(root, file)}:${line}`
      if (name && !name.includes(':')) {
        if (fanout && ts.isIdentifier(callee) && callee.text === 'send') {
          found.push({ name, via: 'fanout', at, targets: targetKinds(node.arguments[2]) })
        } else if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'emit') {
          found.push({ name, via: 'emit', at, targets: new Set() })
        }
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
}

/** Every client event sent by the fan-out table and any `.emit` in app/ and plugins/ (tests aside). */
export function emittedClientEvents(root: string): EmittedEvent[] {
  const found: EmittedEvent[] = []
  const fanoutFile = join(root, 'app/listeners/realtime_fanout_listener.ts')
  const files = [...tsFiles(join(root, 'app')), ...tsFiles(join(root, 'plugins'))]
  for (const file of files.filter((path) => !path.includes('/tests/'))) {
    scanFile(root, file, file === fanoutFile, found)
  }
  return found
}
