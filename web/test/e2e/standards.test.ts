// The standards, the directors' meeting's March review, compliance and achievement — in a
// real chromium against the built app on the real API with sample data. The tests run in
// order: the review is opened, worked on (with and without JavaScript, by keyboard), then
// published, and the standard's public history shows what was raised.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, contrastFailures, headingLevels, outlineIsWellFormed } from '../support/a11y';
import { apiSession, TEST_PASSWORD } from '../support/api';
import { launchBrowser, screenshot, signInThroughPage, watch } from '../support/browser';
import { startApp, type RunningApp } from '../support/platform';

const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'ja-JP' };
const english: BrowserContextOptions = { ...desktop, locale: 'en-GB' };
const phone: BrowserContextOptions = { viewport: { width: 360, height: 780 }, locale: 'ja-JP', isMobile: true };

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function anonymousGraphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function signedIn(options: BrowserContextOptions, email: string): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signInThroughPage(page, app.url, email, TEST_PASSWORD);
  return page;
}

async function noSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('the standards catalogue (public)', () => {
  it('lists this year’s soft and hard standards with both levels, filters them, in Japanese and English', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    const watched = watch(page, app.url);
    await page.goto(`${app.url}/standards`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('区役所サービス基準');
    const cards = page.locator('.standard-card');
    const all = await cards.count();
    expect(all).toBeGreaterThan(5);
    expect(await page.locator('.standard-card').first().textContent()).toContain('最低基準');
    expect(await page.locator('.standard-card').first().textContent()).toContain('目指すべき姿');
    expect(await page.getByText('令和8年度 —').count()).toBe(1);
    expect(outlineIsWellFormed(await headingLevels(page))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(await contrastFailures(page)).toEqual([]);
    await screenshot(page, 'standards-ja');

    // Hard standards only, by the GET form (works without JavaScript too).
    await page.getByLabel('種類').selectOption('HARD');
    await page.getByRole('button', { name: '表示する' }).click();
    await page.waitForURL(/category=HARD/);
    const hard = await page.locator('.standard-card .category').allTextContents();
    expect(hard.length).toBeGreaterThan(0);
    expect(hard.length).toBeLessThan(all);
    expect(new Set(hard)).toEqual(new Set(['ハード基準']));
    await page.waitForLoadState('networkidle');
    expect(watched.problems).toEqual([]);
    await context.close();

    const en = await (await browser.newContext(english)).newPage();
    await en.goto(`${app.url}/standards?year=2025`);
    expect(await en.getByRole('heading', { level: 1 }).textContent()).toBe('Ward office service standards');
    expect(await en.getByText('FY2025 (Reiwa 7) —').count()).toBe(1);
    expect(await axeViolations(en)).toEqual([]);
    await screenshot(en, 'standards-en');
    await en.context().close();
  });

  it('shows a standard with its history, and a proper 404 for a code that does not exist', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(`${app.url}/standards/S-01`);
    expect(await page.locator('h1').textContent()).toBeTruthy();
    // S-01 was revised between FY2025 and FY2026 in the sample data: the history says so.
    expect(await page.locator('.history__item[data-year="2026"]').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    const missing = await page.goto(`${app.url}/standards/Z-99`);
    expect(missing?.status()).toBe(404);
    await context.close();
  });

  it('fits a 360px phone without sideways scrolling', async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    for (const path of ['/standards', '/standards/S-04', '/compliance', '/achievement']) {
      await page.goto(`${app.url}${path}`);
      expect(await noSidewaysScroll(page), path).toBe(true);
    }
    await page.goto(`${app.url}/compliance`);
    await screenshot(page, 'compliance-phone-ja');
    await page.goto(`${app.url}/achievement`);
    await screenshot(page, 'achievement-phone-ja');
    await context.close();
  });
});

describe('the March review', () => {
  it('refuses the workspace to anyone but the directors’ meeting and the policy department', async () => {
    const anonymous = await (await browser.newContext(desktop)).newPage();
    await anonymous.goto(`${app.url}/standards/review`);
    expect(new URL(anonymous.url()).pathname).toBe('/signin');
    await anonymous.context().close();

    const page = await signedIn(desktop, 'section.nakahara@example.jp');
    for (const path of ['/standards/review', '/standards/review/S-01', '/standards/review/publish']) {
      const response = await page.goto(`${app.url}${path}`);
      expect(response?.status(), path).toBe(403);
      expect(await page.locator('h1').textContent()).toBe('ページを表示できません');
    }
    // The menu does not offer it either.
    expect(await page.getByRole('link', { name: '基準の見直し', exact: true }).count()).toBe(0);
    // A posted action is refused on its own, without the page's load.
    const posted = await page.request.post(`${app.url}/standards/review?/open`, {
      form: {},
      headers: { origin: app.url },
    });
    expect(posted.status()).toBe(403);
    await page.context().close();
  });

  it('a director opens the review for the coming year and proposes a raised minimum level', async () => {
    const page = await signedIn(desktop, 'director@example.jp');
    const watched = watch(page, app.url);
    await page.getByRole('link', { name: '基準の見直し', exact: true }).click();
    await page.waitForURL(`${app.url}/standards/review`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '令和9年度の見直しを始める' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('見直しを始めました。');
    expect(await page.locator('tr[data-code]').count()).toBeGreaterThan(5);
    await screenshot(page, 'review-open-ja');

    await page.getByRole('link', { name: /見直し案を作る\s*: S-01/ }).click();
    await page.waitForURL(`${app.url}/standards/review/S-01`);
    expect(await page.locator('#rev-minimumValue').inputValue()).toBe('85');
    // A wrong value first: the enhanced form shows the field's error in place and keeps the text.
    await page.locator('#rev-minimumValue').fill('90点');
    await page.getByRole('button', { name: '見直し案を保存する' }).click();
    await expect.poll(() => page.locator('#rev-minimumValue-error').textContent()).toContain('数値で入力してください');
    expect(await page.locator('#rev-minimumValue').inputValue()).toBe('90点');
    expect(await page.locator('#rev-minimumValue').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#rev-minimumValue').fill('90');
    const minimum = page.locator('#rev-minimumLevel');
    await minimum.fill(`${await minimum.inputValue()}来庁者アンケートで応対がよいと答えた人が90%以上であること。`);
    await page.locator('#rev-changeNote').fill('全区で85%を達成したため、最低基準を90%に引き上げる。');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'review-propose-ja');
    await page.getByRole('button', { name: '見直し案を保存する' }).click();
    await page.waitForURL(`${app.url}/standards/review?done=saved`);
    const row = page.locator('tr[data-code="S-01"]');
    expect(await row.textContent()).toContain('引き上げ');
    expect(await row.textContent()).toContain('85% → 90%');
    await page.waitForLoadState('networkidle');
    expect(watched.problems).toEqual([]);
    await page.context().close();
  });

  it('works without JavaScript: field errors in the page’s language, what was typed kept, then saved', async () => {
    for (const [options, messages] of [
      [desktop, { number: '数値で入力してください', required: '入力してください。', save: '見直し案を保存する' }],
      [english, { number: 'Please enter a number', required: 'Please fill this in.', save: 'Save the proposal' }],
    ] as const) {
      const context = await browser.newContext({ ...options, javaScriptEnabled: false });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      await signInThroughPage(page, app.url, 'admin@example.jp', TEST_PASSWORD);
      await page.goto(`${app.url}/standards/review/S-03`);
      await page.locator('#rev-minimumValue').fill('十分');
      await page.locator('#rev-aspirationalLevel').fill('');
      await page.locator('#rev-changeNote').fill('待ち時間の基準を見直す。');
      await page.getByRole('button', { name: messages.save }).click();
      await page.waitForLoadState('load');
      expect(await page.locator('#rev-minimumValue-error').textContent()).toContain(messages.number);
      expect(await page.locator('#rev-aspirationalLevel-error').textContent()).toBe(messages.required);
      expect(await page.locator('#rev-minimumValue').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#rev-minimumValue').getAttribute('aria-describedby')).toBe('rev-minimumValue-error');
      // What was typed is still there.
      expect(await page.locator('#rev-minimumValue').inputValue()).toBe('十分');
      expect(await page.locator('#rev-changeNote').inputValue()).toBe('待ち時間の基準を見直す。');
      expect(await page.getByRole('alert').count()).toBeGreaterThan(0);
      // (axe needs JavaScript in the page; the same error state is checked with it in the next test.)
      if (options === desktop) await screenshot(page, 'review-errors-ja');
      await context.close();
    }

    // Retiring needs a reason; the adoption form checks its own fields. Then a valid retirement.
    const context = await browser.newContext({ ...desktop, javaScriptEnabled: false });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await signInThroughPage(page, app.url, 'admin@example.jp', TEST_PASSWORD);
    await page.goto(`${app.url}/standards/review/H-05`);
    await page.getByRole('button', { name: '廃止を予定に入れる' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#retire-reason-error').textContent()).toBe('入力してください。');
    await page.locator('#retire-reason').fill('H-03に統合するため。');
    await page.getByRole('button', { name: '廃止を予定に入れる' }).click();
    await page.waitForURL(`${app.url}/standards/review?done=retired`);
    expect(await page.locator('tr[data-code="H-05"]').textContent()).toContain('廃止');

    await page.goto(`${app.url}/standards/review/adopt`);
    await page.locator('#adopt-code').fill('S9');
    await page.getByRole('button', { name: '新しい基準として採用する' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#adopt-originTargetId-error').textContent()).toContain('採用する区の目標');
    expect(await page.locator('#adopt-code-error').textContent()).toContain('S-09');
    expect(await page.locator('#adopt-code').inputValue()).toBe('S9');
    expect(await page.locator('#adopt-principleIds-error').count()).toBe(1);
    await context.close();
  });

  it('a proposal can be written and saved with the keyboard alone', async () => {
    const page = await signedIn(desktop, 'director@example.jp');
    await page.goto(`${app.url}/standards/review/S-05`);
    // From the top of the page, Tab to the aspirational level (English) field, typing as a person would.
    await page.locator('body').focus();
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    for (let i = 0; i < 60 && (await focusedId()) !== 'rev-aspirationalLevelEn'; i += 1)
      await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('rev-aspirationalLevelEn');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Every call is answered within three rings, by staff who can help.');
    for (let i = 0; i < 20 && (await focusedId()) !== 'rev-changeNote'; i += 1) await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('rev-changeNote');
    // The focused field shows a visible focus ring.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.type('目指すべき姿を具体的にする。');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('見直し案を保存する');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.url}/standards/review?done=saved`);
    expect(await page.locator('tr[data-code="S-05"]').textContent()).toContain('改定');
    await page.context().close();
  });

  it('adopts a ward practice as a new standard and publishes the year’s set after a confirmation', async () => {
    const page = await signedIn(desktop, 'director@example.jp');
    const watched = watch(page, app.url);
    await page.goto(`${app.url}/standards/review`);
    await page.getByRole('link', { name: '区の取組を新しい基準として採用する' }).click();
    await page.waitForURL(`${app.url}/standards/review/adopt`);
    const options = await page.locator('#adopt-originTargetId option').allTextContents();
    const practice = options.find((o) => o.includes('中原区') && o.includes('大きく上回った'));
    expect(practice).toBeDefined();
    await page.locator('#adopt-originTargetId').selectOption({ label: practice! });
    await page.locator('#adopt-code').fill('S-09');
    await page.getByLabel('ソフト基準').check();
    await page.getByLabel('2. 市民の視点').check();
    await page.locator('#rev-title').fill('フロア案内');
    await page.locator('#rev-titleEn').fill('Floor guidance');
    await page.locator('#rev-minimumLevel').fill('繁忙期に、入口でフロア案内を行うこと。');
    await page.locator('#rev-minimumLevelEn').fill('Floor guidance at the entrance in the busy season.');
    await page.locator('#rev-aspirationalLevel').fill('一年を通じて、来庁者が迷わず窓口にたどり着けること。');
    await page.locator('#rev-aspirationalLevelEn').fill('All year, visitors find their counter without getting lost.');
    await page.locator('#rev-changeNote').fill('中原区の取組を全市の基準とする。');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'review-adopt-ja');
    await page.getByRole('button', { name: '新しい基準として採用する' }).click();
    await page.waitForURL(/done=adopted/);
    expect(await page.getByRole('status').textContent()).toContain('S-09');

    await page.getByRole('link', { name: '公開へ進む' }).click();
    await page.waitForURL(`${app.url}/standards/review/publish`);
    const summary = await page.locator('.kind-counts').textContent();
    expect(summary).toContain('新設 1件');
    expect(summary).toContain('引き上げ 1件');
    expect(summary).toContain('廃止 1件');
    expect(await page.locator('li[data-code="S-01"]').textContent()).toContain('85% → 90%');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'review-publish-ja');
    // Without the tick nothing is published.
    await page.getByRole('button', { name: 'この内容で公開する' }).click();
    await expect.poll(() => page.locator('#confirm-error').textContent()).toContain('チェック');
    await page.getByLabel('内容を確認しました').check();
    await page.getByRole('button', { name: 'この内容で公開する' }).click();
    await page.waitForURL(`${app.url}/standards/review?done=published`);
    expect(await page.getByRole('status').textContent()).toContain('令和9年度の基準を公開しました。');
    await page.waitForLoadState('networkidle');
    expect(watched.problems).toEqual([]);
    await page.context().close();

    // Anyone now reads the raise in the standard's history, marked not by colour alone.
    const visitor = await (await browser.newContext(desktop)).newPage();
    await visitor.goto(`${app.url}/standards/S-01`);
    const entry = visitor.locator('.history__item[data-year="2027"]');
    expect(await entry.getAttribute('data-kind')).toBe('RAISED');
    expect(await entry.locator('.kind').textContent()).toContain('引き上げ');
    expect((await entry.locator('ins').allTextContents()).join('')).toContain('90%以上');
    expect(await entry.locator('del').count()).toBe(0);
    expect(await entry.locator('ins .visually-hidden').first().textContent()).toContain('追加');
    expect(await entry.textContent()).toContain('85% → 90%');
    expect(
      await entry
        .locator('ins')
        .first()
        .evaluate((el) => getComputedStyle(el).textDecorationLine),
    ).toContain('underline');
    expect(await axeViolations(visitor)).toEqual([]);
    await screenshot(visitor, 'standard-history-ja');
    // The new standard keeps the ward it came from; next year's catalogue lists it.
    await visitor.goto(`${app.url}/standards/S-09`);
    expect(await visitor.locator('.page-header').textContent()).toContain('中原区の取組から採用');
    await visitor.goto(`${app.url}/standards?year=2027`);
    expect(await visitor.locator('.standard-card').filter({ hasText: 'S-09' }).count()).toBe(1);
    expect(await visitor.locator('.standard-card').filter({ hasText: 'H-05' }).count()).toBe(0);
    await visitor.context().close();
  });
});

type ComplianceCell = { ward: { name: string }; standard: { code: string }; level: string | null };
type LevelCount = { ward: { name: string } | null; achievementLevel: string; count: number };

describe('compliance and achievement (public)', () => {
  it('draws the compliance matrix with the API’s levels, as a grid and a table, in both languages', async () => {
    const api = await anonymousGraphql<{ standardCompliance: ComplianceCell[] }>(
      `{ standardCompliance(fiscalYear: 2025) { ward { name } standard { code } level } }`,
    );
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    const watched = watch(page, app.url);
    await page.goto(`${app.url}/compliance`);
    expect(await page.locator('h2#matrix-heading').textContent()).toBe('令和7年度');
    const grid = await page
      .locator('svg g[data-standard]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-level')));
    expect(grid).toEqual(api.standardCompliance.map((c) => c.level ?? 'NONE'));
    for (const cell of api.standardCompliance.filter((c) => c.level)) {
      const row = page
        .locator('.compliance-table tbody tr')
        .filter({ has: page.locator(`th:text-is("${cell.ward.name}")`) });
      expect(await row.locator(`td[data-standard="${cell.standard.code}"]`).getAttribute('data-level')).toBe(
        cell.level,
      );
    }
    expect(api.standardCompliance.some((c) => c.level === 'BELOW_MINIMUM')).toBe(true);
    expect(await page.locator('td[data-level="BELOW_MINIMUM"]').first().textContent()).toContain('✕');
    expect(outlineIsWellFormed(await headingLevels(page))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(await contrastFailures(page)).toEqual([]);
    await screenshot(page, 'compliance-ja');
    expect(watched.problems).toEqual([]);
    await context.close();

    const en = await (await browser.newContext(english)).newPage();
    await en.goto(`${app.url}/compliance?year=2025`);
    expect(await en.locator('h1').textContent()).toBe('Compliance with the standards by ward');
    expect(await en.locator('.compliance-table').textContent()).toContain('Below the minimum');
    // The matrix's download links, and the file they give.
    const csv = en.locator('a[href^="/exports/compliance.csv"]');
    expect(await csv.getAttribute('href')).toBe('/exports/compliance.csv?fiscalYear=2025&lang=en');
    expect(await en.locator('a[href^="/exports/compliance.xlsx"]').count()).toBe(1);
    const file = await fetch(`${app.url}/exports/compliance.csv?fiscalYear=2025&lang=en`);
    expect(file.status).toBe(200);
    expect((await file.text()).split('\r\n').filter(Boolean)).toHaveLength(api.standardCompliance.length + 1);
    expect(await axeViolations(en)).toEqual([]);
    await screenshot(en, 'compliance-en');
    await en.context().close();
  });

  it('draws achievement by ward, section, standard and year with the API’s numbers, in both languages', async () => {
    const api = await anonymousGraphql<{ targetCounts: LevelCount[] }>(
      `{ targetCounts(groupBy: [WARD, ACHIEVEMENT_LEVEL], fiscalYear: 2025, withResult: true, publishedOnly: true) { ward { name } achievementLevel count } }`,
    );
    expect(api.targetCounts.length).toBeGreaterThan(0);
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(`${app.url}/achievement?year=2025`);
    const chart = page.locator('#chart-by-ward');
    for (const row of api.targetCounts) {
      const tableRow = chart.locator('tbody tr').filter({ has: page.locator(`th:text-is("${row.ward!.name}")`) });
      expect(await tableRow.locator(`td[data-series="${row.achievementLevel}"]`).textContent()).toBe(String(row.count));
      const bar = chart.locator('.chart__row').filter({ hasText: row.ward!.name });
      expect(await bar.locator(`rect[data-series="${row.achievementLevel}"]`).getAttribute('data-value')).toBe(
        String(row.count),
      );
    }
    for (const id of ['by-section', 'by-standard', 'by-year']) {
      expect(await page.locator(`#chart-${id} .chart__row`).count(), id).toBeGreaterThan(0);
    }
    expect(outlineIsWellFormed(await headingLevels(page))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(await contrastFailures(page)).toEqual([]);
    await page.locator('#chart-by-ward summary').click();
    await screenshot(page, 'achievement-ja');
    await context.close();

    const en = await (await browser.newContext(english)).newPage();
    await en.goto(`${app.url}/achievement?year=2025`);
    expect(await en.locator('#by-ward').textContent()).toBe('Achievement by ward (FY2025 (Reiwa 7))');
    expect(await axeViolations(en)).toEqual([]);
    await screenshot(en, 'achievement-en');
    await en.context().close();
  });

  it('shows directors every ward side by side on their home, with the API’s counts', async () => {
    const director = await apiSession(app.url, 'director@example.jp');
    const api = await director.graphql<{ targetCounts: { ward: { name: string }; state: string; count: number }[] }>(
      `{ targetCounts(groupBy: [WARD, STATE], fiscalYear: 2026) { ward { name } state count } }`,
    );
    const page = await signedIn(desktop, 'director@example.jp');
    const chart = page.locator('section[aria-labelledby="all-wards"]');
    expect(await chart.locator('.chart__row').count()).toBe(7);
    for (const row of api.targetCounts) {
      const bar = chart.locator('.chart__row').filter({ hasText: row.ward.name });
      expect(await bar.locator(`rect[data-series="${row.state}"]`).getAttribute('data-value')).toBe(String(row.count));
    }
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'home-director-ja');
    await page.context().close();

    const en = await signedIn(english, 'admin@example.jp');
    expect(await en.getByRole('heading', { name: /Targets of every ward/ }).count()).toBe(1);
    expect(await axeViolations(en)).toEqual([]);
    await screenshot(en, 'home-policy-admin-en');
    await en.context().close();
  });
});
