// Every page a person reaches by following the app's own links — signed out, and signed in as
// staff of a ward and as the policy department — in Japanese and in English: no error page,
// no axe violation (WCAG 2.2 A/AA), no console error, nothing loaded from elsewhere.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/a11y';
import { TEST_PASSWORD } from '../support/api';
import { launchBrowser, signInThroughPage, watch } from '../support/browser';
import { startApp, type RunningApp } from '../support/platform';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A route's shape: ids and codes replaced, so each kind of page is visited once. */
function shapeOf(url: string): string {
  const { pathname } = new URL(url);
  return pathname
    .split('/')
    .map((part) => (/^[A-Za-z0-9+/=_-]{16,}$|^\d{4}$|^[A-Z]-\d+$/.test(part) ? ':id' : part))
    .join('/');
}

async function links(page: Page): Promise<string[]> {
  const hrefs = await page.$$eval('a[href]', (all) => all.map((a) => (a as HTMLAnchorElement).href));
  return hrefs
    .filter((href) => href.startsWith(app.url))
    .map((href) => href.split('#')[0]!)
    .filter(
      (href) => !href.includes('/lang?') && !/\/(exports|boards\/[^/]+\/export)\b|\.(csv|xlsx|json|svg)$/.test(href),
    );
}

async function crawl(page: Page, start: string[], limit: number): Promise<Map<string, string[]>> {
  const queue = [...start];
  const seenShapes = new Set<string>();
  const findings = new Map<string, string[]>();
  while (queue.length > 0 && seenShapes.size < limit) {
    const url = queue.shift()!;
    const shape = shapeOf(url);
    if (seenShapes.has(shape) || shape === '/signin' || shape.startsWith('/developers/graphiql')) continue;
    seenShapes.add(shape);
    const response = await page.goto(url);
    const problems: string[] = [];
    if ((response?.status() ?? 0) >= 400) problems.push(`HTTP ${response?.status()}`);
    problems.push(...(await axeViolations(page)));
    if (problems.length > 0) findings.set(url, problems);
    queue.push(...(await links(page)));
  }
  expect(seenShapes.size).toBeGreaterThan(5);
  return findings;
}

describe('every route', () => {
  for (const locale of ['ja-JP', 'en-GB'] as const) {
    it(`passes axe on every page a visitor reaches (${locale})`, async () => {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      const watched = watch(page, app.url);
      const findings = await crawl(page, [`${app.url}/`, `${app.url}/wards/nakahara`, `${app.url}/standards`], 40);
      expect(Object.fromEntries(findings)).toEqual({});
      expect(watched.problems).toEqual([]);
      await context.close();
    });

    for (const email of ['coordinator.nakahara@example.jp', 'admin@example.jp']) {
      it(`passes axe on every page ${email} reaches from the menu (${locale})`, async () => {
        const context = await browser.newContext({ locale });
        const page = await context.newPage();
        const watched = watch(page, app.url);
        await signInThroughPage(page, app.url, email, TEST_PASSWORD);
        const findings = await crawl(page, [`${app.url}/home`], 60);
        expect(Object.fromEntries(findings)).toEqual({});
        expect(watched.problems).toEqual([]);
        await context.close();
        // A crawl of up to 60 pages with axe on each: minutes on a loaded 2-core machine.
      }, 240_000);
    }
  }
});
