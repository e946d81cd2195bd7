/**
 * The OpenAPI 3.1 document of the BFF, generated from the route contract table and its zod
 * schemas (decision 0014) with zod's own `z.toJSONSchema`: no second description to keep in
 * step. Request bodies are described as the client sends them (zod "input": before trims and
 * transforms), answers as the BFF writes them ("output"). Refinements zod cannot express in
 * JSON Schema (the ID-number check digit, control characters) are named in the prose.
 */
import { z } from 'zod';
import * as authContracts from '@yima/shared/contracts/auth';
import * as checkinContracts from '@yima/shared/contracts/checkin';
import * as dependentContracts from '@yima/shared/contracts/dependents';
import * as gridContracts from '@yima/shared/contracts/grids';
import * as identityContracts from '@yima/shared/contracts/identity';
import * as mergeContracts from '@yima/shared/contracts/merge';
import * as responseContracts from '@yima/shared/contracts/responses/index';
import { errorsOf, TAGS, type RouteContract } from '@yima/shared/contracts/routeTypes';
import * as venueContracts from '@yima/shared/contracts/venues';

/** The version of the HTTP contract (not of the package): bumped on a breaking change. */
export const API_VERSION = '1.0.0';

type JsonSchema = Record<string, unknown>;
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

const REF = (name: string) => `#/components/schemas/${name}`;
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

const PRIMITIVE = new Set(['string', 'number', 'boolean']);

/** Every exported zod schema of some modules, by its PascalCase export name. */
function namedSchemas(...modules: Record<string, unknown>[]): Map<z.ZodType, string> {
  const names = new Map<z.ZodType, string>();
  for (const mod of modules) {
    for (const [name, value] of Object.entries(mod)) {
      // Plain strings and numbers (times, ids, counts) read better inline than as a $ref.
      if (!(value instanceof z.ZodType) || names.has(value) || PRIMITIVE.has(value.def.type)) continue;
      names.set(value, pascal(name));
    }
  }
  return names;
}

/** zod's output for one registry, as OpenAPI components (no per-schema $schema/$id), with the
 * long date-time patterns dropped: `format` says it, and the page stays readable. */
function components(names: Map<z.ZodType, string>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of names) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: REF }) as { schemas: Record<string, JsonSchema> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return tidy(schemas) as Record<string, JsonSchema>;
}

function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = tidy(v);
  if (out.format === 'date-time' || out.format === 'date') delete out.pattern;
  return out;
}

/** A schema as a `$ref` when it is a named component, else inline. */
function schemaOf(schema: z.ZodType, names: Map<z.ZodType, string>, io: 'input' | 'output'): JsonSchema {
  const name = names.get(schema);
  if (name) return { $ref: REF(name) };
  const inline = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete inline.$schema;
  return tidy(inline) as JsonSchema;
}

const SECURITY: Record<RouteContract['access'], Record<string, string[]>[]> = {
  public: [],
  session: [{ bearer: [] }],
  operator: [{ bearer: [] }],
  authority: [{ bearer: [] }],
  'community-worker': [{ bearer: [] }],
  handler: [{ bearer: [] }],
  admin: [{ bearer: [] }],
  feed: [{ feedSignature: [] }],
};

const operationId = (route: RouteContract) =>
  route.method.toLowerCase() +
  route.path
    .replace(/^\/api/, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((part) => pascal(part.replace(/^:/, 'by-')).replace(/-(\w)/g, (_, c: string) => c.toUpperCase()))
    .join('');

function operation(route: RouteContract, requests: Map<z.ZodType, string>, responses: Map<z.ZodType, string>): JsonSchema {
  const parameters: JsonSchema[] = [];
  for (const name of route.path.match(/:(\w+)/g) ?? []) {
    const param = name.slice(1);
    parameters.push({ name: param, in: 'path', required: true, schema: { type: 'string' }, description: route.params?.[param] ?? '' });
  }
  if (route.query) {
    // Inline even when the query is a named schema: its properties become the parameters.
    const query = schemaOf(route.query, new Map(), 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema, description: (schema.description as string) ?? '' });
    }
  }
  for (const [name, description] of Object.entries(route.headers ?? {}))
    parameters.push({ name, in: 'header', required: true, schema: { type: 'string' }, description });

  const answers: Record<string, JsonSchema> = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    const media = answer.mediaType ?? 'application/json';
    const content = answer.schema
      ? { [media]: { schema: schemaOf(answer.schema, responses, 'output') } }
      : status === '204'
        ? undefined
        : { [media]: { schema: media.startsWith('image/png') ? { type: 'string', contentMediaType: media, contentEncoding: 'binary' } : { type: 'string' } } };
    answers[status] = content ? { description: answer.description, content } : { description: answer.description };
  }
  for (const [status, codes] of Object.entries(errorsOf(route))) {
    if (answers[status]) continue;
    answers[status] = {
      description: codes.map((c) => `\`${c}\``).join(', '),
      'x-error-codes': codes,
      content: { 'application/json': { schema: { $ref: REF('ErrorBody') } } },
    };
  }

  const op: JsonSchema = {
    operationId: operationId(route),
    summary: route.summary,
    tags: [TAGS[route.tag]],
    security: SECURITY[route.access],
    'x-access': route.access,
    parameters,
    responses: answers,
  };
  if (route.description) op.description = route.description;
  if (route.devOnly) op['x-dev-only'] = true;
  if (route.body) {
    const media = route.body.mediaType ?? 'application/json';
    op.requestBody = {
      required: route.body.required ?? route.method !== 'DELETE',
      ...(route.body.description ? { description: route.body.description } : {}),
      content: { [media]: { schema: schemaOf(route.body.schema, requests, 'input') } },
    };
  }
  return op;
}

const DESCRIPTION = [
  'The BFF of Yima (一码通行), the city health-code system: the mini-program, staff scanners, the provincial platform, other regions and operators call it.',
  'JSON in and out unless said otherwise. Errors are `{"error":{"code","message"}}` with a stable code; 429s carry `Retry-After` and `error.retryAfterSeconds`.',
  'Names, ID numbers and phones are masked in every answer. See docs/api.md for conventions, limits and the meaning of each code.',
].join('\n\n');

export function buildOpenApiDocument(routes: readonly RouteContract[]): OpenApiDocument {
  const requests = namedSchemas(authContracts, checkinContracts, dependentContracts, gridContracts, identityContracts, mergeContracts, venueContracts);
  const responses = namedSchemas(responseContracts);
  const schemas = { ...components(requests, 'input') };
  for (const [name, schema] of Object.entries(components(responses, 'output'))) {
    if (schemas[name]) throw new Error(`two contract schemas are both named ${name}`);
    schemas[name] = schema;
  }
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route, requests, responses);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Yima (一码通行) BFF', version: API_VERSION, description: DESCRIPTION },
    tags: Object.values(TAGS).map((name) => ({ name, description: name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token of `POST /api/auth/sessions`; roles (operator, authority, community worker, venue staff) are the account’s.',
        },
        feedSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Signature',
          description: 'The provincial feed’s HMAC signature over the request (docs/provincial-feed.md).',
        },
      },
    },
  };
}
