/**
 * A readable API reference rendered on the server from the OpenAPI document: plain HTML with a same-origin
 * stylesheet, no scripts and nothing from a CDN, so it works offline under the strict CSP.
 */

interface Operation {
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly 'x-access'?: string;
  readonly parameters?: readonly { readonly name: string; readonly in: string; readonly required?: boolean }[];
  readonly requestBody?: { readonly content?: Record<string, unknown> };
  readonly responses?: Record<string, { readonly description?: string }>;
}

/** The part of an OpenAPI document the page shows. */
export interface OpenApiLike {
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly paths?: Record<string, Record<string, Operation | undefined> | undefined>;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Renders the reference page. */
export function renderDocsPage(doc: OpenApiLike): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (op === undefined) continue;
      const tag = op.tags?.[0] ?? 'other';
      const params = (op.parameters ?? [])
        .map((p) => `<code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)}${p.required === true ? ', required' : ''})`)
        .join(', ');
      const body = op.requestBody?.content === undefined ? '' : Object.keys(op.requestBody.content).map(escapeHtml).join(', ');
      const statuses = Object.entries(op.responses ?? {})
        .map(([code, r]) => `<code>${escapeHtml(code)}</code> ${escapeHtml(r.description ?? '')}`)
        .join('; ');
      const html = `<section class="op"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary ?? '')}</p>
<dl><dt>Access</dt><dd>${escapeHtml(op['x-access'] ?? 'see document')}</dd>${params === '' ? '' : `<dt>Parameters</dt><dd>${params}</dd>`}${body === '' ? '' : `<dt>Body</dt><dd>${body}</dd>`}<dt>Responses</dt><dd>${statuses}</dd></dl></section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const nav = [...byTag.keys()].map((t) => `<li><a href="#${escapeHtml(t)}">${escapeHtml(t)}</a></li>`).join('');
  const sections = [...byTag.entries()]
    .map(([t, ops]) => `<h2 id="${escapeHtml(t)}">${escapeHtml(t)}</h2>${ops.join('\n')}`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} — API reference</title><link rel="stylesheet" href="/api/docs.css"></head>
<body><header><h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description ?? '')}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<nav><ul>${nav}</ul></nav></header><main>${sections}</main></body></html>`;
}

/** The page's stylesheet (served from /api/docs.css so no inline style is needed). */
export const DOCS_CSS = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}
code{font:13px ui-monospace,monospace;background:#f2f2f2;padding:0 .2em}h2{border-bottom:1px solid #ccc;margin-top:2rem}
.op{border:1px solid #ddd;border-radius:4px;padding:.5rem 1rem;margin:.75rem 0}.op h3{margin:.25rem 0;font-size:1rem}
.m{display:inline-block;min-width:4.5em;font-weight:700}.get{color:#075e07}.post{color:#0b4f9c}.put,.patch{color:#7a4b00}.delete{color:#9c0b0b}
dl{display:grid;grid-template-columns:8rem 1fr;gap:.25rem .75rem;margin:.25rem 0}dt{font-weight:600}dd{margin:0}
nav ul{display:flex;flex-wrap:wrap;gap:.5rem 1rem;list-style:none;padding:0}a{color:#0b4f9c}a:focus{outline:2px solid #0b4f9c}`;
