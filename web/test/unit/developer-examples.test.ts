// The developer guide's example queries are real documents: each one validates against
// schema/schema.graphql, so a renamed field breaks this test rather than a reader's report.
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { examples, workedExample } from '$lib/developers/examples';

const schema = buildSchema(readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8'));

describe('the developer guide’s examples', () => {
  for (const { key, query } of [...examples, { key: 'worked cost example', query: workedExample.query }]) {
    it(`${key} is valid against schema.graphql`, () => {
      expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
    });
  }

  it('fails for a field the schema does not have (the check can fail)', () => {
    const broken = examples[0]!.query.replace('achievedCount', 'achievementPercent');
    expect(validate(schema, parse(broken)).length).toBeGreaterThan(0);
  });
});
