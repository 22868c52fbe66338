// Every GraphQL document the app sends is valid against the checked-in schema
// (schema/schema.graphql, printed from the API's code): a renamed field or a changed
// argument fails here, not on a visitor's page. The list is the one the trusted-documents
// allow-list is built from (src/lib/server/documents.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { appDocuments } from '../../src/lib/server/documents';

const root = fileURLToPath(new URL('../..', import.meta.url));
const schema = buildSchema(readFileSync(join(root, '../schema/schema.graphql'), 'utf8'));

const documents = appDocuments();
const operations = documents.filter((d) => !d.document.trimStart().startsWith('subscription'));
const subscriptions = documents.filter((d) => d.document.trimStart().startsWith('subscription'));

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

describe('the live client’s change topics', () => {
  it('are the schema’s ChangeTopic values, so a page’s filter cannot name a topic that never comes', async () => {
    const { CHANGE_TOPICS } = await import('../../src/lib/live/client');
    const topic = schema.getType('ChangeTopic');
    expect(topic && 'getValues' in topic).toBe(true);
    const values = (topic as import('graphql').GraphQLEnumType).getValues().map((v) => v.name);
    expect([...CHANGE_TOPICS].sort()).toEqual(values.sort());
  });
});
