// Prints the schema to schema/schema.graphql, or with --check fails when the checked-in
// file differs from what the code builds (CI runs the check).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from './schema.ts';

const target = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
const header = '# Printed from the code by `pnpm schema:print`. Do not edit by hand: CI fails when it is stale.\n\n';
const printed = header + printSchema(schema) + '\n';

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing file: reported below
  }
  if (current !== printed) {
    console.error('schema/schema.graphql is stale: run `pnpm schema:print` and commit the result.');
    process.exit(1);
  }
  console.log('schema/schema.graphql matches the code.');
} else {
  writeFileSync(target, printed);
  console.log(`wrote ${target}`);
}
