#!/usr/bin/env node
// The whole test command: checks (types, lint, schema), then every suite against the
// embedded database and PostgreSQL, then the web app in a real browser. It installs what
// the machine lacks (Debian's chromium) and fails loudly rather than skipping anything.
// Ends with the time each step took and one plain line "tests: N passed, M failed".
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium, ensurePostgres } from './machine.mjs';

const pnpm = ['npx', '-y', 'pnpm@12.21.0'];
const reportDir = mkdtempSync(join(tmpdir(), 'shishin-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const started = performance.now();
/** [label, seconds] per step, printed at the end: what to look at when the command gets slow. */
const durations = [];

/**
 * Runs one step. `background`: its output is held and printed when it ends, so that it can
 * run beside a step that prints (awaiting the result is then the caller's choice).
 */
async function run(label, command, args, env = {}, { background = false } = {}) {
  console.log(`\n▶ ${label}${background ? ' (in the background)' : ''}`);
  const t0 = performance.now();
  const child = spawn(command, args, {
    stdio: background ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const status = await new Promise((resolve) => {
    child.once('error', () => resolve(-1));
    child.once('exit', (code) => resolve(code ?? -1));
  });
  if (background) console.log(`\n◀ ${label}: ${status === 0 ? 'done' : `failed (${status})`}\n${output}`);
  durations.push([label, (performance.now() - t0) / 1000]);
  if (status !== 0) failures.push(label);
  return status === 0;
}

async function vitest(label, dir, env = {}, args = []) {
  const report = join(reportDir, `${label.replace(/\W+/g, '-')}.json`);
  await run(
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
const chromiumStarted = performance.now();
const chromium = ensureChromium().then(
  () => (performance.now() - chromiumStarted) / 1000,
  (error) => {
    console.error(error);
    failures.push('install chromium');
    return (performance.now() - chromiumStarted) / 1000;
  },
);

await run('check: types, lint, schema/schema.graphql up to date', pnpm[0], [...pnpm.slice(1), 'run', 'check']);
// The long suites of issue 7 (docs/suites.md): 1,000 fuzz seeds on PGlite and 200 more on
// PostgreSQL, then kill -9 crash safety on both.
const suites = ['--config', 'suites/vitest.config.ts'];
const fuzzSeeds = {
  pglite: { FUZZ_FIRST: '1', FUZZ_SEEDS: '1000' },
  postgres: { FUZZ_FIRST: '1001', FUZZ_SEEDS: '200' },
};
let webBuild;
for (const db of ['pglite', 'postgres']) {
  // The web build (~25 s of CPU, much of it on one core) beside the PostgreSQL pass of the
  // prisma and api tests, which leave part of the second core idle and do not touch
  // web/build (crash safety, below, loads web/build/handler.js; the load suite runs alone).
  if (db === 'postgres') {
    webBuild = run(
      'build the web app',
      pnpm[0],
      [...pnpm.slice(1), '--dir', 'web', 'run', 'build'],
      {},
      {
        background: true,
      },
    );
  }
  await vitest(`prisma (${db})`, 'prisma', { SHISHIN_TEST_DB: db });
  await vitest(`api (${db})`, 'api', { SHISHIN_TEST_DB: db });
  if (db === 'postgres') await webBuild;
  await vitest(`fuzz: board convergence (${db})`, 'api', { SHISHIN_TEST_DB: db, FUZZ_SEED: '', ...fuzzSeeds[db] }, [
    ...suites,
    'fuzz',
  ]);
}
await vitest('crash safety: kill -9 (pglite, postgres)', 'api', { SHISHIN_TEST_DB: '' }, [...suites, 'crash']);
// The hostile-input and load suites (docs/suites.md), each against an api server in its own process.
await vitest('hostile input (pglite)', 'api', { SHISHIN_TEST_DB: 'pglite' }, [
  '--config',
  'suites/hostile/vitest.config.ts',
]);
// 20 s of load in CI; `pnpm suite:load` runs the full 60 s.
await vitest('load, 20 s (pglite)', 'api', { SHISHIN_TEST_DB: 'pglite', SUITE_LOAD_SECONDS: '20' }, [
  '--config',
  'suites/load/vitest.config.ts',
]);
durations.push(['chromium installed (in the background, from the start)', await chromium]);
// Two test files side by side, each with its own platform and browser: one file alone leaves
// most of the second core idle (it waits on the browser, the browser on the server). All 241
// tests passed so on a machine at load 20; SHISHIN_WEB_TEST_WORKERS=1 runs them one at a time.
await vitest('web (chromium)', 'web', {
  SHISHIN_TEST_DB: 'pglite',
  SHISHIN_WEB_TEST_WORKERS: process.env.SHISHIN_WEB_TEST_WORKERS ?? '2',
});

rmSync(reportDir, { recursive: true, force: true });
const clock = (seconds) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;
console.log('\nsteps (m:ss):');
for (const [label, seconds] of durations) console.log(`  ${clock(seconds).padStart(6)}  ${label}`);
console.log(`  ${clock((performance.now() - started) / 1000).padStart(6)}  all`);
if (failures.length > 0) console.log(`\nFailed steps: ${failures.join('; ')}`);
console.log(
  `\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(failures.length > 0 || totals.failed > 0 ? 1 : 0);
