// Every GraphQL document this app sends: the typed operations of lib/server/queries/ (sent by
// the app's server) and the `subscription …` literals its pages open in the browser. Read by
// scripts/trusted-documents.ts (the allow-list built with the app) and by the unit test that
// validates them against schema/schema.graphql. Not imported by any page.
import type { Operation } from './graphql';

const modules = import.meta.glob('./queries/*.ts', { eager: true });
const sources = import.meta.glob(['../../**/*.svelte', '../../**/*.ts', '!**/server/documents.ts'], {
  eager: true,
  query: '?raw',
  import: 'default',
});

export interface AppDocument {
  /** Where it is written, for messages. */
  where: string;
  document: string;
}

function isOperation(value: unknown): value is Operation<unknown> {
  return typeof value === 'object' && value !== null && 'document' in value && 'name' in value;
}

/** Quoted or backtick literals that start like a subscription document (no interpolation). */
const SUBSCRIPTION_LITERAL = /(['`])(subscription\s+[A-Za-z_]\w*[^'`$]*)\1/g;

export function appDocuments(): AppDocument[] {
  const operations = Object.entries(modules).flatMap(([file, exports]) =>
    Object.entries(exports as Record<string, unknown>)
      .filter((entry): entry is [string, Operation<unknown>] => isOperation(entry[1]))
      .map(([name, operation]) => ({ where: `${file} ${name}`, document: operation.document })),
  );
  const subscriptions = Object.entries(sources).flatMap(([file, text]) =>
    [...String(text).matchAll(SUBSCRIPTION_LITERAL)].map((match) => ({ where: file, document: match[2]! })),
  );
  return [...operations, ...subscriptions];
}
