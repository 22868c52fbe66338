// The app under SHISHIN_TRUSTED_DOCUMENTS=browsers: every page a person reaches sends only the
// documents the build listed, and the API refuses anything else a browser sends.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/api';
import { launchBrowser, signInThroughPage, watch } from '../support/browser';
import { startApp, type RunningApp } from '../support/platform';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ SHISHIN_TRUSTED_DOCUMENTS: 'browsers' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Same-origin links on a page, without query or hash, that are pages (not downloads). */
async function pageLinks(page: import('playwright-core').Page): Promise<string[]> {
  const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => (a as HTMLAnchorElement).href));
  return [
    ...new Set(
      hrefs
        .filter((href) => href.startsWith(app.url) && !href.includes('/lang?') && !/\.(csv|xlsx|json|svg)$/.test(href))
        .map((href) => href.split('#')[0]!),
    ),
  ];
}

describe('trusted documents', () => {
  it('serves every page a signed-in person can reach from the menu and home, with nothing refused', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    const watched = watch(page, app.url);
    await signInThroughPage(page, app.url, 'coordinator.nakahara@example.jp', TEST_PASSWORD);
    const toVisit = new Set([`${app.url}/`, `${app.url}/home`, ...(await pageLinks(page))]);
    const visited = new Map<string, number>();
    for (const url of toVisit) {
      if (visited.size >= 40) break;
      const response = await page.goto(url);
      visited.set(url, response?.status() ?? 0);
      if (new URL(url).pathname === '/home') for (const link of await pageLinks(page)) toVisit.add(link);
    }
    const failures = [...visited].filter(([, status]) => status >= 400);
    expect(failures).toEqual([]);
    expect(visited.size).toBeGreaterThan(3);
    await page.waitForLoadState('networkidle');
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it('refuses a document the app does not send, even from a signed-in browser', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await signInThroughPage(page, app.url, 'coordinator.nakahara@example.jp', TEST_PASSWORD);
    const answer = await page.evaluate(async () => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shishin-csrf': '1' },
        body: JSON.stringify({ query: '{ viewer { email memberships { role } } }' }),
      });
      return {
        status: response.status,
        body: (await response.json()) as { errors: { extensions: { code: string } }[] },
      };
    });
    expect(answer.status).toBe(403);
    expect(answer.body.errors[0]!.extensions.code).toBe('FORBIDDEN');
    await context.close();
  });
});
