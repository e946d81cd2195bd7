/**
 * The machinery behind config.ts: each configuration key is declared once — its environment
 * name, its zod parser (with its default), its meaning for the docs — at the place in the
 * nested tree where its value lands in `Config`. From that one tree come the flat environment
 * schema, the nested config object and its type, and the table in docs/configuration.md.
 */
import { z } from 'zod';

/** One environment variable, parsed by `schema`, landing where it sits in the tree. */
export class Setting<S extends z.ZodType = z.ZodType> {
  constructor(
    readonly env: string,
    readonly schema: S,
    /** What it means, for docs/configuration.md (markdown, one line). */
    readonly doc: string,
    /** The docs' default column when the schema's default would not say it (computed defaults). */
    readonly shownDefault?: string,
  ) {}
}

/** Keys that configure one optional thing together (a provider's credentials): the group is
 * present, with every key defined, when each of its keys without a default is set; otherwise
 * it is `undefined`. Rules that require it say so in config.ts. */
export class Optional<T extends Tree = Tree> {
  constructor(readonly keys: T) {}
}

export interface Tree {
  readonly [name: string]: Setting | Optional | Tree;
}

/** The value a tree parses to. */
export type Out<T> =
  T extends Setting<infer S>
    ? z.output<S>
    : T extends Optional<infer G>
      ? { -readonly [K in keyof G]-?: NonNullable<Out<G[K]>> } | undefined
      : { -readonly [K in keyof T]: Out<T[K]> };

export const setting = <S extends z.ZodType>(env: string, schema: S, doc: string, shownDefault?: string) => new Setting(env, schema, doc, shownDefault);
export const optional = <T extends Tree>(keys: T) => new Optional(keys);

/** Every setting of the tree, in declaration order. */
export function settingsOf(tree: Tree | Optional): Setting[] {
  const node = tree instanceof Optional ? tree.keys : tree;
  return Object.values(node).flatMap((child) => (child instanceof Setting ? [child] : settingsOf(child)));
}

/** The flat schema of the environment: one entry per key. Throws on a name declared twice. */
export function envSchemaOf(tree: Tree) {
  const shape: Record<string, z.ZodType> = {};
  for (const s of settingsOf(tree)) {
    if (shape[s.env]) throw new Error(`configuration key ${s.env} is declared twice`);
    shape[s.env] = s.schema;
  }
  return z.object(shape);
}

/** Places the parsed flat values where the tree says. */
export function build<T extends Tree>(tree: T, values: Readonly<Record<string, unknown>>): Out<T> {
  const place = (node: Tree): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(node).map(([name, child]) => {
        if (child instanceof Setting) return [name, values[child.env]];
        if (child instanceof Optional) {
          const complete = settingsOf(child).every((s) => values[s.env] !== undefined);
          return [name, complete ? place(child.keys) : undefined];
        }
        return [name, place(child)];
      }),
    );
  return place(tree) as Out<T>;
}

/** The docs' default column: the schema's own default (looking through transforms), "—" for
 * an optional key, **required** otherwise. */
export function shownDefault(s: Setting): string {
  if (s.shownDefault !== undefined) return s.shownDefault;
  let schema: z.ZodType = s.schema;
  for (;;) {
    if (schema instanceof z.ZodPipe) schema = schema.in as z.ZodType;
    else if (schema instanceof z.ZodDefault) {
      const value: unknown = schema.def.defaultValue;
      if (typeof value === 'boolean') return value ? '`1`' : '`0`';
      return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
    } else if (schema instanceof z.ZodOptional) return '—';
    else return '**required**';
  }
}

/** The markdown table docs/configuration.md holds between its markers. */
export function docTable(tree: Tree): string {
  const rows = settingsOf(tree).map((s) => `| \`${s.env}\` | ${shownDefault(s)} | ${s.doc} |`);
  return ['| key | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
