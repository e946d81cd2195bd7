/**
 * The route reference of docs/api.md, written from the OpenAPI document (itself generated from
 * the route contract table). `npm run docs:api` (scripts/docs-api.ts) keeps what stands above
 * GENERATED_MARKER — the conventions, written by hand — and rewrites everything below it; a
 * unit test fails when the checked-in file is not what the table gives.
 */
import type { OpenApiDocument } from './document';

export const GENERATED_MARKER =
  '<!-- Everything below is generated from shared/src/contracts/routes.ts by `npm run docs:api`; edit the table, not this file. -->';

type Json = Record<string, unknown>;

/** A JSON Schema as a TypeScript-like type, $refs expanded: what a reader of docs/api.md needs
 * to write a client without opening the schemas. */
export function typeText(schema: Json | undefined, doc: OpenApiDocument, indent = ''): string {
  if (!schema) return 'unknown';
  if (typeof schema.$ref === 'string') return typeText(doc.components.schemas[schema.$ref.split('/').pop() as string], doc, indent);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in schema) return JSON.stringify(schema.const);
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) return (schema[key] as Json[]).map((s) => typeText(s, doc, indent)).join(' | ');
  }
  if (schema.type === 'array') {
    const item = typeText(schema.items as Json, doc, indent);
    return item.includes(' | ') && !item.startsWith('{') ? `(${item})[]` : `${item}[]`;
  }
  if (schema.type === 'object' && schema.properties) {
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const inner = `${indent}  `;
    const lines = Object.entries(schema.properties as Record<string, Json>).map(([name, s]) => {
      const comment = s.description ? `${inner}/** ${String(s.description)} */\n` : '';
      return `${comment}${inner}${name}${required.has(name) ? '' : '?'}: ${typeText(s, doc, inner)};`;
    });
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
  if (schema.type === 'object') return 'object';
  const type = Array.isArray(schema.type)
    ? schema.type.map((t) => (t === 'integer' ? 'number' : t)).join(' | ')
    : schema.type === 'integer'
      ? 'number'
      : String(schema.type ?? 'unknown');
  return schema.format ? `${type} /* ${String(schema.format)} */` : type;
}

const ACCESS: Record<string, string> = {
  public: 'no session',
  session: 'a session',
  operator: 'a session with the operator role',
  authority: 'a session with the authority role (a district)',
  'community-worker': 'a session with the community-worker role for a grid covering the one named (or admin)',
  handler: "a session with the community-worker role (the person's grid) or the authority role (the mark's district), or admin",
  admin: 'a session with the admin role',
  feed: 'the provincial feed signature (no session)',
};

const codeBlock = (text: string) => ['```ts', text, '```'];

function operationMarkdown(method: string, path: string, op: Json, doc: OpenApiDocument): string[] {
  const out = [
    `### \`${method.toUpperCase()} ${path}\``,
    '',
    `${String(op.summary)}. Needs ${ACCESS[String(op['x-access'])]}${op['x-dev-only'] ? '; dev mode only' : ''}.`,
  ];
  if (op.description) out.push('', String(op.description));
  const params = op.parameters as Json[];
  if (params.length) {
    out.push(
      '',
      ...params.map(
        (p) =>
          `- ${String(p.in)} \`${String(p.name)}\`${p.required ? '' : ' (optional)'}: ${typeText(p.schema as Json, doc)}${p.description ? ` — ${String(p.description)}` : ''}`,
      ),
    );
  }
  const body = op.requestBody as { required: boolean; description?: string; content: Record<string, { schema: Json }> } | undefined;
  if (body) {
    for (const [media, c] of Object.entries(body.content)) {
      out.push(
        '',
        `Body (\`${media}\`${body.required ? '' : ', optional'})${body.description ? `: ${body.description}` : ''}:`,
        '',
        ...codeBlock(typeText(c.schema, doc)),
      );
    }
  }
  out.push('', 'Answers:', '');
  const errors: string[] = [];
  for (const [status, r] of Object.entries(op.responses as Record<string, Json>)) {
    if (r['x-error-codes']) {
      errors.push(`${status} ${(r['x-error-codes'] as string[]).map((c) => `\`${c}\``).join(', ')}`);
      continue;
    }
    const content = r.content as Record<string, { schema: Json }> | undefined;
    const [media, c] = content ? Object.entries(content)[0] : [undefined, undefined];
    if (media === 'application/json' && c) out.push(`- **${status}** ${String(r.description)}:`, '', ...codeBlock(typeText(c.schema, doc)), '');
    else out.push(`- **${status}** ${String(r.description)}${media ? ` (\`${media}\`)` : ''}`);
  }
  if (out[out.length - 1] !== '') out.push('');
  out.push(`- errors: ${errors.join('; ')}`);
  return [...out, ''];
}

/** Everything below the marker: the routes by section, then every error code and where. */
export function routeReference(doc: OpenApiDocument): string {
  const sections = new Map<string, string[]>();
  const codes = new Map<string, Set<string>>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags as string[])[0];
      (sections.get(tag) ?? sections.set(tag, []).get(tag)!).push(...operationMarkdown(method, path, op, doc));
      for (const [status, r] of Object.entries(op.responses as Record<string, Json>)) {
        for (const code of (r['x-error-codes'] as string[] | undefined) ?? []) (codes.get(code) ?? codes.set(code, new Set()).get(code)!).add(status);
      }
    }
  }
  const out = ['', 'Routes by section; `{param}` is a path parameter.', ''];
  for (const tag of doc.tags) {
    const lines = sections.get(tag.name);
    if (lines) out.push(`## ${tag.name}`, '', ...lines);
  }
  out.push('## Error codes and their statuses', '', '| code | status |', '|---|---|');
  for (const [code, statuses] of [...codes].sort(([a], [b]) => a.localeCompare(b))) out.push(`| \`${code}\` | ${[...statuses].sort().join(', ')} |`);
  return `${out.join('\n')}\n`;
}

/** docs/api.md: the hand-written head as it stands, the reference regenerated below it. */
export function withRouteReference(current: string, doc: OpenApiDocument): string {
  const at = current.indexOf(GENERATED_MARKER);
  if (at < 0) throw new Error(`docs/api.md has lost its marker line: ${GENERATED_MARKER}`);
  return current.slice(0, at + GENERATED_MARKER.length) + '\n' + routeReference(doc);
}
