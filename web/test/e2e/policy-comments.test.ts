// The ward committee comments on the mayor's draft policy, on the policy's own page, without
// JavaScript (the public pages ship none); visitors see no thread.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/a11y';
import { apiSession, TEST_PASSWORD } from '../support/api';
import { launchBrowser, screenshot } from '../support/browser';
import { startApp, type RunningApp } from '../support/platform';

let app: RunningApp;
let browser: Browser;
const YEAR = 2029;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  const mayor = await apiSession(app.url, 'mayor.nakahara@example.jp');
  const { ward } = await mayor.graphql<{ ward: { id: string } }>(`{ ward(code: "nakahara") { id } }`);
  await mayor.graphql(
    `mutation($input: CreateImprovementPolicyInput!) { createImprovementPolicy(input: $input) { id } }`,
    {
      input: {
        wardId: ward.id,
        fiscalYear: YEAR,
        title: '窓口の待ち時間を見える化する',
        body: '来庁者が待ち時間を事前に知ることができるよう、各窓口の混雑状況を公開します。',
      },
    },
  );
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('comments on a draft policy', () => {
  it('lets a committee member comment with a quote, and shows the comment on the page', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/signin`);
    await page.locator('#signin-email').fill('committee.nakahara@example.jp');
    await page.locator('#signin-password').fill(TEST_PASSWORD);
    await page.locator('form.form button[type=submit]').click();
    await page.goto(`${app.url}/wards/nakahara/policy/${YEAR}`);
    await page.locator('#new-comment-body').fill('混雑状況は区のホームページでも確認できるとよいです。');
    await page.locator('#new-comment-quote').fill('各窓口の混雑状況');
    await page.getByRole('button', { name: 'コメントする' }).click();
    await page.locator('.comment__body', { hasText: '混雑状況は区のホームページでも確認できるとよいです。' }).waitFor();
    expect(await page.locator('.comment').count()).toBe(1);
    expect(await page.locator('.comment').first().textContent()).toContain('各窓口の混雑状況');
    await context.close();

    // axe needs JavaScript in the page: the same page, read with it.
    const withJs = await browser.newContext({ locale: 'ja-JP' });
    const reader = await withJs.newPage();
    const chair = await apiSession(app.url, 'chair.nakahara@example.jp');
    await withJs.addCookies([{ name: 'shishin_session', value: chair.cookie.split('=')[1]!, url: app.url }]);
    await reader.goto(`${app.url}/wards/nakahara/policy/${YEAR}`);
    expect(await reader.locator('.comment').count()).toBe(1);
    expect(await axeViolations(reader)).toEqual([]);
    await screenshot(reader, 'policy-draft-comments-ja');
    await withJs.close();
  });

  it('shows an anonymous visitor no draft and no thread', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    const response = await page.goto(`${app.url}/wards/nakahara/policy/${YEAR}`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('.comment').count()).toBe(0);
    await context.close();
  });
});
