// The home page as a visitor meets it: a real chromium against the built app mounted on the
// real API (see test/support/serve.ts), in Japanese and English, with and without JavaScript.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrastFailures, headingLevels, outlineIsWellFormed } from '../support/a11y';
import { launchBrowser, screenshot, watch } from '../support/browser';
import { deadPort, startApp, type RunningApp } from '../support/platform';

const AIM = '市民に便利で快適なサービスを効率的、効果的かつ総合的に提供する区役所';
const PRINCIPLE_NAMES = [
  '基本的な使命',
  '市民の視点',
  '市民と共感',
  'ニーズの把握',
  '適切なサービス提供',
  '快適な環境',
  '効率的運営',
  '組織間の連携',
];
/** Japanese script: kana and kanji. */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]/;

const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: 'ja-JP' };
const phone: BrowserContextOptions = {
  viewport: { width: 375, height: 812 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'ja-JP',
};

let app: RunningApp;
let browser: Browser;

interface ApiGuideline {
  aimEn: string;
  principles: { edges: { node: { name: string; nameEn: string } }[] };
}

/** The guideline as the API serves it, to compare the page with. */
async function apiGuideline(): Promise<ApiGuideline> {
  const endpoint = process.env.SHISHIN_API_URL ?? `${app.url}/graphql`;
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shishin-csrf': '1' },
    body: JSON.stringify({
      query: '{ currentGuideline { aimEn principles { edges { node { name nameEn } } } } }',
    }),
  });
  const body = (await response.json()) as { data: { currentGuideline: ApiGuideline } };
  return body.data.currentGuideline;
}

async function headings(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allTextContents()).map((t) => t.trim());
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('home page', () => {
  it('shows the guideline in force in Japanese: title, aim, philosophy and the eight principles', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    const watched = watch(page, app.url);
    const response = await page.goto(`${app.url}/`);
    expect(response?.status()).toBe(200);

    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await expect.poll(() => page.locator('h1').textContent()).toContain('区役所サービス向上指針');
    expect(await page.locator('.aim__statement').textContent()).toBe(AIM);
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['めざすもの', '理念']);
    expect(await page.locator('.philosophy__preamble').textContent()).toContain('信頼関係');
    expect(await headings(page, '.principles h3')).toEqual(PRINCIPLE_NAMES);
    expect(await page.locator('.principle__text').count()).toBeGreaterThanOrEqual(8);

    // Landmarks a screen reader user jumps between.
    for (const role of ['banner', 'navigation', 'main', 'contentinfo'] as const) {
      expect(await page.getByRole(role).count(), role).toBe(1);
    }
    // Japanese only, save the product name and the switch to English.
    const text = (await page.locator('body').innerText()).replaceAll('Shishin', '').replaceAll('English', '');
    expect(text).not.toMatch(/[A-Za-z]/);

    expect(outlineIsWellFormed(await headingLevels(page))).toBe(true);
    expect(await contrastFailures(page)).toEqual([]);
    await page.waitForLoadState('networkidle');
    expect(watched.problems).toEqual([]);

    await screenshot(page, 'home-ja-desktop');
    await context.close();
  });

  it('switches to English with one click, and remembers the choice on the next visit', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    const watched = watch(page, app.url);
    await page.goto(`${app.url}/`);
    await page.getByRole('navigation', { name: '表示言語' }).getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${app.url}/`);

    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const expected = await apiGuideline();
    expect(await page.locator('.aim__statement').textContent()).toBe(expected.aimEn);
    expect(await headings(page, '.principles h3')).toEqual(expected.principles.edges.map((e) => e.node.nameEn));
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['What we aim for', 'Philosophy']);
    // No Japanese left on the page but the product name 指針 and the switch back to 日本語.
    const text = (await page.locator('body').innerText()).replaceAll('指針', '').replaceAll('日本語', '');
    expect(text).not.toMatch(JAPANESE);
    expect(outlineIsWellFormed(await headingLevels(page))).toBe(true);
    expect(await contrastFailures(page)).toEqual([]);
    expect(watched.problems).toEqual([]);
    await screenshot(page, 'home-en-desktop');

    // A later visit in the same browser, although the browser still prefers Japanese.
    const later = await context.newPage();
    await later.goto(`${app.url}/`);
    expect(await later.getAttribute('html', 'lang')).toBe('en');
    expect(await later.locator('.skip-link').textContent()).toBe('Skip to main content');

    // And back to Japanese.
    await later.getByRole('link', { name: '日本語' }).click();
    await later.waitForURL(`${app.url}/`);
    expect(await later.getAttribute('html', 'lang')).toBe('ja');
    expect(await later.locator('.aim__statement').textContent()).toBe(AIM);
    await context.close();
  });

  it('chooses English for a browser that prefers it, before any choice is made', async () => {
    const context = await browser.newContext({ ...desktop, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await context.close();
  });

  it('works with JavaScript disabled, language switch included', async () => {
    const context = await browser.newContext({ ...desktop, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    expect(await page.locator('.aim__statement').textContent()).toBe(AIM);
    expect(await headings(page, '.principles h3')).toEqual(PRINCIPLE_NAMES);

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${app.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('.principles h3').count()).toBe(8);
    await context.close();
  });

  it('lets a keyboard user skip to the main content with the first Tab', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ ...desktop, javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${app.url}/`);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const box = el?.getBoundingClientRect();
        return { className: el?.className, text: el?.textContent, top: box?.top ?? -1, height: box?.height ?? 0 };
      });
      expect(first.className, `js: ${javaScriptEnabled}`).toBe('skip-link');
      expect(first.text).toBe('本文へ移動');
      // Visible when focused (WCAG 2.4.7, 2.4.11).
      expect(first.top).toBeGreaterThanOrEqual(0);
      expect(first.height).toBeGreaterThan(0);

      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
      await context.close();
    }
  });

  it('fits a 360px-wide phone without sideways scrolling, in both languages', async () => {
    for (const lang of ['ja', 'en'] as const) {
      const context = await browser.newContext({ ...phone, locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
      const page = await context.newPage();
      await page.goto(`${app.url}/`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await screenshot(page, `home-${lang}-phone`);
      await page.setViewportSize({ width: 360, height: 740 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await context.close();
    }
  });
});

describe('language switch', () => {
  it('only sends visitors back to paths on this site', async () => {
    for (const target of ['//evil.example/', '/\\evil.example/', 'https://evil.example/']) {
      const response = await fetch(`${app.url}/lang?to=en&redirect=${encodeURIComponent(target)}`, {
        redirect: 'manual',
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/');
    }
    const response = await fetch(`${app.url}/lang?to=en&redirect=%2F%3Fx%3D1`, { redirect: 'manual' });
    expect(response.headers.get('location')).toBe('/?x=1');
    expect(response.headers.get('set-cookie')).toMatch(/^lang=en;/);
  });
});

describe('when the API cannot be reached', () => {
  let orphan: RunningApp;
  beforeAll(async () => {
    orphan = await startApp({ SHISHIN_API_URL: `http://127.0.0.1:${await deadPort()}/graphql` });
  });
  afterAll(async () => {
    await orphan?.stop();
  });

  it('shows a calm error page in Japanese and English, without technical details', async () => {
    for (const [locale, lang] of [
      ['ja-JP', 'ja'],
      ['en-US', 'en'],
    ] as const) {
      const context = await browser.newContext({ ...desktop, locale });
      const page = await context.newPage();
      const response = await page.goto(`${orphan.url}/`);
      expect(response?.status()).toBe(503);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.locator('h1').textContent()).toBe(
        lang === 'ja' ? 'ページを表示できません' : 'This page cannot be shown',
      );
      const text = await page.locator('main').innerText();
      expect(text).toContain('サーバーに、いま接続できません');
      expect(text).toContain('cannot reach the server');
      expect(text).not.toMatch(/ECONNREFUSED|fetch failed|GraphQLRequestError|at .*\.js|node:/);
      expect(outlineIsWellFormed(await headingLevels(page))).toBe(true);
      expect(await contrastFailures(page)).toEqual([]);
      await screenshot(page, `error-api-unavailable-${lang}`);
      await context.close();
    }
  });
});
