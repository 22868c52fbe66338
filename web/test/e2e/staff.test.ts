// Staff sign in, see who they are and what their roles have to do, get notified live, and
// sign out — in a real chromium against the built app on the real API with sample data.
import type { Browser, BrowserContextOptions, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, contrastFailures, headingLevels, outlineIsWellFormed } from '../support/a11y';
import { apiSession, TEST_PASSWORD } from '../support/api';
import { launchBrowser, screenshot, signInThroughPage, watch } from '../support/browser';
import { startApp, type RunningApp } from '../support/platform';

const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: 'ja-JP' };

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('signing in and out', () => {
  it('sends a visitor of a staff page to the sign-in page and back to that page after signing in', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    const watched = watch(page, app.url);
    await page.goto(`${app.url}/notifications`);
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(await page.getByRole('status').textContent()).toContain('ログインが必要です');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'signin-ja');

    await page.getByLabel('メールアドレス').fill('section.nakahara@example.jp');
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'ログインする' }).click();
    await page.locator('.account__name').waitFor();
    expect(new URL(page.url()).pathname).toBe('/notifications');
    expect(await page.locator('.account__name').textContent()).toBe('鈴木 彩');
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it('keeps the email and says why when the password is wrong, in the page’s language', async () => {
    for (const [locale, message] of [
      ['ja-JP', 'メールアドレスまたはパスワードが正しくありません。'],
      ['en-GB', 'The email address or password is not correct.'],
    ] as const) {
      const context = await browser.newContext({ ...desktop, locale });
      const page = await context.newPage();
      await page.goto(`${app.url}/signin`);
      await page.locator('#signin-email').fill('section.nakahara@example.jp');
      await page.locator('#signin-password').fill('wrong password');
      await page.locator('form.form button[type=submit]').click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe(message);
      expect(await page.locator('#signin-email').inputValue()).toBe('section.nakahara@example.jp');
      expect(await page.locator('#signin-password').inputValue()).toBe('');
      expect(new URL(page.url()).pathname).toBe('/signin');
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  });

  it('signs in and out without JavaScript', async () => {
    const context = await browser.newContext({ ...desktop, javaScriptEnabled: false });
    const page = await context.newPage();
    await signInThroughPage(page, app.url, 'head.nakahara@example.jp', TEST_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/home');
    expect(await page.locator('.account__name').textContent()).toBe('田中 浩');
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(`${app.url}/`);
    expect(await page.getByRole('link', { name: 'ログイン' }).count()).toBe(1);
    // The session ended on the server too: the staff page asks to sign in again.
    await page.goto(`${app.url}/home`);
    expect(new URL(page.url()).pathname).toBe('/signin');
    await context.close();
  });

  it('tells a person whose session is no longer valid to sign in again', async () => {
    const context = await browser.newContext(desktop);
    await context.addCookies([{ name: 'shishin_session', value: 'expired-or-forged', url: app.url }]);
    const page = await context.newPage();
    await page.goto(`${app.url}/home`);
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(await page.getByRole('status').textContent()).toContain('有効期限が切れました');
    await context.close();
  });

  it('refuses to send a signed-in person to another site after signing in', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(`${app.url}/signin?redirect=//example.com/`);
    await page.locator('#signin-email').fill('head.nakahara@example.jp');
    await page.locator('#signin-password').fill(TEST_PASSWORD);
    await page.locator('form.form button[type=submit]').click();
    await page.locator('.account__name').waitFor();
    expect(page.url()).toBe(`${app.url}/home`);
    await context.close();
  });
});

describe('the header and home of each role', () => {
  it('shows a section member who they are, their roles, and their section’s targets', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    const watched = watch(page, app.url);
    await signInThroughPage(page, app.url, 'section.nakahara@example.jp', TEST_PASSWORD);
    const roles = await page.locator('.account__roles').textContent();
    expect(roles).toContain('中原区 区民課 所属職員');
    expect(roles).toContain('委員');
    expect(await page.getByRole('heading', { level: 2, name: '区民課の目標' }).count()).toBe(1);
    expect(await page.locator('.target-list li').count()).toBeGreaterThan(0);
    expect(outlineIsWellFormed(await headingLevels(page))).toBe(true);
    expect(await contrastFailures(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.waitForLoadState('networkidle');
    expect(watched.problems).toEqual([]);
    await screenshot(page, 'home-section-ja');
    await context.close();
  });

  it('shows a ward mayor the ward’s policy and the state of every section’s targets, in English too', async () => {
    const context = await browser.newContext({ ...desktop, locale: 'en-GB' });
    const page = await context.newPage();
    await signInThroughPage(page, app.url, 'mayor.nakahara@example.jp', TEST_PASSWORD);
    expect(await page.getByRole('heading', { name: 'Service improvement policy of Nakahara' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Targets of the sections of Nakahara' }).count()).toBe(1);
    expect(await page.locator('.account__roles').textContent()).toBe('Ward mayor, Nakahara');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'home-mayor-en');
    await context.close();
  });

  it('counts a new notification in the header live, and lists it until it is marked read', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await signInThroughPage(page, app.url, 'committee.nakahara@example.jp', TEST_PASSWORD);
    const count = page.locator('.notification-link__count [aria-hidden="true"]');
    const before = Number(await count.textContent());
    await page.waitForLoadState('networkidle');

    // In another browser, the section submits a draft for review: the committee is asked to review.
    const section = await apiSession(app.url, 'section.nakahara@example.jp');
    const drafts = await section.graphql<{
      improvementTargets: { edges: { node: { id: string; version: number; viewerCanSubmit: boolean } }[] };
    }>('{ improvementTargets(first: 50, state: DRAFT) { edges { node { id version viewerCanSubmit } } } }');
    const draft = drafts.improvementTargets.edges.map((e) => e.node).find((t) => t.viewerCanSubmit);
    expect(draft).toBeDefined();
    await section.graphql(
      'mutation($input: SubmitImprovementTargetInput!) { submitImprovementTarget(input: $input) { state } }',
      {
        input: { id: draft!.id, expectedVersion: draft!.version },
      },
    );

    await expect.poll(async () => Number(await count.textContent()), { timeout: 10_000 }).toBe(before + 1);

    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '通知' }).click();
    await page.getByRole('heading', { level: 1, name: '通知' }).waitFor();
    expect(await page.locator('.notification--unread').first().textContent()).toContain('目標の審査を依頼されました');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'notifications-ja');
    await page.getByRole('button', { name: 'すべて既読にする' }).click();
    await expect.poll(() => page.locator('.notification--unread').count()).toBe(0);
    expect(await page.getByRole('status').textContent()).toContain('既読にしました');
    await page.reload();
    expect(await count.textContent()).toBe('0');
    await context.close();
  });

  it('catches up on a notification that came while its live connection was down', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    // The tab's graphql-ws socket goes through this route, so the test can cut it and keep it cut.
    let down = false;
    const sockets: { page: WebSocketRoute; server: WebSocketRoute }[] = [];
    await page.routeWebSocket(/\/graphql$/, (ws) => {
      if (down) return void ws.close({ code: 1012, reason: 'test: the instance is restarting' });
      sockets.push({ page: ws, server: ws.connectToServer() });
    });
    await signInThroughPage(page, app.url, 'committee.nakahara@example.jp', TEST_PASSWORD);
    const count = page.locator('.notification-link__count [aria-hidden="true"]');
    await page.waitForLoadState('networkidle');
    await expect.poll(() => sockets.length).toBeGreaterThan(0);
    const before = Number(await count.textContent());

    // The ward coordinator mentions the committee member in a comment on one of the ward's targets.
    const coordinator = await apiSession(app.url, 'coordinator.nakahara@example.jp');
    const targets = await coordinator.graphql<{
      improvementTargets: { edges: { node: { id: string; viewerCanComment: boolean } }[] };
    }>('{ improvementTargets(first: 50) { edges { node { id viewerCanComment } } } }');
    const target = targets.improvementTargets.edges.map((e) => e.node).find((t) => t.viewerCanComment);
    expect(target).toBeDefined();
    let mentions = 0;
    const mention = async () => {
      mentions += 1;
      await coordinator.graphql('mutation($input: AddCommentInput!) { addComment(input: $input) { id } }', {
        input: { subjectId: target!.id, body: `@committee.nakahara 確認をお願いします（${mentions}）` },
      });
    };
    // One arrives live (the tab now knows the last event id it saw)…
    await mention();
    await expect.poll(async () => Number(await count.textContent()), { timeout: 10_000 }).toBe(before + 1);

    // …then the socket drops and stays down while another one is sent: no socket, no event.
    down = true;
    for (const socket of sockets.splice(0)) {
      await socket.page.close({ code: 1012, reason: 'test: the instance is restarting' });
      await socket.server.close();
    }
    await mention();
    await page.waitForTimeout(1_500); // reconnect attempts meanwhile are refused
    expect(Number(await count.textContent())).toBe(before + 1);

    // Back up: the tab reconnects, asks the change feed what it missed, and counts it.
    down = false;
    await expect.poll(() => sockets.length, { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(async () => Number(await count.textContent()), { timeout: 10_000 }).toBe(before + 2);
    await page.reload();
    expect(Number(await count.textContent())).toBe(before + 2);
    await context.close();
  });
});
