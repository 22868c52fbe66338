// The API as a product for reporting tools: staff create API tokens, see the secret once, use
// it, revoke it; the developer guide, the schema reference and GraphiQL — in a real chromium
// against the built app on the real API with sample data.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, contrastFailures, headingLevels, outlineIsWellFormed } from '../support/a11y';
import { TEST_PASSWORD } from '../support/api';
import { launchBrowser, screenshot, signInThroughPage, watch } from '../support/browser';
import { startApp, type RunningApp } from '../support/platform';

const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: 'ja-JP' };
const phone: BrowserContextOptions = { viewport: { width: 360, height: 740 }, locale: 'ja-JP', isMobile: true };

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Sends a query with a bearer token, as a reporting tool would. */
async function withToken(token: string, query: string) {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}

async function noSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('API tokens', () => {
  it('creates a token, shows it once, works with fetch, shows its last use, and fails at once when revoked', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    const watched = watch(page, app.url);
    await signInThroughPage(page, app.url, 'mayor.nakahara@example.jp', TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'APIトークン' }).click();
    await page.waitForURL(`${app.url}/settings/tokens`);
    expect(await page.getByRole('heading', { level: 1, name: 'APIトークン' }).count()).toBe(1);
    // A ward mayor may read the ward, not the whole city: READ_ALL is not offered.
    expect(await page.getByLabel('公開されている情報のみ').count()).toBe(1);
    expect(await page.getByLabel('区の情報（公開前を含む）').count()).toBe(1);
    expect(await page.getByLabel('市全体の情報（公開前を含む）').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.waitForLoadState('networkidle');

    await page.getByLabel('名前').fill('中原区 年度報告');
    await page.getByLabel('区の情報（公開前を含む）').check();
    await page.getByLabel('区', { exact: true }).selectOption({ label: '中原区' });
    await page.getByRole('button', { name: 'トークンを作成する' }).click();
    const secret = page.getByLabel('「中原区 年度報告」のトークン');
    await secret.waitFor();
    const token = await secret.inputValue();
    expect(token).toMatch(/^shishin_/);
    expect(await page.getByRole('alert').textContent()).toContain('このトークンは今だけ表示されます');
    expect(await page.getByRole('button', { name: 'コピーする' }).count()).toBe(1);
    // The form was cleared for the next one; the list shows the new token with its prefix.
    expect(await page.getByLabel('名前').inputValue()).toBe('');
    const item = page.locator('.token', { has: page.getByRole('heading', { name: '中原区 年度報告' }) });
    expect(await item.locator('dd').first().textContent()).toContain(token.slice(0, 12));
    expect(await item.locator('.token__last-used').textContent()).toContain('まだ使われていません');
    expect(await item.textContent()).toContain('区の情報（公開前を含む）（中原区）');
    expect(await axeViolations(page)).toEqual([]);
    expect(await contrastFailures(page)).toEqual([]);
    expect(outlineIsWellFormed(await headingLevels(page))).toBe(true);
    await screenshot(page, 'tokens-created-ja');

    // Shown once: the page loaded again does not have it.
    await page.reload();
    expect(await page.getByLabel('「中原区 年度報告」のトークン').count()).toBe(0);
    expect(await page.content()).not.toContain(token);

    // The token works with fetch, and reads the ward's unpublished work.
    const used = await withToken(token, '{ improvementTargets(first: 5, state: DRAFT) { edges { node { title } } } }');
    expect(used.status).toBe(200);
    expect(used.body.errors).toBeUndefined();
    await page.reload();
    const lastUsed = await item.locator('.token__last-used').textContent();
    expect(lastUsed).not.toContain('まだ使われていません');
    expect(lastUsed).toMatch(/令和\d+年\d+月\d+日/);

    // Revoke, with a confirmation step; the token fails at once.
    await item.getByRole('link', { name: /取り消す/ }).click();
    await page.getByRole('heading', { name: '「中原区 年度報告」を取り消しますか' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'tokens-confirm-ja');
    await page.locator('.confirm').getByRole('button', { name: '取り消す' }).click();
    await expect
      .poll(() => page.locator('.tokens__status').textContent())
      .toContain('「中原区 年度報告」を取り消しました');
    expect(await item.locator('.token__state').textContent()).toBe('取り消し済み');
    const refused = await withToken(token, '{ viewer { id } }');
    expect(refused.status).toBe(401);
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it('refuses a broader scope than the viewer’s roles allow, with the API’s message at the field, keeping what was typed', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await signInThroughPage(page, app.url, 'section.nakahara@example.jp', TEST_PASSWORD);
    await page.goto(`${app.url}/settings/tokens`);
    await page.waitForLoadState('networkidle');
    expect(await page.getByLabel('市全体の情報（公開前を含む）').count()).toBe(0);
    // A hand-made request for READ_ALL (as a crafted form post would send): the API refuses it.
    await page.getByLabel('名前').fill('市全体を読みたい');
    await page.locator('#token-scope-READ_PUBLISHED').evaluate((radio: HTMLInputElement) => (radio.value = 'READ_ALL'));
    await page.getByRole('button', { name: 'トークンを作成する' }).click();
    const error = page.locator('#token-scope-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('自治政策部と区民サービス部長会議の方だけ');
    expect(await page.getByLabel('名前').inputValue()).toBe('市全体を読みたい');
    expect(await page.locator('#token-scope-READ_PUBLISHED').getAttribute('aria-describedby')).toContain(
      'token-scope-error',
    );
    expect(await page.getByRole('alert').textContent()).toContain('入力内容を確認してください');
    expect(await axeViolations(page)).toEqual([]);

    // An empty name is refused at the field, in English too.
    await page.goto(`${app.url}/lang?to=en&redirect=/settings/tokens`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'Create token' }).click();
    // The browser's own `required` check stops an empty name before it is sent.
    expect(await page.getByLabel('Name').evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(true);
    await page.getByLabel('Name').fill('   ');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.locator('#token-name-error').waitFor();
    expect(await page.locator('#token-name-error').textContent()).toBe('Enter a name.');
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'tokens-error-en');
    await context.close();
  });

  it('creates and revokes a token without JavaScript', async () => {
    const context = await browser.newContext({ ...desktop, javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInThroughPage(page, app.url, 'director@example.jp', TEST_PASSWORD);
    await page.goto(`${app.url}/settings/tokens`);
    // A director reads the whole city: READ_ALL is offered.
    await page.getByLabel('名前').fill('全区の集計（JSなし）');
    await page.getByLabel('市全体の情報（公開前を含む）').check();
    await page.getByLabel('有効期限').selectOption({ label: '30日' });
    await page.getByRole('button', { name: 'トークンを作成する' }).click();
    await page.waitForLoadState('load');
    const token = await page.getByLabel('「全区の集計（JSなし）」のトークン').inputValue();
    expect(token).toMatch(/^shishin_/);
    // Without JavaScript there is no copy button: the secret is selectable text.
    expect(await page.getByRole('button', { name: 'コピーする' }).count()).toBe(0);
    expect((await withToken(token, '{ viewer { id } }')).status).toBe(200);

    const item = page.locator('.token', { has: page.getByRole('heading', { name: '全区の集計（JSなし）' }) });
    expect(await item.textContent()).toContain('市全体の情報');
    await item.getByRole('link', { name: /取り消す/ }).click();
    await page.waitForURL(/revoke=/);
    await page.getByRole('button', { name: '取り消す', exact: true }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.tokens__status').textContent()).toContain('を取り消しました');
    expect((await withToken(token, '{ viewer { id } }')).status).toBe(401);

    // A field error without JavaScript: the name comes back as typed.
    await page.getByLabel('名前').fill('x'.repeat(101));
    await page.getByRole('button', { name: 'トークンを作成する' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#token-name-error').textContent()).toBe('名前は100文字以内で入力してください。');
    expect(await page.getByLabel('名前').inputValue()).toBe('x'.repeat(101));
    expect(await page.getByLabel('名前').getAttribute('aria-describedby')).toContain('token-name-error');
    // (axe needs JavaScript in the page; the same form's errors are checked with it above.)
    await context.close();
  });

  it('creates a token with the keyboard alone', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await signInThroughPage(page, app.url, 'coordinator.nakahara@example.jp', TEST_PASSWORD);
    await page.goto(`${app.url}/settings/tokens`);
    await page.waitForLoadState('networkidle');
    await page.locator('body').focus();
    // Tab to the name field from the top of the page.
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'token-name')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('token-name');
    await page.keyboard.type('キーボードで作成');
    await page.keyboard.press('Tab'); // the first scope (READ_PUBLISHED, checked)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('token-scope-READ_PUBLISHED');
    await page.keyboard.press('ArrowDown'); // READ_WARD
    expect(await page.locator('#token-scope-READ_WARD').isChecked()).toBe(true);
    await page.keyboard.press('Tab'); // the ward (a coordinator has one ward: chosen already)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('token-ward');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('token-expiry');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('トークンを作成する');
    // The focused control has a visible focus ring.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByLabel('「キーボードで作成」のトークン').waitFor();
    expect(await page.getByLabel('「キーボードで作成」のトークン').inputValue()).toMatch(/^shishin_/);
    await context.close();
  });

  it('sends a signed-out visitor to sign in, and fits a 360px phone', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(`${app.url}/settings/tokens`);
    expect(new URL(page.url()).pathname).toBe('/signin');
    await signInThroughPage(page, app.url, 'committee.miyamae@example.jp', TEST_PASSWORD);
    // The header's name is hidden on a phone, so sign in wide and then narrow the window.
    await page.setViewportSize(phone.viewport!);
    await page.goto(`${app.url}/settings/tokens`);
    expect(await noSidewaysScroll(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'tokens-phone-ja');
    await context.close();
  });
});

describe('the developer guide and the schema reference', () => {
  it('explains tokens, calls, limits, budgets, errors, exports and subscriptions, in Japanese and English, signed out', async () => {
    for (const [locale, heading, sections] of [
      ['ja-JP', '開発者向け：指針のAPI', ['トークンを手に入れる', '上限とコスト', 'よく使う集計の例']],
      ['en-GB', 'For developers: the guideline API', ['Get a token', 'Limits and cost', 'Examples for common reports']],
    ] as const) {
      const context = await browser.newContext({ ...desktop, locale });
      const page = await context.newPage();
      const watched = watch(page, app.url);
      await page.goto(`${app.url}/developers`);
      expect(await page.getByRole('heading', { level: 1, name: heading }).count()).toBe(1);
      for (const name of sections) expect(await page.getByRole('heading', { level: 2, name }).count()).toBe(1);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain('Authorization: Bearer');
      expect(text).toContain('x-ratelimit-remaining');
      expect(text).toContain('documentId');
      expect(text).toContain('graphql-ws');
      expect(text).toContain(`${app.url}/exports/targets.csv?fiscalYear=`);
      // The export links for this year, labelled for screen readers.
      const csv = page.getByRole('link', { name: /^CSV/ });
      expect(await csv.getAttribute('href')).toMatch(/^\/exports\/targets\.csv\?fiscalYear=\d{4}/);
      expect(await csv.getAttribute('aria-label')).toBeNull();
      expect(await page.getByRole('link', { name: /^Excel/ }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      expect(await contrastFailures(page)).toEqual([]);
      expect(outlineIsWellFormed(await headingLevels(page))).toBe(true);
      await page.waitForLoadState('networkidle');
      expect(watched.problems).toEqual([]);
      await screenshot(page, `developers-${locale.slice(0, 2)}`);
      await context.close();
    }
  });

  it('states a worked cost that the API’s queryCost agrees with, and its export link downloads a CSV', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(`${app.url}/developers`);
    const worked = (await page.locator('#limits pre').first().textContent()) ?? '';
    const stated = (await page.locator('.developers__total').textContent()) ?? '';
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query Cost($q: String!) { queryCost(query: $q) { cost } }',
        variables: { q: worked },
      }),
    });
    const { data } = (await response.json()) as { data: { queryCost: { cost: number } } };
    expect(stated).toContain(data.queryCost.cost.toLocaleString('ja-JP'));

    const href = await page.getByRole('link', { name: /^CSV/ }).getAttribute('href');
    const csv = await fetch(`${app.url}${href}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    await context.close();
  });

  it('lists every type of schema.graphql with its field descriptions, filters them, and passes axe in both languages', async () => {
    for (const locale of ['ja-JP', 'en-GB'] as const) {
      const context = await browser.newContext({ ...desktop, locale });
      const page = await context.newPage();
      const watched = watch(page, app.url);
      await page.goto(`${app.url}/developers/schema`);
      const apiToken = page.locator('section#ApiToken');
      expect(await apiToken.locator('h2').textContent()).toContain('ApiToken');
      // Descriptions come from schema/schema.graphql, not from hand-written text.
      expect(await apiToken.textContent()).toContain('When it was last used (to within a minute).');
      expect(await apiToken.textContent()).toContain(
        'A bearer token for reporting tools. The secret is shown once, when created',
      );
      // Arguments with their descriptions; named types link to their anchors.
      const query = page.locator('section#Query');
      expect(await query.locator('[id="Query.standardChanges"]').textContent()).toContain('The earlier fiscal year.');
      expect(await query.locator('[id="Query.standardChanges"] a[href="#StandardChange"]').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      expect(outlineIsWellFormed(await headingLevels(page))).toBe(true);
      await page.waitForLoadState('networkidle');
      expect(watched.problems).toEqual([]);
      if (locale === 'ja-JP') await screenshot(page, 'schema-ja');
      await context.close();
    }
    // axe reads every one of the reference's ~200 types, twice: slow on a shared 2-core machine.
  }, 180_000);

  it('filters the reference as you type, and without JavaScript through the form', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(`${app.url}/developers/schema`);
    await page.waitForLoadState('networkidle');
    const total = await page.locator('section.ref').count();
    expect(total).toBeGreaterThan(50);
    await page.getByLabel('型やフィールドの名前で絞り込む').fill('achievementScore');
    await expect.poll(() => page.locator('section.ref').count()).toBeLessThan(total);
    expect(await page.locator('section#TargetResult').count()).toBe(1);
    expect(await page.locator('section#Ward').count()).toBe(0);
    expect(await page.getByRole('status').textContent()).toContain(`${total}件中`);
    await context.close();

    const noJs = await browser.newContext({ ...desktop, javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${app.url}/developers/schema`);
    await plain.getByLabel('種類').selectOption({ label: '列挙' });
    await plain.getByLabel('型やフィールドの名前で絞り込む').fill('scope');
    await plain.getByRole('button', { name: '絞り込む' }).click();
    await plain.waitForURL(/kind=ENUM/);
    expect(await plain.locator('section#ApiTokenScope').count()).toBe(1);
    expect(await plain.locator('section#ApiToken').count()).toBe(0);
    expect(await plain.getByLabel('型やフィールドの名前で絞り込む').inputValue()).toBe('scope');
    await noJs.close();
  });
});

describe('GraphiQL', () => {
  it('asks a signed-out visitor to sign in, and ships no React to other pages', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(`${app.url}/developers/graphiql`);
    expect(await page.getByRole('heading', { level: 2, name: 'GraphiQLを使うにはログインが必要です' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'ログインする' }).getAttribute('href')).toBe(
      '/signin?redirect=%2Fdevelopers%2Fgraphiql',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${app.url}/developers`);
    await page.waitForLoadState('networkidle');
    expect(scripts.filter((url) => /graphiql/i.test(url))).toEqual([]);
    await context.close();
  });

  it('runs an example report query with the signed-in session and shows the result', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    const watched = watch(page, app.url);
    await signInThroughPage(page, app.url, 'mayor.nakahara@example.jp', TEST_PASSWORD);
    await page.goto(`${app.url}/developers/graphiql?example=standardChanges`);
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    // The example tabs are preloaded, the chosen one first.
    await expect.poll(() => page.locator('.graphiql-tab').count()).toBe(3);
    expect(await page.locator('.graphiql-query-editor .CodeMirror-code').textContent()).toContain('StandardsChanged');
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toContain('"standardChanges"');
    expect(await result.textContent()).toContain('"kind"');

    // Another tab, run with the session: a ward's targets with their results.
    await page.locator('.graphiql-tab', { hasText: 'WardTargetsWithResults' }).click();
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toContain('"中原区"');
    expect(await axeViolations(page)).toEqual([]);
    await page.waitForLoadState('networkidle');
    expect(watched.problems).toEqual([]);
    await screenshot(page, 'graphiql-ja');
    await context.close();
  });
});
