import { createHash } from 'node:crypto'
import type { AsyncApiDocument } from './asyncapi.js'

/*
 * The pages of /docs, served by this server with no external resource:
 * - GET /docs: Swagger UI (npm swagger-ui-dist, served from /docs/assets/)
 *   on /openapi.json, with Authorize and "Try it out";
 * - GET /docs/realtime: the Socket.IO and SSE reference rendered on the
 *   server from /asyncapi.json, as one self-contained HTML page (inline CSS
 *   allowed by hash, no script).
 */

type Json = Record<string, any>

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** Inline `code` spans and line breaks of the documents' Markdown-ish text. */
const prose = (text: string) =>
  escape(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
    .replace(/\n\n/g, '</p><p>')

/** The Swagger UI page; its script (DOCS_SCRIPT) is served as /docs/assets/docs.js. */
export const DOCS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Parley API reference</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="stylesheet" href="/docs/assets/docs.css"></head>
<body><nav class="parley-docs-nav"><b>Parley</b> <a href="/docs">REST</a>
<a href="/docs/realtime">Socket.IO and SSE</a> <a href="/openapi.json">openapi.json</a>
<a href="/asyncapi.json">asyncapi.json</a></nav>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/docs.js"></script></body></html>`

/**
 * Starts Swagger UI on this server's document. `validatorUrl: null` keeps it
 * from calling swagger.io; authorization persists across reloads.
 */
export const DOCS_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  displayOperationId: true,
  persistAuthorization: true,
  tryItOutEnabled: true,
  validatorUrl: null,
})
`

/** The navigation bar above Swagger UI. */
export const DOCS_STYLE = `.parley-docs-nav{font:15px system-ui,sans-serif;padding:.6rem 1.2rem;
background:#1d2330;color:#fff}.parley-docs-nav a{color:#cfe0ff;margin-left:1rem}`

/**
 * The Swagger UI page's Content-Security-Policy: scripts and styles from
 * this server only (Swagger UI sets element styles, hence style-src
 * 'unsafe-inline'), requests to this server only, nothing framed.
 */
export const DOCS_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const style = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
main{max-width:960px;margin:auto;padding:1rem}nav a{margin-right:.8rem}
.ev{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:.6rem 1rem;margin:.7rem 0}
.dir{display:inline-block;min-width:4.2rem;font-size:.8rem;color:#fff;border-radius:4px;
text-align:center;padding:.1rem .3rem;background:#2563eb}.out{background:#16a34a}
pre,code{font:13px ui-monospace,monospace}pre{background:#f1f3f6;padding:.5rem;overflow:auto;max-height:18rem}
h3{font-size:1rem;margin:.2rem 0}.label{margin:.3rem 0 0;font-weight:600}`

/**
 * The realtime page's Content-Security-Policy: nothing may load or run
 * except its own inline stylesheet, allowed by hash.
 */
export const REFERENCE_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** A schema as JSON, `$ref`s shown by component name. */
function schemaText(schema: unknown) {
  const json = JSON.stringify(schema, null, 2) ?? ''
  return json.replace(/\{\s*"\$ref": "#\/components\/schemas\/(\w+)"\s*\}/g, '$1')
}

const block = (label: string, value: unknown) =>
  `<p class="label">${label}</p><pre>${escape(typeof value === 'string' ? value : JSON.stringify(value, null, 2))}</pre>`

function eventHtml(document: Json, name: string, operation: Json) {
  const message = document.components.messages[name]
  const incoming = operation.action === 'receive'
  const direction = incoming
    ? '<span class="dir">client →</span>'
    : '<span class="dir out">→ client</span>'
  let html = `<section class="ev" id="${escape(name)}"><h3>${direction} <code>${escape(name)}</code></h3>
<p>${prose(message.summary ?? '')}</p><p>${prose(operation.description ?? message.description ?? '')}</p>`
  html += block('payload', schemaText(message.payload))
  html += block('example', message.examples?.[0]?.payload)
  if (incoming) {
    const ack = document.components.messages[`${name}.ack`]
    html += block('ack', schemaText(ack.payload))
    html += block('ack example', ack.examples?.[0]?.payload)
  }
  return `${html}</section>`
}

function sseHtml(document: Json) {
  return Object.entries(document.channels as Json)
    .filter(([id]) => id.startsWith('sse'))
    .map(([, channel]) => {
      const events = Object.keys(channel.messages)
        .map((name) => `<code>${escape(name.replace(/^sse\./, ''))}</code>`)
        .join(', ')
      return `<section class="ev"><h3><code>${escape(channel.address)}</code></h3>
<p>${prose(channel.description)}</p><p>Events: ${events}</p></section>`
    })
    .join('')
}

/** The Socket.IO and SSE reference page for an AsyncAPI document. */
export function realtimePage(asyncApi: AsyncApiDocument) {
  const document = asyncApi as unknown as Json
  const operations = Object.entries(document.operations as Json).filter(
    ([, operation]) => operation.channel.$ref === '#/channels/socket'
  )
  const section = (action: string) =>
    operations
      .filter(([, operation]) => operation.action === action)
      .map(([name, operation]) => eventHtml(document, name, operation))
      .join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(document.info.title)}</title><style>${style}</style></head>
<body><main><h1>${escape(document.info.title)} <small>${escape(document.info.version)}</small></h1>
<nav><a href="/docs">REST reference</a><a href="#client">client → server</a>
<a href="#server">server → client</a><a href="#sse">SSE</a><a href="/asyncapi.json">asyncapi.json</a></nav>
<p>${prose(document.info.description)}</p>
<h2>Handshake</h2><p>${prose(document.servers.socketio.description)}</p>
<h2 id="client">Client → server</h2>${section('receive')}
<h2 id="server">Server → client</h2>${section('send')}
<h2 id="sse">SSE channels</h2><p>${prose(document.servers.sse.description)}</p>${sseHtml(document)}
</main></body></html>`
}
