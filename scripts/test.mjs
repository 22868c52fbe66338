#!/usr/bin/env node
// The whole test command: checks (types, lint, schema), then every suite against the
// embedded database and PostgreSQL, then the web app in a real browser. It installs what
// the machine lacks (Debian's chromium) and fails loudly rather than skipping anything.
// Ends with one plain line "tests: N passed, M failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium, ensurePostgres } from './machine.mjs';

const pnpm = ['npx', '-y', 'pnpm@12.21.0'];
const reportDir = mkdtempSync(join(tmpdir(), 'shishin-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) failures.push(label);
  return result.status === 0;
}

function vitest(label, dir, env = {}, args = []) {
  const report = join(reportDir, `${label.replace(/\W+/g, '-')}.json`);
  run(
    label,
    pnpm[0],
    [
      ...pnpm.slice(1),
      '--dir',
      dir,
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...args,
    ],
    env,
  );
  if (!existsSync(report)) {
    totals.failed += 1;
    failures.push(`${label} (no report)`);
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += json.numPassedTests;
  totals.failed += json.numFailedTests + (json.numFailedTestSuites > 0 && json.numFailedTests === 0 ? 1 : 0);
  totals.skipped += json.numPendingTests + json.numTodoTests;
  if (json.numTotalTests === 0) {
    totals.failed += 1;
    failures.push(`${label} ran no test`);
  }
}

ensurePostgres();
ensureChromium();

run('check: types, lint, schema/schema.graphql up to date', pnpm[0], [...pnpm.slice(1), 'run', 'check']);
// The long suites of issue 7 (docs/suites.md): 1,000 fuzz seeds on PGlite and 200 more on
// PostgreSQL, then kill -9 crash safety on both.
const suites = ['--config', 'suites/vitest.config.ts'];
const fuzzSeeds = {
  pglite: { FUZZ_FIRST: '1', FUZZ_SEEDS: '1000' },
  postgres: { FUZZ_FIRST: '1001', FUZZ_SEEDS: '200' },
};
for (const db of ['pglite', 'postgres']) {
  vitest(`prisma (${db})`, 'prisma', { SHISHIN_TEST_DB: db });
  vitest(`api (${db})`, 'api', { SHISHIN_TEST_DB: db });
  vitest(`fuzz: board convergence (${db})`, 'api', { SHISHIN_TEST_DB: db, FUZZ_SEED: '', ...fuzzSeeds[db] }, [
    ...suites,
    'fuzz',
  ]);
}
vitest('crash safety: kill -9 (pglite, postgres)', 'api', { SHISHIN_TEST_DB: '' }, [...suites, 'crash']);
// The hostile-input and load suites (docs/suites.md), each against an api server in its own process.
vitest('hostile input (pglite)', 'api', { SHISHIN_TEST_DB: 'pglite' }, ['--config', 'suites/hostile/vitest.config.ts']);
// 20 s of load in CI; `pnpm suite:load` runs the full 60 s.
vitest('load, 20 s (pglite)', 'api', { SHISHIN_TEST_DB: 'pglite', SUITE_LOAD_SECONDS: '20' }, [
  '--config',
  'suites/load/vitest.config.ts',
]);
run('build the web app', pnpm[0], [...pnpm.slice(1), '--dir', 'web', 'run', 'build']);
vitest('web (chromium)', 'web', { SHISHIN_TEST_DB: 'pglite' });

rmSync(reportDir, { recursive: true, force: true });
if (failures.length > 0) console.log(`\nFailed steps: ${failures.join('; ')}`);
console.log(
  `\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(failures.length > 0 || totals.failed > 0 ? 1 : 0);
