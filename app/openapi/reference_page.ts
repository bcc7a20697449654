import { createHash } from 'node:crypto'
import type { OpenApiDocument } from './document.js'

/*
 * GET /docs: the API reference rendered on the server from the OpenAPI
 * document, as one self-contained HTML page (inline CSS, no script, no CDN),
 * so it works offline under a strict CSP (REFERENCE_PAGE_CSP).
 */

type Json = Record<string, unknown>

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** A schema as compact JSON, `$ref`s shown by name. */
function schemaText(schema: unknown) {
  const json = JSON.stringify(schema, null, 2) ?? ''
  return json.replace(/\{\s*"\$ref": "#\/components\/schemas\/(\w+)"\s*\}/g, '$1')
}

function parameters(operation: Json) {
  const list = (operation.parameters as Json[] | undefined) ?? []
  if (!list.length) return ''
  const rows = list
    .map((p) => `<tr><td><code>${escape(String(p.name))}</code></td><td>${p.in}</td></tr>`)
    .join('')
  return `<table><thead><tr><th>parameter</th><th>in</th></tr></thead>${rows}</table>`
}

function body(operation: Json) {
  const content = (operation.requestBody as Json | undefined)?.content as Json | undefined
  if (!content) return ''
  return Object.entries(content)
    .map(([type, value]) => {
      const schema = schemaText((value as Json).schema)
      return `<p class="label">body <code>${type}</code></p><pre>${escape(schema)}</pre>`
    })
    .join('')
}

function responses(operation: Json) {
  const items = Object.entries(operation.responses as Json).map(([status, value]) => {
    const response = value as Json
    const content = response.content as Json | undefined
    const schema = content ? Object.values(content)[0] : undefined
    const shape = schema ? ` <code>${escape(schemaText((schema as Json).schema))}</code>` : ''
    return `<li><b>${status}</b> ${escape(String(response.description))}${shape}</li>`
  })
  return `<ul class="responses">${items.join('')}</ul>`
}

function operationHtml(path: string, method: string, operation: Json) {
  const auth = (operation.security as unknown[]).length ? '' : ' <span class="open">no token</span>'
  return `<section class="op" id="${method}-${escape(path)}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code>${auth}</h3>
<p>${escape(String(operation.summary))}</p>${parameters(operation)}${body(operation)}${responses(operation)}
</section>`
}

function byTag(document: OpenApiDocument) {
  const groups = new Map<string, string[]>()
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods as Record<string, Json>)) {
      const tag = (operation.tags as string[])[0]
      groups.set(tag, [...(groups.get(tag) ?? []), operationHtml(path, method, operation)])
    }
  }
  return groups
}

const style = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
main{max-width:960px;margin:auto;padding:1rem}nav a{margin-right:.8rem}
.op{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:.6rem 1rem;margin:.7rem 0}
.method{display:inline-block;min-width:4.2rem;font-size:.8rem;color:#fff;border-radius:4px;
text-align:center;padding:.1rem .3rem;background:#4b5563}.get{background:#2563eb}
.post{background:#16a34a}.put,.patch{background:#b45309}.delete{background:#dc2626}
pre,code{font:13px ui-monospace,monospace}pre{background:#f1f3f6;padding:.5rem;overflow:auto}
.open{font-size:.75rem;color:#6b7280}h3{font-size:1rem;margin:.2rem 0}.label{margin:.3rem 0 0}
.responses code{white-space:pre-wrap;display:block;max-height:12rem;overflow:auto}`

/**
 * The page's Content-Security-Policy: nothing may load or run except its own
 * inline stylesheet, allowed by hash (so no other inline style or script).
 */
export const REFERENCE_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** The reference page for a document. */
export function referencePage(document: OpenApiDocument) {
  const groups = byTag(document)
  const nav = [...groups.keys()].map((tag) => `<a href="#${tag}">${tag}</a>`).join('')
  const sections = [...groups]
    .map(([tag, ops]) => `<h2 id="${tag}">${tag}</h2>${ops.join('')}`)
    .join('')
  const schemas = Object.entries(document.components.schemas)
    .map(
      ([name, schema]) =>
        `<h3 id="schema-${name}">${name}</h3><pre>${escape(schemaText(schema))}</pre>`
    )
    .join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(document.info.title)} reference</title><style>${style}</style></head>
<body><main><h1>${escape(document.info.title)} <small>${escape(document.info.version)}</small></h1>
<p>${escape(document.info.description)}</p><p><a href="/openapi.json">openapi.json</a></p>
<nav>${nav}<a href="#schemas">schemas</a></nav>${sections}<h2 id="schemas">schemas</h2>${schemas}
</main></body></html>`
}
