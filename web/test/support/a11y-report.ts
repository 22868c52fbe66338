// The accessibility statement (/accessibility) shows what the browser tests found, so that it
// stays true: every check made through `checkAxe` is recorded, and when the test file ends,
// `writeAxeReport` merges this run's results into src/lib/accessibility/axe-results.json
// (checked in, read by the page at build time). An entry is one route, in one language,
// signed in or out; a later run replaces it. The file is rewritten only when it changes.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { axeViolations } from './a11y';

export const axeReportPath = fileURLToPath(new URL('../../src/lib/accessibility/axe-results.json', import.meta.url));

export interface AxeEntry {
  /** The route as SvelteKit names it, e.g. /wards/[code]. */
  route: string;
  /** The URL checked, e.g. /wards/nakahara. */
  path: string;
  locale: 'ja' | 'en';
  signedIn: boolean;
  violations: number;
  /** The rules that failed (empty when none did). */
  rules: string[];
}

export interface AxeReport {
  standard: string;
  checkedOn: string | null;
  axeVersion: string | null;
  entries: AxeEntry[];
}

const checked = new Map<string, AxeEntry>();
const keyOf = (e: Pick<AxeEntry, 'route' | 'locale' | 'signedIn'>) => `${e.route}|${e.locale}|${e.signedIn}`;

/** axe on the page as it is now, recorded for the statement; returns the violations like axeViolations. */
export async function checkAxe(page: Page, route: string, signedIn: boolean): Promise<string[]> {
  const violations = await axeViolations(page);
  const lang = await page.evaluate(() => document.documentElement.lang);
  const entry: AxeEntry = {
    route,
    path: new URL(page.url()).pathname,
    locale: lang === 'en' ? 'en' : 'ja',
    signedIn,
    violations: violations.length,
    rules: [...new Set(violations.map((v) => v.split(' ')[0] ?? v))].sort(),
  };
  // The worst result of a run stands for the route (a later clean check does not hide it).
  const earlier = checked.get(keyOf(entry));
  if (!earlier || earlier.violations <= entry.violations) checked.set(keyOf(entry), entry);
  return violations;
}

/**
 * Test files may run side by side (SHISHIN_WEB_TEST_WORKERS): the read-merge-write of the report
 * holds a lock directory, so that one file's entries are not lost to another's write.
 */
function withReportLock(work: () => void): void {
  const lock = `${axeReportPath}.lock`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a file that died holding it.
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function writeAxeReport(): void {
  if (checked.size === 0) return;
  withReportLock(mergeIntoReport);
}

function mergeIntoReport(): void {
  const before = readFileSync(axeReportPath, 'utf8');
  const report = JSON.parse(before) as AxeReport;
  const entries = new Map(report.entries.map((e) => [keyOf(e), e]));
  for (const [key, entry] of checked) entries.set(key, entry);
  // axe-core is @axe-core/playwright's own dependency: resolve it from there.
  const fromAxePlaywright = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'));
  const axeVersion = (fromAxePlaywright('axe-core/package.json') as { version: string }).version;
  const next: AxeReport = {
    standard: 'WCAG 2.2 AA',
    checkedOn: new Date().toISOString().slice(0, 10),
    axeVersion,
    entries: [...entries.values()].sort(
      (a, b) =>
        a.route.localeCompare(b.route) || a.locale.localeCompare(b.locale) || Number(a.signedIn) - Number(b.signedIn),
    ),
  };
  // The day alone does not make a change worth a rebuild: compare without it.
  const same = JSON.stringify({ ...report, checkedOn: null }) === JSON.stringify({ ...next, checkedOn: null });
  if (!same) writeFileSync(axeReportPath, `${JSON.stringify(next, null, 2)}\n`);
}
