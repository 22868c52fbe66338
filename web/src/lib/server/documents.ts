// Every GraphQL document this app sends: the typed operations of lib/server/queries/ (sent by
// the app's server) and the `subscription …` literals its pages open in the browser. Read by
// scripts/trusted-documents.ts (the allow-list built with the app) and by the unit test that
// validates them against schema/schema.graphql. Not imported by any page.
import type { Operation } from './graphql';

const sources = import.meta.glob(['../../**/*.svelte', '../../**/*.ts', '!**/server/documents.ts'], {
  eager: true,
  query: '?raw',
  import: 'default',
});

// The modules of lib/ that write documents — operations (defineOperation) and document constants
// (marked /* GraphQL */), wherever they are (queries/, comments/, targets/, components/…). Only
// those are loaded: others may need what exists only in the browser or in SvelteKit ($app/*).
const loaders = import.meta.glob(['../**/*.ts', '!../**/*.d.ts', '!./documents.ts']);
const WRITES_DOCUMENTS = /defineOperation|\/\* GraphQL \*\//;
const modules = Object.fromEntries(
  await Promise.all(
    Object.entries(loaders)
      .filter(([file]) => WRITES_DOCUMENTS.test(String(sources[file] ?? '')))
      .map(async ([file, load]) => [file, await load()] as const),
  ),
);

export interface AppDocument {
  /** Where it is written, for messages. */
  where: string;
  document: string;
}

function isOperation(value: unknown): value is Operation<unknown> {
  return typeof value === 'object' && value !== null && 'document' in value && 'name' in value;
}

const DOCUMENT_TEXT = /^\s*(query|mutation|subscription)\b/;

/** Operations, document strings, and document strings one level down in exported objects. */
function documentsIn(name: string, value: unknown): { name: string; document: string }[] {
  if (isOperation(value)) return [{ name, document: value.document }];
  if (typeof value === 'string') return DOCUMENT_TEXT.test(value) ? [{ name, document: value }] : [];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, inner]) =>
      isOperation(inner)
        ? [{ name: `${name}.${key}`, document: inner.document }]
        : typeof inner === 'string' && DOCUMENT_TEXT.test(inner)
          ? [{ name: `${name}.${key}`, document: inner }]
          : [],
    );
  }
  return [];
}

/** Quoted or backtick literals that start like a subscription document (no interpolation). */
const SUBSCRIPTION_LITERAL = /(['`])(subscription\s+[A-Za-z_]\w*[^'`$]*)\1/g;

export function appDocuments(): AppDocument[] {
  const operations = Object.entries(modules).flatMap(([file, exports]) =>
    Object.entries(exports as Record<string, unknown>).flatMap(([name, value]) =>
      documentsIn(name, value).map((found) => ({ where: `${file} ${found.name}`, document: found.document })),
    ),
  );
  const subscriptions = Object.entries(sources).flatMap(([file, text]) =>
    [...String(text).matchAll(SUBSCRIPTION_LITERAL)].map((match) => ({ where: file, document: match[2]! })),
  );
  // The same document may be exported twice (a constant and an operation built from it).
  const seen = new Set<string>();
  return [...operations, ...subscriptions].filter(({ document }) => !seen.has(document) && seen.add(document));
}
