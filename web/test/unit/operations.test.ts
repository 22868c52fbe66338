// Every GraphQL document the app sends is valid against the checked-in schema
// (schema/schema.graphql, printed from the API's code): a renamed field or a changed
// argument fails here, not on a visitor's page. Operations live in src/lib/server/queries/
// (defineOperation); live subscriptions are string literals in components and lib/live.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const schema = buildSchema(readFileSync(join(root, '../schema/schema.graphql'), 'utf8'));

const modules = import.meta.glob('../../src/lib/server/queries/*.ts', { eager: true });
const operations = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports as Record<string, unknown>)
    .filter(
      (entry): entry is [string, { name: string; document: string }] =>
        typeof entry[1] === 'object' && entry[1] !== null && 'document' in entry[1] && 'name' in entry[1],
    )
    .map(([exported, operation]) => ({ where: `${file} ${exported}`, document: operation.document })),
);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : /\.(svelte|ts)$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}
// Quoted or backtick literals that start like a subscription document (no interpolation).
const subscriptions = sources(join(root, 'src')).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/(['`])(subscription\s+[A-Za-z_]\w*[^'`$]*)\1/g)].map((match) => ({
    where: file.slice(root.length),
    document: match[2]!,
  })),
);

describe('the app’s GraphQL documents', () => {
  it('finds the operations it checks', () => {
    expect(operations.length).toBeGreaterThan(5);
    expect(subscriptions.length).toBeGreaterThan(0);
  });

  it.each([...operations, ...subscriptions].map((o) => [o.where, o.document] as const))(
    '%s is valid against schema/schema.graphql',
    (_where, document) => {
      expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
    },
  );
});
