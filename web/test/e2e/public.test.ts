// The public pages and the work behind them, in a real chromium against the built app on the
// real API with sample data: a visitor reads a ward's targets and last year's results (without
// JavaScript, and within the JavaScript budget), the guideline and its versions; the ward mayor
// drafts, edits (through a conflict) and publishes the ward's policy; a citizen comments on a
// draft guideline while its period is open and the policy department moderates and answers.
// Every route is checked with axe in both languages; the results feed /accessibility.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrastFailures, headingLevels, outlineIsWellFormed } from '../support/a11y';
import { axeReportPath, checkAxe, writeAxeReport, type AxeReport } from '../support/a11y-report';
import { apiSession, TEST_PASSWORD, type ApiSession } from '../support/api';
import { launchBrowser, screenshot, signInThroughPage, watch } from '../support/browser';
import { startApp, type RunningApp } from '../support/platform';

const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: 'ja-JP' };
const english: BrowserContextOptions = { ...desktop, locale: 'en-GB' };
const phone: BrowserContextOptions = { viewport: { width: 360, height: 740 }, locale: 'ja-JP', isMobile: true };
/** The budget for public pages. */
const JS_BUDGET_BYTES = 50 * 1024;

let app: RunningApp;
let browser: Browser;
/** What the build the tests run against says about accessibility (read before this run rewrites it). */
const reportAtBuild = JSON.parse(readFileSync(axeReportPath, 'utf8')) as AxeReport;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  writeAxeReport();
  await browser?.close();
  await app?.stop();
});

/** Server round trips on a shared 2-core machine take longer than expect.poll's default second. */
function poll<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 15_000 });
}

/** A page that fails at the step that does not happen, not at the test's own timeout. */
async function pageIn(context: import('playwright-core').BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function open(options: BrowserContextOptions, path: string) {
  const context = await browser.newContext(options);
  const page = await pageIn(context);
  const watched = watch(page, app.url);
  const response = await page.goto(`${app.url}${path}`);
  return { context, page, watched, status: response?.status() };
}

/**
 * axe needs JavaScript in the page it checks: pages read without JavaScript are checked at the
 * same URL in a context with it (they render the same: these pages ship no JavaScript).
 */
async function axeAt(options: BrowserContextOptions, path: string, route: string): Promise<string[]> {
  const { context, page } = await open({ ...options, javaScriptEnabled: true }, path);
  const violations = await checkAxe(page, route, false);
  await context.close();
  return violations;
}

/** Text of the page's main landmark, whitespace collapsed. */
async function mainText(page: Page): Promise<string> {
  return ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
}

describe('a ward’s public page', () => {
  it('shows an anonymous visitor, without JavaScript, the year’s policy and targets and last year’s results by section', async () => {
    const { context, page, watched, status } = await open({ ...desktop, javaScriptEnabled: false }, '/wards');
    expect(status).toBe(200);
    expect(await axeAt(desktop, '/wards', '/wards')).toEqual([]);
    await page.getByRole('link', { name: /中原区の方針・目標・結果/ }).click();
    await page.waitForURL(`${app.url}/wards/nakahara`);

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('令和8年度');
    expect(await page.title()).toBe('中原区 令和8年度の区役所サービス向上方針・目標・結果 | 指針 Shishin');
    expect(await page.locator('meta[name=description]').getAttribute('content')).toContain('令和7年度の取組結果');
    expect(await page.locator('link[rel=canonical]').getAttribute('href')).toBe(`${app.url}/wards/nakahara?year=2026`);

    // The policy, then the targets grouped under their sections (published ones only).
    expect(await page.getByRole('heading', { level: 3, name: '令和8年度 中原区役所サービス向上方針' }).count()).toBe(1);
    const targets = page.locator('#targets');
    expect(await targets.getByRole('heading', { level: 3, name: /区民課/ }).count()).toBe(1);
    expect(await targets.locator('article').count()).toBeGreaterThan(0);
    const text = await mainText(page);
    expect(text).not.toContain('下書き');

    // Last year's results, each with its level, and the chart's numbers for screen readers.
    const results = page.locator('#results');
    expect(await results.getByRole('heading', { level: 2 }).textContent()).toBe('令和7年度の取組結果');
    expect(await results.getByRole('heading', { name: '繁忙期のフロア案内係の配置' }).count()).toBe(1);
    expect(await results.locator('.level').first().textContent()).toMatch(/大きく上回った|上回った|達成|下回った/);
    const chartRows = await results.locator('figure table tbody tr').allTextContents();
    expect(chartRows).toHaveLength(5);
    expect(chartRows[0]).toContain('大きく上回った');
    // A published target whose result is not published yet says so instead of failing the page.
    expect(await results.getByText('結果はまだ公表されていません。').count()).toBeGreaterThan(0);

    expect(outlineIsWellFormed(await headingLevels(page))).toBe(true);
    expect(await contrastFailures(page)).toEqual([]);
    expect(await axeAt(desktop, '/wards/nakahara', '/wards/[code]')).toEqual([]);
    await screenshot(page, 'ward-ja');

    // Another fiscal year, chosen with the plain form (no JavaScript).
    await page.getByLabel('年度を選ぶ').selectOption('2025');
    await page.getByRole('button', { name: '表示する' }).click();
    await page.waitForURL(`${app.url}/wards/nakahara?year=2025`);
    expect(await page.getByRole('heading', { level: 2, name: '令和7年度の区役所サービス向上方針' }).count()).toBe(1);
    expect(await page.locator('#results h2').textContent()).toBe('令和6年度の取組結果');
    expect(await page.locator('#results').textContent()).toContain('この年度に公表された取組結果はまだありません。');
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it('reads in English, with the ward’s own Japanese marked as such, and fits a 360px phone', async () => {
    const { context, page, watched } = await open({ ...phone, locale: 'en-GB' }, '/wards/nakahara');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('FY2026 (Reiwa 8)');
    expect(await page.locator('#results h2').textContent()).toBe('Results for FY2025 (Reiwa 7)');
    expect(await page.locator('#results figure table tbody tr').first().textContent()).toContain('Greatly exceeded');
    expect(await page.locator('#targets article h4').first().getAttribute('lang')).toBe('ja');
    // No Japanese outside elements marked lang="ja" (the product name and the switch excepted).
    const stray = await page.evaluate(() => {
      const found: string[] = [];
      const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (
          /[\u3040-\u30ff\u4e00-\u9fff]/.test(node.textContent ?? '') &&
          !node.parentElement?.closest('[lang="ja"]')
        ) {
          found.push((node.textContent ?? '').trim().slice(0, 30));
        }
      }
      return found;
    });
    expect(stray).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await checkAxe(page, '/wards/[code]', false)).toEqual([]);
    await screenshot(page, 'ward-en-phone');
    await page.goto(`${app.url}/wards`);
    expect(await checkAxe(page, '/wards', false)).toEqual([]);
    await page.waitForLoadState('networkidle');
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it('answers 404 for a ward or a year that does not exist', async () => {
    const context = await browser.newContext(desktop);
    const page = await pageIn(context);
    for (const path of [
      '/wards/nowhere',
      '/wards/nakahara?year=abc',
      '/wards/nakahara?year=1850',
      '/wards/nowhere/policy',
      '/wards/nakahara/policy/2031',
      '/guideline/NO-SUCH',
    ]) {
      const response = await page.goto(`${app.url}${path}`);
      expect(response?.status(), path).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('ページを表示できません');
    }
    expect(await checkAxe(page, '(404)', false)).toEqual([]);
    await context.close();
  });

  it('ships at most 50 KB of gzipped JavaScript on the public pages (none on the pure-read ones)', async () => {
    const context = await browser.newContext(desktop);
    const page = await pageIn(context);
    const shipped: Record<string, number> = {};
    for (const path of [
      '/',
      '/wards',
      '/wards/nakahara',
      '/wards/nakahara/policy',
      '/wards/nakahara/policy/2026',
      '/guideline',
      '/guideline/H24.3',
      '/accessibility',
    ]) {
      const scripts = new Map<string, number>();
      const onResponse = async (response: import('playwright-core').Response) => {
        const request = response.request();
        if (request.resourceType() !== 'script' && !response.url().endsWith('.js')) return;
        scripts.set(response.url(), gzipSync(await response.body()).length);
      };
      page.on('response', onResponse);
      await page.goto(`${app.url}${path}`);
      await page.waitForLoadState('networkidle');
      page.off('response', onResponse);
      // Modules the page loads are listed in the HTML too (modulepreload); count any not fetched yet.
      shipped[path] = [...scripts.values()].reduce((a, b) => a + b, 0);
    }
    console.log('gzipped JavaScript per public page (bytes):', shipped);
    for (const [path, bytes] of Object.entries(shipped)) expect(bytes, path).toBeLessThanOrEqual(JS_BUDGET_BYTES);
    for (const path of ['/wards', '/wards/nakahara', '/wards/nakahara/policy/2026', '/guideline', '/accessibility']) {
      expect(shipped[path], path).toBe(0);
    }
    await context.close();
  });
});

describe('the guideline', () => {
  it('shows the version in force in full, its versions one click away, and the home page links to it', async () => {
    const { context, page, watched } = await open(desktop, '/');
    await page.getByRole('link', { name: '指針の全文を読む' }).click();
    await page.waitForURL(`${app.url}/guideline`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      '区役所サービス向上指針（平成24年3月改定版）',
    );
    const sections = await page.locator('main section[id^="section-"] h2').allTextContents();
    expect(sections).toHaveLength(9);
    for (const title of [
      '区役所サービスの理念',
      '区役所サービス基準',
      '推進体制',
      '年間スケジュール',
      '本指針による区役所サービス向上の範囲',
    ]) {
      expect(
        sections.some((s) => s.includes(title)),
        title,
      ).toBe(true);
    }
    const text = await mainText(page);
    for (const principle of [
      '基本的な使命',
      '市民の視点',
      '市民と共感',
      'ニーズの把握',
      '適切なサービス提供',
      '快適な環境',
      '効率的運営',
      '組織間の連携',
    ]) {
      expect(text).toContain(principle);
    }
    expect(await page.locator('a[href="/standards"]').count()).toBe(1);
    expect(outlineIsWellFormed(await headingLevels(page))).toBe(true);
    expect(await checkAxe(page, '/guideline', false)).toEqual([]);
    await screenshot(page, 'guideline-ja');

    await page.getByRole('link', { name: '区役所サービス向上指針（平成20年4月策定版）' }).click();
    await page.waitForURL(`${app.url}/guideline/H20.4`);
    expect(await page.getByText('旧版').first().isVisible()).toBe(true);
    expect(
      await page.getByText(/この版は「区役所サービス向上指針（平成24年3月改定版）」に改められました/).count(),
    ).toBe(1);
    expect(await checkAxe(page, '/guideline/[code]', false)).toEqual([]);
    await page.waitForLoadState('networkidle');
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it('reads in English', async () => {
    const { context, page } = await open(english, '/guideline');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Ward Office Service Improvement Guidelines (revised March 2012)',
    );
    expect(await page.getByRole('heading', { name: /Yearly schedule/ }).count()).toBe(1);
    expect(await checkAxe(page, '/guideline', false)).toEqual([]);
    await page.goto(`${app.url}/guideline/H24.3`);
    expect(await checkAxe(page, '/guideline/[code]', false)).toEqual([]);
    await context.close();
  });
});

describe('the ward mayor’s policy', () => {
  let mayorApi: ApiSession;
  beforeAll(async () => {
    mayorApi = await apiSession(app.url, 'mayor.nakahara@example.jp');
  });

  async function policyOf(year: number) {
    const data = await mayorApi.graphql<{
      ward: {
        improvementPolicy: { id: string; title: string; body: string; status: string; updatedAt: string } | null;
      };
    }>(
      'query($year: Int!) { ward(code: "nakahara") { improvementPolicy(fiscalYear: $year) { id title body status updatedAt } } }',
      {
        year,
      },
    );
    return data.ward.improvementPolicy;
  }

  it('is drafted, edited through a conflict, and published by the mayor; then anyone reads it', async () => {
    const context = await browser.newContext(desktop);
    const page = await pageIn(context);
    const watched = watch(page, app.url);
    await signInThroughPage(page, app.url, 'mayor.nakahara@example.jp', TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '区の方針' }).click();
    await page.getByRole('heading', { level: 1, name: '中原区の区役所サービス向上方針' }).waitFor();
    expect(await checkAxe(page, '/wards/[code]/policy', true)).toEqual([]);
    await page.getByRole('link', { name: '令和9年度の方針を起草する' }).click();
    await page.getByRole('heading', { level: 1, name: '中原区 令和9年度の方針を起草' }).waitFor();
    expect(await checkAxe(page, '/wards/[code]/policy/[year]/edit', true)).toEqual([]);

    // A title of spaces only is refused on the server, in Japanese, keeping what was typed.
    await page.getByLabel('表題').fill('   ');
    await page.getByLabel('本文').fill('待たせない窓口をめざします。');
    await page.getByRole('button', { name: '下書きを作成する' }).click();
    await poll(() => page.locator('#policy-title-error').textContent()).toBe('表題を入力してください。');
    expect(await page.getByLabel('表題').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('表題').getAttribute('aria-describedby')).toContain('policy-title-error');
    expect(await page.getByLabel('本文').inputValue()).toBe('待たせない窓口をめざします。');
    expect(await checkAxe(page, '/wards/[code]/policy/[year]/edit', true)).toEqual([]);

    await page.getByLabel('表題').fill('令和9年度 中原区役所サービス向上方針');
    await page.getByRole('button', { name: '下書きを作成する' }).click();
    await poll(() => page.getByRole('status').first().textContent()).toContain('下書きを作成しました。');
    expect((await policyOf(2027))?.status).toBe('DRAFT');

    // Meanwhile the mayor changes the draft in another window.
    await page.getByRole('button', { name: '下書きを保存する' }).waitFor();
    const before = (await policyOf(2027))!;
    await mayorApi.graphql(
      'mutation($input: UpdateImprovementPolicyInput!) { updateImprovementPolicy(input: $input) { id } }',
      { input: { id: before.id, expectedUpdatedAt: before.updatedAt, title: '別の画面で変えた表題' } },
    );

    const typed = '待たせない窓口と、迷わせない庁舎をめざします。\n\n全所属で取り組みます。';
    await page.getByLabel('本文').fill(typed);
    await page.getByRole('button', { name: '下書きを保存する' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain('別の画面で変更されました');
    expect(await page.getByLabel('本文').inputValue()).toBe(typed);
    expect(await page.getByRole('heading', { name: '現在保存されている内容' }).count()).toBe(1);
    await poll(() => page.locator('.latest').textContent()).toContain('別の画面で変えた表題');
    expect(await checkAxe(page, '/wards/[code]/policy/[year]/edit', true)).toEqual([]);
    await screenshot(page, 'policy-conflict-ja');
    // Nothing was overwritten by the stale save.
    expect((await policyOf(2027))?.title).toBe('別の画面で変えた表題');

    // Having seen the latest text, the mayor saves again: it goes through.
    await page.getByRole('button', { name: '下書きを保存する' }).click();
    await poll(() => page.getByRole('status').first().textContent()).toContain('下書きを保存しました。');
    await poll(async () => (await policyOf(2027))?.body).toBe(typed);

    // Publishing asks for a confirmation first.
    await page.getByRole('button', { name: 'この方針を公表する' }).click();
    await poll(() => page.locator('#publish-confirm-error').textContent()).toContain('確認のチェック');
    await page.getByLabel('公表してよい場合は、チェックを入れてください').check();
    await page.getByRole('button', { name: 'この方針を公表する' }).click();
    await page.waitForURL(`${app.url}/wards/nakahara/policy/2027?published=1`);
    expect(await page.getByRole('status').textContent()).toBe('方針を公表しました。');
    expect(await page.locator('.state').first().textContent()).toBe('公表済み');
    expect(await checkAxe(page, '/wards/[code]/policy/[year]', true)).toEqual([]);
    expect(watched.problems).toEqual([]);
    await context.close();

    // Anyone reads it now, on its own page and on the ward's page for that year.
    const visitor = await open({ ...desktop, javaScriptEnabled: false }, '/wards/nakahara/policy/2027');
    expect(visitor.status).toBe(200);
    expect(await mainText(visitor.page)).toContain('全所属で取り組みます。');
    expect(await visitor.page.getByRole('link', { name: '方針を編集する' }).count()).toBe(0);
    expect(await axeAt(desktop, '/wards/nakahara/policy/2027', '/wards/[code]/policy/[year]')).toEqual([]);
    await visitor.page.goto(`${app.url}/wards/nakahara?year=2027`);
    // The second save kept what the mayor typed, title included.
    expect(await visitor.page.locator('#policy').textContent()).toContain('令和9年度 中原区役所サービス向上方針');
    await visitor.context.close();
  });

  it('drafts a policy without JavaScript, and shows the committee’s place for comments on the draft', async () => {
    const context = await browser.newContext({ ...desktop, javaScriptEnabled: false });
    const page = await pageIn(context);
    await signInThroughPage(page, app.url, 'mayor.nakahara@example.jp', TEST_PASSWORD);
    await page.goto(`${app.url}/wards/nakahara/policy/2028/edit`);
    await page.getByLabel('表題').fill('令和10年度 中原区役所サービス向上方針');
    await page.getByLabel('本文').fill('   ');
    await page.getByRole('button', { name: '下書きを作成する' }).click();
    expect(await page.locator('#policy-body-error').textContent()).toContain('本文を入力してください。');
    expect(await page.getByLabel('表題').inputValue()).toBe('令和10年度 中原区役所サービス向上方針');
    await page.getByLabel('本文').fill('案内表示を統一します。');
    await page.getByRole('button', { name: '下書きを作成する' }).click();
    expect(await page.getByRole('status').textContent()).toContain('下書きを作成しました。');

    await page.goto(`${app.url}/wards/nakahara/policy/2028`);
    expect(await page.getByText('これは下書きです。').count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2, name: 'コメント' }).count()).toBe(1);
    await context.close();

    // A draft is not for the public: the same URL does not exist for a visitor.
    const visitor = await open(desktop, '/wards/nakahara/policy/2028');
    expect(visitor.status).toBe(404);
    await visitor.context.close();
  });

  it('refuses the editor to anyone but the ward’s mayor', async () => {
    const context = await browser.newContext(english);
    const page = await pageIn(context);
    await page.goto(`${app.url}/wards/nakahara/policy/2029/edit`);
    expect(new URL(page.url()).pathname).toBe('/signin');
    await signInThroughPage(page, app.url, 'mayor.miyamae@example.jp', TEST_PASSWORD);
    const response = await page.goto(`${app.url}/wards/nakahara/policy/2029/edit`);
    expect(response?.status()).toBe(403);
    await context.close();
    // A published policy cannot be edited, even by its mayor: the editor sends them to the policy.
    const mayor = await browser.newContext(english);
    const mayorPage = await pageIn(mayor);
    await signInThroughPage(mayorPage, app.url, 'mayor.nakahara@example.jp', TEST_PASSWORD);
    await mayorPage.goto(`${app.url}/wards/nakahara/policy/2026/edit`);
    expect(new URL(mayorPage.url()).pathname).toBe('/wards/nakahara/policy/2026');
    expect(await mayorPage.getByRole('link', { name: 'Edit the policy' }).count()).toBe(0);
    await mayorPage.goto(`${app.url}/wards/nakahara/policy/2029/edit`);
    expect(await mayorPage.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Draft the policy of Nakahara for FY2029 (Reiwa 11)',
    );
    expect(await checkAxe(mayorPage, '/wards/[code]/policy/[year]/edit', true)).toEqual([]);
    await mayorPage.goto(`${app.url}/wards/nakahara/policy`);
    expect(await checkAxe(mayorPage, '/wards/[code]/policy', true)).toEqual([]);
    await mayorPage.goto(`${app.url}/wards/nakahara`);
    expect(await checkAxe(mayorPage, '/wards/[code]', true)).toEqual([]);
    await mayor.close();
  });
});

describe('public comment on a draft guideline', () => {
  let admin: ApiSession;
  let versionId: string;
  const CODE = 'R9.1';

  beforeAll(async () => {
    // The policy department puts a new draft out for comment, open from a minute ago for a week.
    admin = await apiSession(app.url, 'admin@example.jp');
    const created = await admin.graphql<{ createGuidelineDraft: { id: string } }>(
      'mutation($input: CreateGuidelineDraftInput!) { createGuidelineDraft(input: $input) { id } }',
      {
        input: {
          code: CODE,
          title: '区役所サービス向上指針（令和9年改定案）',
          titleEn: 'Ward Office Service Improvement Guidelines (draft revision, 2027)',
        },
      },
    );
    versionId = created.createGuidelineDraft.id;
    const now = Date.now();
    await admin.graphql('mutation($input: OpenPublicCommentInput!) { openPublicComment(input: $input) { id } }', {
      input: {
        versionId,
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 7 * 86_400_000).toISOString(),
      },
    });
  });

  it('lets a citizen comment on a section while the period is open, and says it is held for moderation', async () => {
    const { context, page, watched } = await open(desktop, '/guideline');
    await page.getByRole('link', { name: '案を読んで意見を送る' }).click();
    await page.waitForURL(`${app.url}/guideline/${CODE}`);
    expect(await page.locator('.period').textContent()).toMatch(
      /募集期間：令和\d+年\d+月\d+日 \d\d:\d\dから令和\d+年\d+月\d+日 \d\d:\d\dまで/,
    );
    expect(await page.locator('.period').textContent()).toContain('ただいま意見を募集しています。');
    expect(await checkAxe(page, '/guideline/[code]', false)).toEqual([]);

    // Comment on section 9 (the yearly schedule), from that section's own link.
    await page.locator('#section-9').getByRole('link', { name: 'この項目について意見を送る' }).click();
    await page.waitForURL(/section=/);
    expect(await page.getByLabel('意見の対象').locator('option:checked').textContent()).toBe('9 年間スケジュール');

    // An empty comment (spaces) is refused with the message tied to the field.
    await page.getByLabel('ご意見', { exact: true }).fill('   ');
    await page.getByLabel('お名前（任意）').fill('川崎 花子');
    await page.getByRole('button', { name: '意見を送る' }).click();
    await poll(() => page.locator('#comment-body-error').textContent()).toContain('ご意見を入力してください。');
    expect(await page.getByLabel('お名前（任意）').inputValue()).toBe('川崎 花子');
    expect(await page.getByLabel('ご意見', { exact: true }).getAttribute('aria-describedby')).toContain(
      'comment-body-error',
    );
    await page.getByLabel('メールアドレス（任意）').fill('not-an-address');
    await page
      .getByLabel('ご意見', { exact: true })
      .fill('結果の公表の時期を、区のホームページでも早めに知らせてほしい。');
    await page.getByRole('button', { name: '意見を送る' }).click();
    await poll(() => page.locator('#comment-email-error').textContent()).toContain('メールアドレスの形式');
    expect(await page.getByLabel('ご意見', { exact: true }).inputValue()).toBe(
      '結果の公表の時期を、区のホームページでも早めに知らせてほしい。',
    );
    expect(await checkAxe(page, '/guideline/[code]', false)).toEqual([]);

    await page.getByLabel('メールアドレス（任意）').fill('hanako@example.jp');
    await page.getByLabel('お住まい・お勤めの区（任意）').selectOption({ label: '中原区' });
    await page.getByRole('button', { name: '意見を送る' }).click();
    await poll(() => page.locator('.comment-form [role=status]').textContent()).toContain('ご意見を受け付けました。');
    expect(await page.locator('.comment-form [role=status]').textContent()).toContain(
      '公表まで、このページには表示されません。',
    );
    expect(await page.locator('.comment-form [role=status]').textContent()).toMatch(/受付番号：\S+/);
    // Held for moderation: not in the table, and the form is empty for the next comment.
    expect(await mainText(page)).not.toContain('早めに知らせてほしい');
    expect(await page.getByLabel('ご意見', { exact: true }).inputValue()).toBe('');
    await screenshot(page, 'public-comment-received-ja');
    // The refused sends above are answered 400, as a form post without JavaScript should be.
    expect(watched.problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
    await context.close();
  });

  it('takes a comment without JavaScript, and from the keyboard alone', async () => {
    const noJs = await open({ ...english, javaScriptEnabled: false }, `/guideline/${CODE}`);
    await noJs.page.getByLabel('Your comment', { exact: true }).fill('Please publish the results in English as well.');
    await noJs.page.getByRole('button', { name: 'Send the comment' }).click();
    expect(await noJs.page.locator('.comment-form [role=status]').textContent()).toContain(
      'Thank you — your comment has been received.',
    );
    await noJs.context.close();

    const keyboard = await open(desktop, `/guideline/${CODE}`);
    const page = keyboard.page;
    await page.getByLabel('意見の対象').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment-body');
    await page.keyboard.type('窓口の待ち時間の目標を、全区で共通にしてほしい。');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment-name');
    for (const id of ['comment-email', 'comment-ward']) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
    }
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('意見を送る');
    // The focused control shows a visible focus ring.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.comment-form [role=status]').textContent()).toContain('ご意見を受け付けました。');
    await keyboard.context.close();
  });

  it('is moderated by the policy department: rejected with a reason, published, answered — live', async () => {
    const context = await browser.newContext(desktop);
    const page = await pageIn(context);
    const watched = watch(page, app.url);
    await signInThroughPage(page, app.url, 'admin@example.jp', TEST_PASSWORD);
    await page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: 'パブリックコメント' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'パブリックコメントの管理' }).waitFor();
    await page.waitForLoadState('networkidle');
    const pendingBefore = await page.locator('.comment').count();
    expect(pendingBefore).toBeGreaterThanOrEqual(3);
    expect(await checkAxe(page, '/public-comments', true)).toEqual([]);

    // A new comment arrives while the page is open: it appears without a reload.
    await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({
        query: 'mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }',
        variables: { input: { versionId, body: '広告や無関係な内容の投稿です。' } },
      }),
    });
    await poll(() => page.locator('.comment').count()).toBe(pendingBefore + 1);
    expect(await page.getByRole('status').textContent()).toContain('新しいご意見が届きました。');

    // Rejecting needs a reason.
    const spam = page.locator('.comment', { hasText: '広告や無関係な内容の投稿です。' });
    await spam.getByRole('button', { name: '非公表にする' }).click();
    await poll(() => spam.locator('.field__error').textContent()).toContain('非公表とする理由を入力してください。');
    await spam.getByLabel('非公表とする理由').fill('指針の案と関係のない内容のため。');
    await spam.getByRole('button', { name: '非公表にする' }).click();
    await poll(() => page.locator('.comment', { hasText: '広告や無関係な内容' }).count()).toBe(0);
    expect(await page.getByRole('status').textContent()).toContain('ご意見を非公表にしました。');

    // Publish the citizen's comment, then answer it.
    const citizen = page.locator('.comment', { hasText: '早めに知らせてほしい' });
    expect(await citizen.textContent()).toContain('川崎 花子');
    await citizen.getByRole('button', { name: '公表する' }).click();
    await poll(() => page.locator('.comment', { hasText: '早めに知らせてほしい' }).count()).toBe(0);
    await page.getByRole('link', { name: '公表済み' }).click();
    await page.waitForURL(/status=PUBLISHED/);
    const published = page.locator('.comment', { hasText: '早めに知らせてほしい' });
    await published.getByRole('button', { name: '市の考え方を保存する' }).click();
    await poll(() => published.locator('.field__error').textContent()).toContain('市の考え方を入力してください。');
    await published.getByLabel('市の考え方').fill('各区のホームページで、4月から5月に公表する時期をお知らせします。');
    await published.getByRole('button', { name: '市の考え方を保存する' }).click();
    await poll(() => page.getByRole('status').textContent()).toContain('市の考え方を保存しました。');
    expect(await checkAxe(page, '/public-comments', true)).toEqual([]);
    await screenshot(page, 'moderation-ja');
    await page.getByRole('link', { name: '非公表' }).click();
    await page.waitForURL(/status=REJECTED/);
    expect(await mainText(page)).toContain('非公表の理由：指針の案と関係のない内容のため。');
    expect(watched.problems).toEqual([]);
    await context.close();

    // The public table shows the published comment with the city's response, never the rejected one.
    const visitor = await open(desktop, `/guideline/${CODE}`);
    const table = visitor.page.locator('#comments table');
    expect(await table.textContent()).toContain('早めに知らせてほしい');
    expect(await table.textContent()).toContain('4月から5月に公表する時期をお知らせします');
    expect(await table.textContent()).toContain('9 年間スケジュール');
    const text = await mainText(visitor.page);
    expect(text).not.toContain('広告や無関係');
    expect(text).not.toContain('川崎 花子');
    expect(await checkAxe(visitor.page, '/guideline/[code]', false)).toEqual([]);
    await visitor.context.close();
  });

  it('keeps moderation to the policy department', async () => {
    const context = await browser.newContext(desktop);
    const page = await pageIn(context);
    await page.goto(`${app.url}/public-comments`);
    expect(new URL(page.url()).pathname).toBe('/signin');
    await signInThroughPage(page, app.url, 'committee.nakahara@example.jp', TEST_PASSWORD);
    expect((await page.goto(`${app.url}/public-comments`))?.status()).toBe(403);
    expect(
      await page
        .getByRole('navigation', { name: 'メインメニュー' })
        .getByRole('link', { name: 'パブリックコメント' })
        .count(),
    ).toBe(0);
    expect(await checkAxe(page, '(403)', true)).toEqual([]);
    await context.close();
  });

  it('tells a sender politely when too many comments came from one address, keeping the text', async () => {
    // Fill this address's allowance (5 an hour) directly, as the page's own sends count too.
    for (let i = 0; i < 10; i += 1) {
      const response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1' },
        body: JSON.stringify({
          query: 'mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }',
          variables: { input: { versionId, body: `テスト ${i}` } },
        }),
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      if (body.errors?.[0]?.extensions?.code === 'RATE_LIMITED') break;
    }
    for (const [options, label, button, title] of [
      [desktop, 'ご意見', '意見を送る', '短い時間に多くのご意見が送られたため'],
      [english, 'Your comment', 'Send the comment', 'Many comments were sent from your connection'],
    ] as const) {
      const { context, page } = await open(options, `/guideline/${CODE}`);
      await page.getByLabel(label, { exact: true }).fill('もう一件、意見を送ります。');
      await page.getByRole('button', { name: button }).click();
      await poll(() => page.getByRole('alert').textContent()).toContain(title);
      expect(await page.getByRole('alert').textContent()).toMatch(
        options.locale === 'en-GB' ? /send again from/ : /以降に送信できます/,
      );
      expect(await page.getByLabel(label, { exact: true }).inputValue()).toBe('もう一件、意見を送ります。');
      expect(await checkAxe(page, '/guideline/[code]', false)).toEqual([]);
      await context.close();
    }
  });
});

describe('the accessibility statement', () => {
  it('states the target and how it is tested, and shows the recorded results of the checks', async () => {
    for (const [options, heading, target] of [
      [desktop, 'アクセシビリティ', 'WCAG）2.2 のレベルAA'],
      [english, 'Accessibility', 'WCAG) 2.2 at level AA'],
    ] as const) {
      const { context, page } = await open({ ...options, javaScriptEnabled: false }, '/');
      await page.getByRole('contentinfo').getByRole('link', { name: heading }).click();
      await page.waitForURL(`${app.url}/accessibility`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
      expect(await mainText(page)).toContain(target);
      expect(await mainText(page)).toContain('axe-core');
      // What the page shows is what the recorded results say, row for row.
      expect(await page.locator('main table tbody tr').count()).toBe(reportAtBuild.entries.length);
      expect(await axeAt(options, '/accessibility', '/accessibility')).toEqual([]);
      if (options === desktop) await screenshot(page, 'accessibility-ja');
      await context.close();
    }
  });

  it('is checked signed in as well', async () => {
    const context = await browser.newContext(english);
    const page = await pageIn(context);
    await signInThroughPage(page, app.url, 'committee.nakahara@example.jp', TEST_PASSWORD);
    for (const [path, route] of [
      ['/accessibility', '/accessibility'],
      ['/guideline', '/guideline'],
      ['/wards', '/wards'],
      ['/guideline/H24.3', '/guideline/[code]'],
    ] as const) {
      await page.goto(`${app.url}${path}`);
      expect(await checkAxe(page, route, true), path).toEqual([]);
    }
    await context.close();
  });
});

describe('every route added here', () => {
  const PUBLIC: [string, string][] = [
    ['/wards', '/wards'],
    ['/wards/nakahara', '/wards/[code]'],
    ['/wards/nakahara/policy', '/wards/[code]/policy'],
    ['/wards/nakahara/policy/2026', '/wards/[code]/policy/[year]'],
    ['/guideline', '/guideline'],
    ['/guideline/H24.3', '/guideline/[code]'],
    ['/guideline/R9.1', '/guideline/[code]'],
    ['/accessibility', '/accessibility'],
  ];

  it('passes axe in Japanese and English, signed out and signed in', async () => {
    for (const options of [desktop, english]) {
      const visitor = await browser.newContext(options);
      const page = await pageIn(visitor);
      for (const [path, route] of PUBLIC) {
        await page.goto(`${app.url}${path}`);
        expect(await checkAxe(page, route, false), `${options.locale} ${path}`).toEqual([]);
      }
      await visitor.close();

      const mayor = await browser.newContext(options);
      const mayorPage = await pageIn(mayor);
      await signInThroughPage(mayorPage, app.url, 'mayor.nakahara@example.jp', TEST_PASSWORD);
      const signedIn: [string, string][] = [
        ...PUBLIC,
        ['/wards/nakahara/policy/2030/edit', '/wards/[code]/policy/[year]/edit'],
      ];
      for (const [path, route] of signedIn) {
        await mayorPage.goto(`${app.url}${path}`);
        expect(await checkAxe(mayorPage, route, true), `${options.locale} ${path}`).toEqual([]);
      }
      await mayor.close();

      const admin = await browser.newContext(options);
      const adminPage = await pageIn(admin);
      await signInThroughPage(adminPage, app.url, 'admin@example.jp', TEST_PASSWORD);
      for (const status of ['PENDING', 'PUBLISHED', 'REJECTED']) {
        await adminPage.goto(`${app.url}/public-comments?version=R9.1&status=${status}`);
        expect(await checkAxe(adminPage, '/public-comments', true), `${options.locale} ${status}`).toEqual([]);
      }
      await admin.close();
    }
    // About forty pages, each loaded and checked: longer than one interaction test.
  }, 300_000);
});
