// Problems (課題) and proposals (改善提案), and the audit view of targets and standards, done
// as the people whose job it is: a section member records, the ward coordinator adopts, the
// history shows who changed what; another ward's staff get a 404; forms work without
// JavaScript and from the keyboard; every page passes axe in Japanese and English.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, contrastFailures, headingLevels, outlineIsWellFormed } from '../support/a11y';
import { apiSession, TEST_PASSWORD } from '../support/api';
import { launchBrowser, screenshot, signInThroughPage, watch } from '../support/browser';
import { startApp, type RunningApp } from '../support/platform';

const ja: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'ja-JP' };
const en: BrowserContextOptions = { ...ja, locale: 'en-GB' };
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

async function signedIn(email: string, options: BrowserContextOptions = ja): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signInThroughPage(page, app.url, email, TEST_PASSWORD);
  return page;
}

/** A page's checks that hold everywhere: axe, the heading outline, contrast, no console errors. */
async function expectAccessible(page: Page, watched?: { problems: string[] }): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  expect(outlineIsWellFormed(await headingLevels(page))).toBe(true);
  expect(await contrastFailures(page)).toEqual([]);
  if (watched) expect(watched.problems).toEqual([]);
}

type Targets = {
  improvementTargets: { edges: { node: { id: string; title: string; state: string; section: { code: string } } }[] };
};
async function nakaharaCitizensTarget(state: 'DRAFT' | 'PUBLISHED') {
  const member = await apiSession(app.url, 'section.nakahara@example.jp');
  const { improvementTargets } = await member.graphql<Targets>(
    `query($state: TargetState) { improvementTargets(state: $state, first: 100) { edges { node { id title state section { code ward { code } } } } } }`,
    { state },
  );
  const node = improvementTargets.edges.map((e) => e.node).find((t) => t.section.code === 'citizens');
  if (!node) throw new Error(`no ${state} target of 中原区 区民課 in the sample data`);
  return node;
}

describe('a section member records a problem and a proposal; the coordinator adopts the proposal', () => {
  it('goes from an empty list to an adopted target whose history shows the change', async () => {
    const page = await signedIn('section.nakahara@example.jp');
    const watched = watch(page, app.url);

    // The menu leads to the list; with nothing recorded yet it says what to do next.
    await page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: '課題・改善提案' })
      .click();
    await page.waitForURL(`${app.url}/problems`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('課題・改善提案');
    expect(await page.locator('.record-list__empty').textContent()).toContain('課題を記録する');
    await expectAccessible(page);
    await screenshot(page, 'problems-empty-ja');

    // A title left empty is refused with a message tied to the field; what was typed stays.
    await page.locator('.record-list__empty').getByRole('link', { name: '課題を記録する' }).click();
    await page.waitForURL(`${app.url}/problems/new`);
    await page.getByLabel('内容', { exact: true }).fill('3月・4月は証明書の受け取りまで1時間以上待つ方がいる。');
    await page.getByRole('button', { name: '記録する' }).click();
    const title = page.getByLabel('件名', { exact: true });
    await expect.poll(() => title.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#record-title-error').textContent()).toContain('件名を入力してください。');
    expect(await title.getAttribute('aria-describedby')).toContain('record-title-error');
    expect(await page.getByLabel('内容', { exact: true }).inputValue()).toBe(
      '3月・4月は証明書の受け取りまで1時間以上待つ方がいる。',
    );
    await expectAccessible(page);
    await screenshot(page, 'problem-form-error-ja');

    await title.fill('繁忙期に証明書の受け取りまで長く待つ');
    await page.getByLabel(/S-0\d/).first().check();
    await page.getByLabel('市民の視点').check();
    await page.getByRole('button', { name: '記録する' }).click();
    await page.waitForURL(/\/problems\/[^/]+\?saved=1$/);
    const problemUrl = page.url().replace('?saved=1', '');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('繁忙期に証明書の受け取りまで長く待つ');
    expect(await page.locator('.alert--success').textContent()).toContain('保存しました。');
    expect(await page.locator('.record__meta').textContent()).toContain('中原区 区民課');
    expect(await page.locator('.record__meta').textContent()).toContain('未対応');
    expect(await page.locator('.record__facts').textContent()).toContain('市民の視点');
    await expectAccessible(page);
    await screenshot(page, 'problem-ja');

    // A proposal answering it, from the problem's own page.
    await page.getByRole('link', { name: 'この課題への改善提案を記録する' }).click();
    await page.waitForURL(/\/proposals\/new\?problem=/);
    expect(await page.getByLabel('この提案が答える課題').inputValue()).not.toBe('');
    await page.getByLabel('件名', { exact: true }).fill('繁忙期は証明書の受け取り窓口を2つに増やす');
    await page.getByLabel('内容', { exact: true }).fill('3月第3週から4月第2週まで、受け取り専用の窓口を1つ追加する。');
    await page.getByRole('button', { name: '記録する' }).click();
    await page.waitForURL(/\/proposals\/[^/]+\?saved=1$/);
    const proposalUrl = page.url().replace('?saved=1', '');
    expect(await page.locator('.record__facts').textContent()).toContain('繁忙期に証明書の受け取りまで長く待つ');
    await expectAccessible(page, watched);
    await page.context().close();

    // The ward coordinator adopts the proposal as the section's draft target.
    const target = await nakaharaCitizensTarget('DRAFT');
    const coordinator = await signedIn('coordinator.nakahara@example.jp');
    const coordinatorWatch = watch(coordinator, app.url);
    await coordinator.goto(proposalUrl);
    expect(await coordinator.getByRole('heading', { level: 1 }).textContent()).toBe(
      '繁忙期は証明書の受け取り窓口を2つに増やす',
    );
    // Choosing nothing is refused at the field.
    await coordinator.getByRole('button', { name: '向上目標として採用する' }).click();
    await expect.poll(() => coordinator.locator('#decision-target-error').textContent()).toContain('採用先の目標');
    await coordinator.getByLabel('向上目標', { exact: true }).selectOption(target.id);
    await coordinator.getByRole('button', { name: '向上目標として採用する' }).click();
    await expect
      .poll(() => coordinator.locator('.alert--success').textContent())
      .toContain('向上目標として採用しました。');
    // The alert can come before the page's reload when a live event's reload was already under way.
    await expect.poll(() => coordinator.locator('.record__meta').textContent()).toContain('目標として採用');
    const link = coordinator.locator('.record__outcome').getByRole('link', { name: target.title });
    expect(await link.getAttribute('href')).toBe(`/targets/${encodeURIComponent(target.id)}`);
    await expectAccessible(coordinator, coordinatorWatch);
    await screenshot(coordinator, 'proposal-adopted-ja');

    // The section edits the target's title; its history shows both changes, newest first.
    const member = await apiSession(app.url, 'section.nakahara@example.jp');
    const { node } = await member.graphql<{ node: { version: number } }>(
      `query($id: ID!) { node(id: $id) { ... on ImprovementTarget { version } } }`,
      { id: target.id },
    );
    await member.graphql(
      `mutation($input: UpdateImprovementTargetInput!) { updateImprovementTarget(input: $input) { id } }`,
      { input: { id: target.id, expectedVersion: node.version, title: '繁忙期の証明書の受け取りを30分以内にする' } },
    );
    await coordinator.locator('.record__outcome').getByRole('link', { name: 'この目標の変更履歴' }).click();
    await coordinator.waitForURL(`${app.url}/targets/${encodeURIComponent(target.id)}/history`);
    const entries = coordinator.locator('.timeline__entry');
    expect(await entries.nth(0).locator('h2').textContent()).toBe('目標の内容を編集');
    expect(await entries.nth(0).textContent()).toContain('鈴木 彩さん');
    const titleRow = entries.nth(0).getByRole('row', { name: /件名/ });
    expect(await titleRow.locator('del').textContent()).toBe(target.title);
    expect(await titleRow.locator('ins').textContent()).toBe('繁忙期の証明書の受け取りを30分以内にする');
    expect(await entries.nth(1).locator('h2').textContent()).toBe('改善提案から採用');
    expect(await entries.nth(1).textContent()).toContain('小林 美穂さん');
    expect(
      await entries
        .nth(1)
        .getByRole('row', { name: /採用元の改善提案/ })
        .locator('ins')
        .textContent(),
    ).toBe('繁忙期は証明書の受け取り窓口を2つに増やす');
    // Dates in the Japanese era.
    expect(await entries.nth(0).locator('time').textContent()).toMatch(/^令和\d+年/);
    await expectAccessible(coordinator, coordinatorWatch);
    await screenshot(coordinator, 'target-history-ja');

    // The lists show where each record stands, and the filters narrow them.
    await coordinator.goto(`${app.url}/proposals`);
    expect(await coordinator.locator('.record-list__item').count()).toBe(1);
    await coordinator.getByLabel('状態').selectOption('DECLINED');
    await coordinator.getByRole('button', { name: '絞り込む' }).click();
    await coordinator.waitForURL(/status=DECLINED/);
    expect(await coordinator.locator('.record-list__empty').textContent()).toContain('条件に合う記録はありません');
    await expectAccessible(coordinator);
    await coordinator.goto(problemUrl);
    expect(await coordinator.locator('.record__main').textContent()).toContain('目標として採用');
    await coordinator.context().close();
  });

  it('shows the same pages in English, with English chrome and no stray Japanese labels', async () => {
    const page = await signedIn('coordinator.nakahara@example.jp', en);
    const watched = watch(page, app.url);
    await page.goto(`${app.url}/proposals`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Problems and proposals');
    expect(await page.getByRole('button', { name: 'Apply filters' }).count()).toBe(1);
    expect(await page.locator('.record-list__item .state').first().textContent()).toBe('Adopted as a target');
    await expectAccessible(page);
    await screenshot(page, 'proposals-en');

    await page.locator('.record-list__item a').first().click();
    await page.waitForURL(/\/proposals\/[^/]+$/);
    expect(await page.locator('.record__kind').textContent()).toBe('Proposal');
    expect(await page.getByRole('heading', { name: 'Adopted as', exact: true }).count()).toBe(1);
    await expectAccessible(page);

    await page.goto(`${app.url}/problems/new`);
    await page.getByRole('button', { name: 'Record' }).click();
    await expect.poll(() => page.locator('#record-title-error').textContent()).toContain('Enter a title.');
    await expectAccessible(page);
    await screenshot(page, 'problem-form-error-en');

    const target = await nakaharaCitizensTarget('DRAFT');
    await page.goto(`${app.url}/targets/${encodeURIComponent(target.id)}/history`);
    expect(await page.locator('.timeline__entry h2').first().textContent()).toBe('Target edited');
    expect(await page.locator('.timeline__changes thead').first().textContent()).toContain('Before');
    expect(await page.locator('.timeline__entry time').first().textContent()).toMatch(/20\d\d/);
    await expectAccessible(page, watched);
    await screenshot(page, 'target-history-en');
    await page.context().close();
  });
});

describe('who may see what', () => {
  it('gives another ward’s committee member a 404 for a problem, and a 403 for a published target’s history', async () => {
    const owner = await apiSession(app.url, 'section.nakahara@example.jp');
    const { createProblem } = await owner.graphql<{ createProblem: { id: string } }>(
      `mutation($input: CreateProblemInput!) { createProblem(input: $input) { id } }`,
      { input: { title: '中原区だけの課題', sectionId: await citizensSectionId(owner) } },
    );
    const outsider = await signedIn('committee.miyamae@example.jp');
    const watched = watch(outsider, app.url);
    const response = await outsider.goto(`${app.url}/problems/${encodeURIComponent(createProblem.id)}`);
    expect(response?.status()).toBe(404);
    expect(await outsider.getByRole('heading', { level: 1 }).textContent()).toBe('ページを表示できません');
    expect(await outsider.locator('.error-page').textContent()).toContain('お探しのページは見つかりませんでした');
    await expectAccessible(outsider);
    await screenshot(outsider, 'problem-404-ja');
    // Nor is it in their list.
    await outsider.goto(`${app.url}/problems`);
    expect(await outsider.getByText('中原区だけの課題').count()).toBe(0);

    const published = await nakaharaCitizensTarget('PUBLISHED');
    expect((await outsider.goto(`${app.url}/targets/${encodeURIComponent(published.id)}/history`))?.status()).toBe(403);
    expect(await outsider.locator('.error-page').textContent()).toContain('権限がありません');
    await expectAccessible(outsider);
    // Another ward's draft target's history does not even exist for them.
    const draft = await nakaharaCitizensTarget('DRAFT');
    expect((await outsider.goto(`${app.url}/targets/${encodeURIComponent(draft.id)}/history`))?.status()).toBe(404);
    expect(watched.problems.filter((p) => !p.includes('status of 40'))).toEqual([]);
    await outsider.context().close();
  });

  it('answers garbage ids and unknown routes with a calm 404, never a 500', async () => {
    const page = await signedIn('section.nakahara@example.jp');
    const proposalId = Buffer.from('Proposal:01900000-0000-7000-8000-000000000000').toString('base64');
    for (const path of [
      '/problems/xyz',
      '/proposals/xyz',
      '/problems/xyz/edit',
      `/problems/${encodeURIComponent(proposalId)}`,
      `/proposals/${encodeURIComponent(proposalId)}`,
      '/targets/xyz/history',
      '/standards/xyz/history',
      '/no-such-page',
    ]) {
      const response = await page.goto(`${app.url}${path}`);
      expect({ path, status: response?.status() }).toEqual({ path, status: 404 });
      expect(await page.locator('.error-page').count()).toBe(1);
    }
    // Posting a decision for a garbage id is a 404 too, not a crash.
    const posted = await page.request.post(`${app.url}/problems/xyz?/decline`, {
      form: { reason: 'x' },
      headers: { origin: app.url },
    });
    expect(posted.status()).toBe(404);
    await page.context().close();
  });

  it('sends a visitor who is not signed in to the sign-in page, and back', async () => {
    const context = await browser.newContext(ja);
    const page = await context.newPage();
    await page.goto(`${app.url}/problems`);
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/problems');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows staff the history of a standard a proposal was adopted as', async () => {
    const member = await apiSession(app.url, 'section.nakahara@example.jp');
    const { createProposal } = await member.graphql<{ createProposal: { id: string } }>(
      `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
      { input: { title: '記載台に記入例を常に置く', sectionId: await citizensSectionId(member) } },
    );
    const { standards } = await member.graphql<{ standards: { edges: { node: { id: string; code: string } }[] } }>(
      `{ standards(first: 5) { edges { node { id code } } } }`,
    );
    const standard = standards.edges[0]!.node;

    const director = await signedIn('director@example.jp');
    await director.goto(`${app.url}/proposals/${encodeURIComponent(createProposal.id)}`);
    await director.getByLabel('基準', { exact: true }).selectOption(standard.id);
    await director.getByRole('button', { name: '区役所サービス基準として採用する' }).click();
    await expect.poll(() => director.locator('.alert--success').textContent()).toContain('基準として採用しました');
    await director.locator('.record__outcome').getByRole('link').first().click();
    await director.waitForURL(/\/standards\/[^/]+\/history$/);
    expect(await director.getByRole('heading', { level: 1 }).textContent()).toContain(standard.code);
    expect(await director.locator('.timeline__entry h2').first().textContent()).toBe('改善提案から採用');
    expect(await director.locator('.timeline__entry').first().textContent()).toContain('記載台に記入例を常に置く');
    await expectAccessible(director);
    await screenshot(director, 'standard-history-ja');
    await director.context().close();

    const english = await signedIn('section.miyamae@example.jp', en);
    await english.goto(`${app.url}/standards/${encodeURIComponent(standard.id)}/history`);
    expect(await english.locator('.timeline__entry h2').first().textContent()).toBe(
      'Adopted from an improvement proposal',
    );
    await expectAccessible(english);
    await english.context().close();
  });
});

async function citizensSectionId(session: Awaited<ReturnType<typeof apiSession>>): Promise<string> {
  const { ward } = await session.graphql<{ ward: { sections: { edges: { node: { id: string; code: string } }[] } } }>(
    `{ ward(code: "nakahara") { sections(first: 50) { edges { node { id code } } } } }`,
  );
  return ward.sections.edges.find((e) => e.node.code === 'citizens')!.node.id;
}

describe('without JavaScript and from the keyboard', () => {
  it('records a problem and declines it with plain form posts, keeping what was typed on an error', async () => {
    const context = await browser.newContext({ ...ja, javaScriptEnabled: false });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await signInThroughPage(page, app.url, 'head.nakahara@example.jp', TEST_PASSWORD);
    await page.goto(`${app.url}/problems/new`);
    await page.getByLabel('件名', { exact: true }).fill('x'.repeat(201));
    await page.getByLabel('内容', { exact: true }).fill('JavaScript なしで書いた内容');
    await page.getByRole('button', { name: '記録する' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#record-title-error').textContent()).toContain('200字以内');
    expect(await page.getByLabel('件名', { exact: true }).inputValue()).toBe('x'.repeat(201));
    expect(await page.getByLabel('内容', { exact: true }).inputValue()).toBe('JavaScript なしで書いた内容');
    expect(await page.getByRole('alert').textContent()).toContain('入力内容を確認してください。');
    // (axe needs JavaScript in the page; the same form is checked with it in the tests above.)

    await page.getByLabel('件名', { exact: true }).fill('JavaScript なしで記録した課題');
    await page.getByRole('button', { name: '記録する' }).click();
    await page.waitForURL(/\/problems\/[^/]+\?saved=1$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('JavaScript なしで記録した課題');

    // Declining without a reason is refused at the field; with one it is declined.
    await page.getByRole('button', { name: '不採用にする' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#decision-reason-error').textContent()).toContain('理由を入力してください');
    await page.getByLabel('理由').fill('庁舎の改修で解消される見込みのため');
    await page.getByRole('button', { name: '不採用にする' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.record__meta').textContent()).toContain('不採用');
    expect(await page.locator('.record__outcome').textContent()).toContain('庁舎の改修で解消される見込みのため');
    await page.getByRole('button', { name: '未対応に戻す' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.record__meta').textContent()).toContain('未対応');

    // The list and its filters work too.
    await page.goto(`${app.url}/problems`);
    await page.getByLabel('状態').selectOption('OPEN');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('link', { name: 'JavaScript なしで記録した課題' }).count()).toBe(1);
    await context.close();
  });

  it('records a proposal with the keyboard alone, and shows the saving state', async () => {
    const page = await signedIn('section.nakahara@example.jp');
    await page.goto(`${app.url}/proposals/new`);
    // Tab from the top of the form: the title is the first field.
    await page.getByLabel('件名', { exact: true }).focus();
    await page.keyboard.type('キーボードだけで記録した提案');
    await page.keyboard.press('Tab');
    await page.keyboard.type('マウスを使わずに書いた内容');
    const focused = await page.evaluate(() => document.activeElement?.id);
    expect(focused).toBe('record-body');
    // The focus ring is visible on every control reached by Tab.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');

    // Slow the API down a little so the saving state can be seen.
    await page.route('**/proposals/new?/save', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.getByLabel('件名', { exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.record-form__actions button').textContent()).toBe('保存しています…');
    await page.waitForURL(/\/proposals\/[^/]+\?saved=1$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('キーボードだけで記録した提案');
    await page.context().close();
  });

  it('fits a 360px phone without sideways scrolling', async () => {
    // Signed in at desktop width (the header hides the name on a phone), then narrowed.
    const page = await signedIn('section.nakahara@example.jp', { ...phone, viewport: ja.viewport, isMobile: false });
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/problems', '/problems/new']) {
      await page.goto(`${app.url}${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    }
    await screenshot(page, 'problems-phone-ja');
    const target = await nakaharaCitizensTarget('DRAFT');
    await page.goto(`${app.url}/targets/${encodeURIComponent(target.id)}/history`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'target-history-phone-ja');
    await page.context().close();
  });
});
