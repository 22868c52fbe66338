// Improvement targets through the yearly cycle, as the people who do it would: a section drafts
// and submits, the committee comments (seen live by the section) and reviews, the chair
// decides, the mayor publishes, and a citizen reads it — in real chromium against the built
// app on the real API with sample data, each person in their own browser context.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, contrastFailures, headingLevels, outlineIsWellFormed } from '../support/a11y';
import { apiSession, TEST_PASSWORD } from '../support/api';
import { launchBrowser, screenshot, signInThroughPage, watch } from '../support/browser';
import { startApp, type RunningApp } from '../support/platform';

const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'ja-JP' };
const phone: BrowserContextOptions = { viewport: { width: 360, height: 780 }, locale: 'ja-JP', isMobile: true };

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => {})));
  await browser?.close();
  await app?.stop();
});

async function personAt(email: string | null, options: BrowserContextOptions = desktop): Promise<Page> {
  // Signed in at desktop width (the header shows who is signed in there), then sized as asked.
  const context = await browser.newContext({ ...options, viewport: desktop.viewport, isMobile: false });
  contexts.push(context);
  const page = await context.newPage();
  if (email) await signInThroughPage(page, app.url, email, TEST_PASSWORD);
  if (options.viewport) await page.setViewportSize(options.viewport);
  return page;
}

async function expectAccessible(page: Page, label: string): Promise<void> {
  expect(await axeViolations(page), label).toEqual([]);
  expect(outlineIsWellFormed(await headingLevels(page)), `${label}: heading outline`).toBe(true);
}

/** Fills the new-target form the way a person would, and saves. */
async function draftTarget(page: Page, title: string): Promise<string> {
  await page.goto(`${app.url}/targets/new`);
  await page.getByLabel('目標の名前').fill(title);
  await page.getByLabel('取組内容').fill('番号札の発券時に、待ち時間の目安を案内する。');
  await page.locator('input[name=standardIds]').first().check();
  await page.locator('input[name=principleIds]').nth(1).check();
  await page.getByLabel('指標').fill('証明書発行の平均待ち時間');
  await page.getByLabel('現状値').fill('25');
  await page.getByLabel('目標値').fill('15');
  await page.getByLabel('単位').fill('分');
  await page.getByLabel('達成期限', { exact: true }).fill('2027-03-31');
  await page.getByRole('button', { name: '下書きを保存する' }).click();
  await page.waitForURL(/\/targets\/[^/]+\?saved=1$/);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  return new URL(page.url()).pathname.split('/')[2]!;
}

describe('the main flow of a target', () => {
  it('goes from a section’s draft through live comments and review to a published target a citizen can read', async () => {
    const section = await personAt('section.nakahara@example.jp');
    const watched = watch(section, app.url);

    // The menu leads to the list; the list to the form.
    await section
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: '目標', exact: true })
      .click();
    await section.getByRole('heading', { level: 1, name: '区役所サービス向上目標' }).waitFor();
    await expectAccessible(section, 'list ja');
    expect(await contrastFailures(section)).toEqual([]);
    await screenshot(section, 'targets-list-ja');
    await section.getByRole('link', { name: '目標を作成する' }).click();
    await section.getByRole('heading', { level: 1, name: '目標を作成する' }).waitFor();
    await expectAccessible(section, 'new ja');
    await screenshot(section, 'target-new-ja');

    const title = '証明書発行の待ち時間を15分以内に';
    const id = await draftTarget(section, title);
    expect(await section.locator('.page-header .state').textContent()).toBe('下書き');
    expect(await section.getByRole('status').first().textContent()).toContain('保存しました');
    expect(await section.locator('.facts').first().textContent()).toContain('15 分');
    await expectAccessible(section, 'target draft ja');

    // Submit for review: the committee's round opens with its two reviewers.
    await section.getByRole('button', { name: '審査に提出する' }).click();
    await expect.poll(() => section.locator('.page-header .state').textContent(), { timeout: 15_000 }).toBe('審査中');
    await expect
      .poll(() => section.getByTestId('review-progress').first().textContent(), { timeout: 15_000 })
      .toContain('2人中0人');

    // A committee member, in another browser, comments; the section sees it appear live.
    const member = await personAt('committee.nakahara@example.jp');
    await member.goto(`${app.url}/targets/${id}`);
    await member.getByRole('heading', { level: 1, name: title }).waitFor();
    await section.waitForLoadState('networkidle');
    const body = '@section.nakahara 待ち時間はどの時間帯で測りますか。';
    await member.getByRole('textbox', { name: 'コメント', exact: true }).fill(body);
    await member.getByLabel('引用する部分（任意）').fill('待ち時間の目安を案内する');
    await member.getByRole('button', { name: 'コメントする' }).click();
    await member.getByText('コメントしました。').waitFor();
    await section.locator('.comments .comment__body', { hasText: '待ち時間はどの時間帯で測りますか' }).waitFor({
      timeout: 10_000,
    });
    expect(await section.getByTestId('comments-live').textContent()).toBe('佐藤 由美さんがコメントしました。');
    expect(await section.locator('.comment__quote').first().textContent()).toContain('待ち時間の目安を案内する');
    expect(await section.locator('.comment__mention').first().textContent()).toBe('@section.nakahara');
    await expectAccessible(section, 'target in review with a comment');
    await screenshot(section, 'target-in-review-ja');

    // The section answers in the thread.
    await section.getByText('返信する', { exact: true }).first().click();
    await section.getByLabel('佐藤 由美さんへの返信').fill('平日の10時から12時に測ります。');
    await section.getByRole('button', { name: '返信を送る' }).click();
    await member.locator('.thread__replies .comment__body', { hasText: '10時から12時' }).waitFor({ timeout: 10_000 });

    // The member asks for changes; the section's review panel follows live.
    await member.getByLabel('修正を求める').check();
    await member.getByLabel('意見').fill('測定する時間帯を取組内容に書いてください。');
    await member.getByRole('button', { name: '審査を記録する' }).click();
    await member.getByText('審査を記録しました。').waitFor();
    await expect
      .poll(() => section.getByTestId('review-progress').first().textContent(), { timeout: 10_000 })
      .toContain('2人中1人');
    expect(await section.locator('.round__table').first().textContent()).toContain('修正を求める');

    // The chair sends it back; the section revises and resubmits.
    const chair = await personAt('chair.nakahara@example.jp');
    await chair.goto(`${app.url}/targets/${id}`);
    await chair.getByLabel('修正してほしい点').fill('測定の時間帯を明記すること。');
    await chair.getByRole('button', { name: '修正を依頼する' }).click();
    await expect.poll(() => chair.locator('.page-header .state').textContent(), { timeout: 15_000 }).toBe('修正依頼');

    await section.reload();
    await section.getByRole('link', { name: '編集する' }).click();
    await section.getByRole('heading', { level: 1, name: '目標を編集する' }).waitFor();
    await expectAccessible(section, 'edit ja');
    const description = section.getByLabel('取組内容');
    await description.fill('平日10時から12時の待ち時間を測り、番号札の発券時に待ち時間の目安を案内する。');
    await section.getByRole('button', { name: '変更を保存する' }).click();
    await section.waitForURL(/\?saved=1$/);
    await section.getByRole('link', { name: '版の履歴' }).click();
    await section.getByRole('heading', { level: 1 }).waitFor();
    expect(await section.locator('ins').first().textContent()).toContain('平日10時から12時の待ち時間を測り、');
    expect(await section.locator('.change dt').allTextContents()).toEqual(['取組内容']);
    await expectAccessible(section, 'revisions');
    await screenshot(section, 'target-revisions-ja');
    await section.goBack();
    await section.getByRole('button', { name: '審査に提出する' }).click();
    await expect.poll(() => section.locator('.page-header .state').textContent(), { timeout: 15_000 }).toBe('審査中');

    // Round 2: the member approves, the chair approves the target, the mayor publishes.
    await member.reload();
    await member.getByLabel('承認', { exact: true }).check();
    await member.getByRole('button', { name: '審査を記録する' }).click();
    await member.getByText('審査を記録しました。').waitFor();
    await chair.reload();
    await chair.getByRole('button', { name: '承認する' }).click();
    await expect.poll(() => chair.locator('.page-header .state').textContent(), { timeout: 15_000 }).toBe('承認済み');
    const mayor = await personAt('mayor.nakahara@example.jp');
    await mayor.goto(`${app.url}/targets/${id}`);
    await mayor.getByRole('button', { name: '公開する' }).click();
    await expect.poll(() => mayor.locator('.page-header .state').textContent(), { timeout: 15_000 }).toBe('公開済み');
    expect(await mayor.locator('.timeline').textContent()).toContain('公開');

    // A citizen reads it at its URL, without comments or staff actions.
    const citizen = await personAt(null);
    await citizen.goto(`${app.url}/targets/${id}`);
    await citizen.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await citizen.locator('.comments').count()).toBe(0);
    expect(await citizen.getByText('職員のログインが必要です').count()).toBe(1);
    await expectAccessible(citizen, 'published target, anonymous');
    await screenshot(citizen, 'target-published-anonymous-ja');
    expect(watched.problems).toEqual([]);
  }, 240_000);
});

describe('the year-end result', () => {
  it('is reported by the section, confirmed by the chair, published by the mayor, then carried over', async () => {
    const section = await personAt('section.nakahara@example.jp');
    const id = await draftTarget(section, '年度末に結果を報告する目標');
    // Through review quickly, as the other people would (their own pages are tested above).
    const staff = await apiSession(app.url, 'section.nakahara@example.jp');
    const chairApi = await apiSession(app.url, 'chair.nakahara@example.jp');
    const mayorApi = await apiSession(app.url, 'mayor.nakahara@example.jp');
    const { node } = await staff.graphql<{ node: { version: number } }>(
      'query($id: ID!) { node(id: $id) { ... on ImprovementTarget { version } } }',
      { id },
    );
    await staff.graphql(
      'mutation($input: SubmitImprovementTargetInput!) { submitImprovementTarget(input: $input) { id } }',
      { input: { id, expectedVersion: node.version } },
    );
    await chairApi.graphql(
      'mutation($input: ImprovementTargetRefInput!) { approveImprovementTarget(input: $input) { id } }',
      { input: { id } },
    );
    await mayorApi.graphql(
      'mutation($input: ImprovementTargetRefInput!) { publishImprovementTarget(input: $input) { id } }',
      { input: { id } },
    );

    await section.reload();
    // The evidence is required, and the level: both are said on their fields.
    await section.getByRole('button', { name: '結果を報告する' }).click();
    await section.locator('#evidence-error').waitFor();
    expect(await section.locator('#level-error').textContent()).toBe('達成度を選んでください。');
    await section.getByLabel('4 下回った').check();
    await section.getByLabel('実績値').fill('18');
    await section.getByLabel('根拠', { exact: true }).fill('12月の窓口計測（平日10時〜12時）の平均。');
    await section.getByRole('button', { name: '結果を報告する' }).click();
    await section.getByText('結果を報告しました。').waitFor();
    expect(await section.locator('#result-heading + p').textContent()).toContain('報告済み');
    expect(await section.locator('.facts').nth(1).textContent()).toContain('4 下回った');
    await expectAccessible(section, 'result reported');

    const chair = await personAt('chair.nakahara@example.jp');
    await chair.goto(`${app.url}/targets/${id}`);
    await chair.getByRole('button', { name: '結果を確認する' }).click();
    await chair.getByText('結果を確認しました。').waitFor();
    expect(await chair.getByRole('button', { name: '結果を確認する' }).count()).toBe(0);

    const mayor = await personAt('mayor.nakahara@example.jp');
    await mayor.goto(`${app.url}/targets/${id}`);
    await mayor.getByRole('button', { name: '結果を公開する' }).click();
    await mayor.getByText('結果を公開しました。').waitFor();
    expect(await mayor.locator('.timeline').textContent()).toContain('結果を公開');

    // Not achieved: the section carries it into next year, once.
    await section.reload();
    await section.getByRole('button', { name: '次の年度に引き継ぐ' }).click();
    await section.getByText('次の年度に引き継ぎました。').waitFor();
    expect(await section.getByRole('button', { name: '次の年度に引き継ぐ' }).count()).toBe(0);
    await section.getByRole('link', { name: '引き継いだ目標を開く' }).click();
    await section.getByText('令和8年度の目標「年度末に結果を報告する目標」を引き継いでいます。').waitFor();
    expect(await section.locator('.page-header .state').textContent()).toBe('下書き');
    await screenshot(section, 'target-carried-over-ja');
  }, 120_000);
});

describe('the target form', () => {
  it('rejects invalid values with messages on the fields, in Japanese and English, keeping what was typed', async () => {
    for (const [locale, labels] of [
      ['ja-JP', { target: '目標値', save: '下書きを保存する' }],
      ['en-GB', { target: 'Target value', save: 'Save the draft' }],
    ] as const) {
      const page = await personAt('section.nakahara@example.jp', { ...desktop, locale });
      await page.goto(`${app.url}/targets/new`);
      await page.locator('#field-description').fill('説明だけ書いた。');
      await page.getByLabel(labels.target).fill('十五');
      await page.getByRole('button', { name: labels.save }).click();
      await page.locator('#title-error').waitFor();
      const expected =
        locale === 'ja-JP'
          ? { title: '目標の名前を入力してください。', target: '半角の数字で入力してください（例: 15、3.5）。' }
          : { title: 'Enter a name for the target.', target: 'Enter a number (for example 15 or 3.5).' };
      expect(await page.locator('#title-error').textContent()).toBe(expected.title);
      expect(await page.locator('#targetValue-error').textContent()).toBe(expected.target);
      expect(await page.locator('#field-title').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#field-title').getAttribute('aria-describedby')).toContain('title-error');
      expect(await page.locator('#field-description').inputValue()).toBe('説明だけ書いた。');
      expect(await page.locator('#field-targetValue').inputValue()).toBe('十五');
      await expectAccessible(page, `field errors ${locale}`);
      await screenshot(page, `target-form-errors-${locale}`);
      await page.context().close();
    }
  });

  it('can be completed with the keyboard alone', async () => {
    const page = await personAt('section.nakahara@example.jp');
    await page.goto(`${app.url}/targets/new`);
    await page.locator('#field-title').focus();
    await page.keyboard.type('窓口の案内表示をやさしい日本語に');
    await page.keyboard.press('Tab');
    await page.keyboard.type('案内表示を見直す。');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // the first standard
    // Through the remaining standards and principles to the milestone, field by field.
    for (let i = 0; i < 40; i++) {
      const focused = await page.evaluate(() => document.activeElement?.id ?? '');
      if (focused === 'field-milestone') break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-milestone');
    await page.keyboard.type('全ての案内表示をやさしい日本語で併記する。');
    // On through the due date's year, month and day to the save button.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === '下書きを保存する') break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('下書きを保存する');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?saved=1$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('窓口の案内表示をやさしい日本語に');
    expect(await page.locator('.facts').first().textContent()).toContain('全ての案内表示をやさしい日本語で併記する。');
  });

  it('keeps the text when the session ended while typing, and saves after signing in on the page', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const page = await personAt('section.nakahara@example.jp', { ...desktop, javaScriptEnabled });
      await page.goto(`${app.url}/targets/new`);
      const title = `長い文章を書いている間に切れたセッション（JS ${javaScriptEnabled ? 'あり' : 'なし'}）`;
      await page.getByLabel('目標の名前').fill(title);
      await page.getByLabel('取組内容').fill('ここまで書いた長い文章。');
      await page.getByLabel('目標値').fill('90');
      // The session ends on the server (signed out elsewhere, or timed out).
      const cookies = await page.context().cookies();
      await page.context().clearCookies();
      await page
        .context()
        .addCookies(cookies.map((c) => (c.name === 'shishin_session' ? { ...c, value: 'ended-elsewhere' } : c)));
      await page.getByRole('button', { name: '下書きを保存する' }).click();
      await page.getByRole('heading', { name: 'ログインの有効期限が切れました' }).waitFor();
      expect(await page.locator('#field-title').inputValue()).toBe(title);
      expect(await page.locator('#field-description').inputValue()).toBe('ここまで書いた長い文章。');
      expect(await page.locator('#field-targetValue').inputValue()).toBe('90');
      // axe needs scripts in the page: the same page is checked with JavaScript on.
      if (javaScriptEnabled) {
        await expectAccessible(page, 'session expired');
        await screenshot(page, 'target-form-session-expired-ja');
      }

      await page.locator('#reauth-email').fill('section.nakahara@example.jp');
      await page.locator('#reauth-password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'ログインして保存する' }).click();
      await page.waitForURL(/\?saved=1$/, { timeout: 15_000 }).catch(async (error: unknown) => {
        await screenshot(page, `debug-reauth-${javaScriptEnabled}`);
        throw error;
      });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
      expect(await page.locator('.account__name').textContent()).toBe('鈴木 彩');
      await page.context().close();
    }
  }, 120_000);

  it('tells the person when someone else saved the draft first, keeping their text', async () => {
    const page = await personAt('section.nakahara@example.jp');
    const id = await draftTarget(page, '同時に編集される目標');
    await page.goto(`${app.url}/targets/${id}/edit`);
    // The section head saves first, in another browser.
    const head = await apiSession(app.url, 'head.nakahara@example.jp');
    const { node } = await head.graphql<{ node: { version: number } }>(
      'query($id: ID!) { node(id: $id) { ... on ImprovementTarget { version } } }',
      { id },
    );
    await head.graphql(
      'mutation($input: UpdateImprovementTargetInput!) { updateImprovementTarget(input: $input) { id } }',
      { input: { id, expectedVersion: node.version, title: '所属長が先に直した名前' } },
    );
    await page.getByLabel('取組内容').fill('私が書き足した文章。');
    await page.getByRole('button', { name: '変更を保存する' }).click();
    await page.getByText('ほかの人がこの目標を更新しました').waitFor();
    expect(await page.locator('#field-description').inputValue()).toBe('私が書き足した文章。');
    expect(await page.getByRole('link', { name: '最新の内容を開く（別のタブ）' }).count()).toBe(1);
  });

  it('creates a target and comments on it without JavaScript', async () => {
    const page = await personAt('section.nakahara@example.jp', { ...desktop, javaScriptEnabled: false });
    const id = await draftTarget(page, 'JavaScriptなしで作った目標');
    expect(await page.locator('.page-header .state').textContent()).toBe('下書き');
    // An empty comment is refused with a message; a real one is added.
    await page.getByRole('button', { name: 'コメントする' }).click();
    await page.locator('#new-comment-body-error').waitFor();
    expect(await page.locator('#new-comment-body-error').textContent()).toBe('コメントを入力してください。');
    await page.getByRole('textbox', { name: 'コメント', exact: true }).fill('JavaScriptなしでも書けます。');
    await page.getByRole('button', { name: 'コメントする' }).click();
    await page.locator('.comment__body', { hasText: 'JavaScriptなしでも書けます。' }).waitFor();
    // Edit, resolve and reopen through plain forms.
    await page.getByText('編集する', { exact: true }).last().click();
    await page.getByLabel('コメントを編集').fill('JavaScriptなしでも編集できます。');
    await page.getByRole('button', { name: '編集を保存する' }).click();
    await page.locator('.comment__body', { hasText: '編集できます' }).waitFor();
    await page.getByRole('button', { name: '解決済みにする' }).click();
    await page.locator('.comment__resolved').waitFor();
    await page.getByRole('button', { name: '再開する' }).click();
    await page.getByRole('button', { name: '解決済みにする' }).waitFor();
    await page.getByRole('button', { name: '削除する' }).click();
    await page.getByText('このコメントは削除されました。').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/targets/${id}`);
  });

  it('lets a keyboard user write a comment', async () => {
    const page = await personAt('section.nakahara@example.jp');
    await draftTarget(page, 'キーボードでコメントする目標');
    await page.locator('#new-comment-body').focus();
    await page.keyboard.type('キーボードだけで書いたコメント');
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'コメントする') break;
    }
    await page.keyboard.press('Enter');
    await page.locator('.comment__body', { hasText: 'キーボードだけで書いたコメント' }).waitFor();
  });
});

describe('who sees what', () => {
  it('answers another ward’s draft with a 404 page, and sends visitors of staff pages to sign in', async () => {
    const nakahara = await apiSession(app.url, 'section.nakahara@example.jp');
    const drafts = await nakahara.graphql<{ improvementTargets: { edges: { node: { id: string } }[] } }>(
      '{ improvementTargets(first: 5, state: DRAFT) { edges { node { id } } } }',
    );
    const draftId = drafts.improvementTargets.edges[0]!.node.id;
    const miyamae = await personAt('section.miyamae@example.jp');
    const response = await miyamae.goto(`${app.url}/targets/${draftId}`);
    expect(response?.status()).toBe(404);
    expect(await miyamae.getByRole('heading', { level: 1 }).textContent()).toBe('ページを表示できません');
    expect((await miyamae.goto(`${app.url}/targets/${draftId}/edit`))?.status()).toBe(404);
    expect((await miyamae.goto(`${app.url}/targets/${draftId}/revisions`))?.status()).toBe(404);
    expect((await miyamae.goto(`${app.url}/targets/not-an-id`))?.status()).toBe(404);

    const visitor = await personAt(null);
    await visitor.goto(`${app.url}/targets`);
    expect(new URL(visitor.url()).pathname).toBe('/signin');
    await visitor.goto(`${app.url}/targets/new`);
    expect(new URL(visitor.url()).pathname).toBe('/signin');
  });

  it('offers a committee member no form to create targets (403) and no edit of a section’s draft', async () => {
    const member = await personAt('committee.nakahara@example.jp');
    expect((await member.goto(`${app.url}/targets/new`))?.status()).toBe(403);
    await member.goto(`${app.url}/targets`);
    expect(await member.getByRole('link', { name: '目標を作成する' }).count()).toBe(0);
  });

  it('filters and pages the list, in English too, and fits a 360px phone', async () => {
    const page = await personAt('mayor.nakahara@example.jp', { ...desktop, locale: 'en-GB' });
    await page.goto(`${app.url}/targets`);
    await page.getByRole('heading', { level: 1, name: 'Service improvement targets' }).waitFor();
    await page.getByLabel('State').selectOption({ label: 'Published' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/state=PUBLISHED/);
    const states = await page.locator('.target-row .state').allTextContents();
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['Published']));
    await expectAccessible(page, 'list en');
    await screenshot(page, 'targets-list-en');

    // All years and wards: more than one page.
    await page.goto(`${app.url}/targets?ward=&year=`);
    const first = await page.locator('.target-row__title').allTextContents();
    if (await page.getByRole('link', { name: 'Next page' }).count()) {
      await page.getByRole('link', { name: 'Next page' }).click();
      await page.waitForURL(/after=/);
      const second = await page.locator('.target-row__title').allTextContents();
      expect(second.some((t) => first.includes(t))).toBe(false);
      await page.getByRole('link', { name: 'Previous page' }).click();
      await page.waitForURL(/before=/);
      expect(await page.locator('.target-row__title').allTextContents()).toEqual(first);
    }

    const small = await personAt('section.nakahara@example.jp', phone);
    for (const path of ['/targets', '/targets/new']) {
      await small.goto(`${app.url}${path}`);
      const overflow = await small.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect(overflow, path).toBe(false);
    }
    await screenshot(small, 'target-new-phone-ja');
  });

  it('shows every page of a target accessibly in English, signed in and out', async () => {
    const nakahara = await apiSession(app.url, 'section.nakahara@example.jp');
    const list = await nakahara.graphql<{ improvementTargets: { edges: { node: { id: string; state: string } }[] } }>(
      '{ improvementTargets(first: 50, fiscalYear: 2026) { edges { node { id state } } } }',
    );
    const published = list.improvementTargets.edges.find((e) => e.node.state === 'PUBLISHED')!.node.id;
    const draft = list.improvementTargets.edges.find((e) => e.node.state === 'DRAFT')!.node.id;
    const staff = await personAt('section.nakahara@example.jp', { ...desktop, locale: 'en-GB' });
    for (const path of [`/targets/${draft}`, `/targets/${draft}/edit`, `/targets/${draft}/revisions`, '/targets/new']) {
      await staff.goto(`${app.url}${path}`);
      await expectAccessible(staff, `en ${path}`);
    }
    await staff.goto(`${app.url}/targets/${draft}`);
    await screenshot(staff, 'target-draft-en');
    // The page's own words are English; only what the section wrote is in Japanese.
    for (const heading of [
      'What the section will do',
      'Indicator and target value',
      'What you can do with this target',
    ]) {
      expect(await staff.getByRole('heading', { name: heading }).count(), heading).toBe(1);
    }
    expect(await staff.locator('.page-header .state').textContent()).toBe('Draft');
    const visitor = await personAt(null, { ...desktop, locale: 'en-GB' });
    await visitor.goto(`${app.url}/targets/${published}`);
    await expectAccessible(visitor, 'en anonymous published');
    const phoneVisitor = await personAt(null, phone);
    await phoneVisitor.goto(`${app.url}/targets/${published}`);
    expect(await phoneVisitor.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await screenshot(phoneVisitor, 'target-published-phone-ja');
  });
});
