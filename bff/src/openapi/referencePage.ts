/**
 * `GET /api/docs`: the OpenAPI document as one self-contained HTML page, rendered here from
 * the document itself. No script, no CDN, no font or style from the network: it must open
 * inside a network that reaches only this BFF, and a script-free page needs no CSP exception.
 */
import type { OpenApiDocument } from './document';

type Json = Record<string, unknown>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The little markdown the contract's prose uses: `code`. */
const prose = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const anchor = (name: string) => `schema-${name}`;

/** A schema in one line or a short nested list: types, enums, $refs as links. */
function typeOf(schema: Json | undefined): string {
  if (!schema) return 'any';
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() as string;
    return `<a href="#${anchor(name)}">${escapeHtml(name)}</a>`;
  }
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(' | ');
  if ('const' in schema) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`;
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) return (schema[key] as Json[]).map(typeOf).join(' | ');
  }
  if (schema.type === 'array') return `${typeOf(schema.items as Json)}[]`;
  if (schema.type === 'object' && schema.properties) return fields(schema);
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
  const format = schema.format ? ` (${escapeHtml(String(schema.format))})` : '';
  return `${escapeHtml(type)}${format}`;
}

function fields(schema: Json): string {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = Object.entries(schema.properties as Record<string, Json>).map(
    ([name, s]) =>
      `<li><code>${escapeHtml(name)}${required.has(name) ? '' : '?'}</code>: ${typeOf(s)}${s.description ? ` — ${prose(String(s.description))}` : ''}</li>`,
  );
  return `object<ul>${rows.join('')}</ul>`;
}

function operationHtml(method: string, path: string, op: Json): string {
  const params = (op.parameters as Json[]).map(
    (p) =>
      `<li><code>${escapeHtml(String(p.name))}</code> (${escapeHtml(String(p.in))}): ${typeOf(p.schema as Json)}${p.description ? ` — ${prose(String(p.description))}` : ''}</li>`,
  );
  const body = op.requestBody as { content: Record<string, { schema: Json }> } | undefined;
  const bodyHtml = body
    ? Object.entries(body.content)
        .map(([media, c]) => `<p><b>Body</b> <code>${escapeHtml(media)}</code>: ${typeOf(c.schema)}</p>`)
        .join('')
    : '';
  const responses = Object.entries(op.responses as Record<string, Json>).map(([status, r]) => {
    const content = r.content as Record<string, { schema: Json }> | undefined;
    const shape =
      content && !r['x-error-codes']
        ? Object.entries(content)
            .map(([media, c]) => ` <code>${escapeHtml(media)}</code> ${typeOf(c.schema)}`)
            .join('')
        : '';
    return `<li><b>${status}</b> ${prose(String(r.description))}${shape}</li>`;
  });
  const id = String(op.operationId);
  return [
    `<section class="op" id="${escapeHtml(id)}">`,
    `<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>`,
    `<p>${prose(String(op.summary))} <span class="access">${escapeHtml(String(op['x-access']))}${op['x-dev-only'] ? ', dev only' : ''}</span></p>`,
    op.description ? `<p>${prose(String(op.description))}</p>` : '',
    params.length ? `<p><b>Parameters</b></p><ul>${params.join('')}</ul>` : '',
    bodyHtml,
    `<p><b>Answers</b></p><ul>${responses.join('')}</ul>`,
    '</section>',
  ].join('\n');
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2129}
code{font:13px ui-monospace,monospace;background:#f2f3f5;padding:0 .2em;border-radius:3px}
.op{border-top:1px solid #e5e6eb;padding:.5rem 0}.access{color:#86909c;font-size:13px}
.m{font:bold 12px ui-monospace,monospace;padding:.1em .4em;border-radius:3px;color:#fff;background:#4e5969}
.get{background:#165dff}.post{background:#00b42a}.put,.patch{background:#ff7d00}.delete{background:#f53f3f}
ul{margin:.2rem 0}nav li{list-style:none}`;

export function renderReferencePage(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  const toc = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = (op.tags as string[])[0];
      (byTag.get(tag) ?? byTag.set(tag, []).get(tag)!).push(operationHtml(method, path, op));
      (toc.get(tag) ?? toc.set(tag, []).get(tag)!).push(
        `<li><a href="#${escapeHtml(String(op.operationId))}">${method.toUpperCase()} ${escapeHtml(path)}</a></li>`,
      );
    }
  }
  const sections = doc.tags
    .filter((t) => byTag.has(t.name))
    .map((t) => `<h2 id="${escapeHtml(t.name)}">${escapeHtml(t.name)}</h2>\n${byTag.get(t.name)!.join('\n')}`);
  const nav = doc.tags.filter((t) => toc.has(t.name)).map((t) => `<li><b>${escapeHtml(t.name)}</b><ul>${toc.get(t.name)!.join('')}</ul></li>`);
  const schemas = Object.entries(doc.components.schemas).map(
    ([name, s]) => `<section id="${anchor(name)}"><h3><code>${escapeHtml(name)}</code></h3><p>${typeOf(s as Json)}</p></section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(doc.info.title)} — API reference</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(doc.info.title)} <small>API ${escapeHtml(doc.info.version)}</small></h1>
${doc.info.description
  .split('\n\n')
  .map((p) => `<p>${prose(p)}</p>`)
  .join('\n')}
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<nav><ul>${nav.join('')}</ul></nav>
${sections.join('\n')}
<h2 id="schemas">Schemas</h2>
${schemas.join('\n')}
</body></html>
`;
}
