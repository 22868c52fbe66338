// Workshop boards in real chromium against the real API and board socket: a facilitator opens a
// board, members in SEPARATE browser contexts (tabs of one context could sync through the
// browser itself and hide a broken server) write, group and vote, an observer only reads, and an
// offline member's edits merge when they reconnect. Each route passes axe in both languages.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { axeViolations, headingLevels, outlineIsWellFormed } from '../support/a11y';
import { TEST_PASSWORD } from '../support/api';
import { launchBrowser, screenshot, signInThroughPage, watch } from '../support/browser';
import { addNote, BoardKit, desktop, noteTexts } from '../support/boards';
import { startApp, type RunningApp } from '../support/platform';

let app: RunningApp;
let browser: Browser;
let kit: BoardKit;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  kit = new BoardKit(app.url, browser);
});

afterAll(async () => {
  await kit?.close();
  await browser?.close();
  await app?.stop();
});

describe('the boards list', () => {
  it('lets the facilitator create a board from a template, and refuses an empty title in the page’s language', async () => {
    const page = await kit.personPage('facilitator@example.jp');
    const watched = watch(page, app.url);
    await page.goto(`${app.url}/boards`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('ワークショップのボード');
    expect(await axeViolations(page)).toEqual([]);
    expect(outlineIsWellFormed(await headingLevels(page))).toBe(true);

    // Invalid: no title. The choices made are kept.
    await page.getByLabel('テンプレート', { exact: true }).selectOption('PROBLEM_LISTING');
    await page.getByLabel('対象').selectOption({ label: '区役所サービス向上指針改定ワーキング' });
    await page.getByRole('button', { name: 'ボードを作る' }).click();
    await expect.poll(() => page.locator('#board-title-error').textContent()).toContain('タイトルを入力してください');
    expect(await page.locator('#board-title').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('テンプレート', { exact: true }).inputValue()).toBe('PROBLEM_LISTING');
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('#board-title').fill('課題の洗い出し 第1回');
    await page.getByRole('button', { name: 'ボードを作る' }).click();
    await page.waitForURL(/\/boards\/[0-9a-f-]{36}$/);
    await page.locator('.save-status[data-state="saved"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('.lane__title').allTextContents()).toEqual([
      '気づいたこと',
      '課題',
      '優先して取り組む課題',
    ]);
    expect(watched.problems).toEqual([]);
  });

  it('creates a board without JavaScript, and keeps the typed title when the scope is missing', async () => {
    const page = await kit.personPage('facilitator@example.jp', { ...desktop, javaScriptEnabled: false });
    await page.goto(`${app.url}/boards`);
    await page.locator('#board-title').fill('JSなしのボード');
    await page.getByRole('button', { name: 'ボードを作る' }).click();
    expect(await page.locator('#board-scope-error').textContent()).toContain('選んでください');
    expect(await page.locator('#board-title').inputValue()).toBe('JSなしのボード');
    await page.getByLabel('対象').selectOption({ label: '区役所サービス向上指針改定ワーキング' });
    await page.getByRole('button', { name: 'ボードを作る' }).click();
    await page.waitForURL(/\/boards\/[0-9a-f-]{36}$/);
    // The board itself needs JavaScript, and says so.
    expect(await page.locator('noscript').count()).toBeGreaterThan(0);
    expect(await page.locator('main').textContent()).toContain('JavaScript を有効にしてください');
    await page.goto(`${app.url}/boards`);
    expect(await page.getByRole('link', { name: 'JSなしのボード' }).count()).toBe(1);
  });

  it('creates a board by keyboard alone, in English', async () => {
    const page = await kit.personPage('facilitator@example.jp', { ...desktop, locale: 'en-GB' });
    await page.goto(`${app.url}/boards`);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#board-title').focus();
    await page.keyboard.type('Keyboard board');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    // The scope select: arrow down to the working group.
    const options = await page.locator('#board-scope option').allTextContents();
    const target = options.indexOf('Guideline Revision Working Group');
    for (let i = 0; i < target; i += 1) await page.keyboard.press('ArrowDown');
    expect(await page.locator('#board-scope option:checked').textContent()).toBe('Guideline Revision Working Group');
    // On past the date (Tab walks its year, month and day) to the button.
    for (let i = 0; i < 6; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.getAttribute('type') === 'submit')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Create the board');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/boards\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Keyboard board');
  });

  it('shows a member the boards without the create form, and a board id that does not exist as 404', async () => {
    const page = await kit.personPage('section.miyamae@example.jp');
    await page.goto(`${app.url}/boards`);
    expect(await page.getByRole('heading', { name: 'ボードを作る' }).count()).toBe(0);
    const missing = await page.goto(`${app.url}/boards/00000000-0000-4000-8000-000000000000`);
    expect(missing?.status()).toBe(404);
    const garbage = await page.goto(`${app.url}/boards/not-a-board`);
    expect(garbage?.status()).toBe(404);
  });

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    const context = await browser.newContext(desktop);
    kit.contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${app.url}/boards`);
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('a live board', () => {
  let uuid: string;
  let facilitator: Page;
  let member: Page;

  beforeAll(async () => {
    uuid = await kit.board('改定ワークショップ 第1回');
    [facilitator, member] = await Promise.all([
      kit.personPage('facilitator@example.jp'),
      kit.personPage('section.nakahara@example.jp'),
    ]);
    await Promise.all([kit.open(facilitator, uuid), kit.open(member, uuid)]);
  });

  it('converges two separate browsers on notes, text, groups and presence', async () => {
    const watched = watch(member, app.url);
    await addNote(facilitator, '窓口の案内表示が分かりにくい');
    await expect.poll(() => noteTexts(member), { timeout: 15_000 }).toContain('窓口の案内表示が分かりにくい');
    await addNote(member, '繁忙期の待ち時間が長い');
    await expect.poll(() => noteTexts(facilitator), { timeout: 15_000 }).toContain('繁忙期の待ち時間が長い');

    // Editing the other's note: both see the merged text.
    await member.locator('.note', { hasText: '窓口の案内表示' }).dblclick();
    const input = member.locator('textarea.note__input');
    await input.press('End');
    await input.pressSequentially('（高齢の方から）', { delay: 5 });
    await input.press('Escape');
    await expect
      .poll(() => noteTexts(facilitator), { timeout: 15_000 })
      .toContain('窓口の案内表示が分かりにくい（高齢の方から）');

    // A group from the two notes, named in one browser, seen in the other.
    await facilitator.locator('.note', { hasText: '窓口' }).click();
    await facilitator.locator('.note', { hasText: '繁忙期' }).click({ modifiers: ['Shift'] });
    await facilitator.getByRole('button', { name: '選んだ2枚でグループを作る' }).click();
    await facilitator.getByLabel('グループ名').fill('案内と待ち時間');
    await expect
      .poll(() => member.locator('.cluster__name').allTextContents(), { timeout: 15_000 })
      .toContain('案内と待ち時間');

    // Presence: each sees the other in the participants list.
    await expect.poll(() => member.locator('.person__name').allTextContents()).toContain('山口 恵');
    expect(watched.problems).toEqual([]);
  });

  it('moves a note by keyboard and the other browser sees it move', async () => {
    const note = member.locator('.note', { hasText: '繁忙期' });
    const before = await facilitator.locator('.note-shape', { hasText: '繁忙期' }).getAttribute('transform');
    await note.focus();
    await member.keyboard.press('Shift+ArrowRight');
    await expect
      .poll(() => facilitator.locator('.note-shape', { hasText: '繁忙期' }).getAttribute('transform'), {
        timeout: 15_000,
      })
      .not.toBe(before);
    // Undo takes back one's own move, and the other browser sees it.
    await member.keyboard.press('Control+z');
    await expect
      .poll(() => facilitator.locator('.note-shape', { hasText: '繁忙期' }).getAttribute('transform'), {
        timeout: 15_000,
      })
      .toBe(before);
    // The facilitator's undo cannot take back the member's note: it is not theirs.
    await facilitator.locator('svg.canvas').focus();
    expect(await noteTexts(facilitator)).toContain('繁忙期の待ち時間が長い');
  });

  it('shows facilitation only to the facilitator, and runs a dot vote whose results all see after it closes', async () => {
    expect(await member.getByRole('heading', { name: '進行' }).count()).toBe(0);
    expect(await facilitator.getByRole('heading', { name: '進行' }).count()).toBe(1);

    await facilitator.getByLabel('1人の票数').fill('2');
    await facilitator.getByRole('button', { name: '投票を始める' }).click();
    await member.locator('.board-bar__vote').waitFor({ timeout: 15_000 });
    await member.locator('.note', { hasText: '繁忙期' }).click();
    await member.getByRole('button', { name: '票を入れる' }).click();
    await expect.poll(() => member.locator('.vote p').textContent(), { timeout: 15_000 }).toBe('残り 1 / 2 票');
    await member.getByRole('button', { name: '票を入れる' }).click();
    await expect.poll(() => member.locator('.vote p').textContent(), { timeout: 15_000 }).toBe('票を使い切りました。');
    // Votes are invisible to others until the vote closes.
    expect(await facilitator.locator('.note__votes').count()).toBe(0);
    await facilitator.getByRole('button', { name: '投票を締め切る' }).click();
    await expect
      .poll(() => member.locator('.note', { hasText: '繁忙期' }).locator('.note__votes').textContent(), {
        timeout: 15_000,
      })
      .toBe('2票');
    await expect
      .poll(() => facilitator.locator('.note', { hasText: '繁忙期' }).locator('.note__votes').textContent())
      .toBe('2票');
  });

  it('makes a problem from a selected note; the note then links to it', async () => {
    await facilitator.locator('.note', { hasText: '繁忙期' }).click();
    await facilitator.getByLabel('作るもの').selectOption('PROBLEM');
    await facilitator.getByRole('button', { name: '記録にする' }).click();
    await facilitator.getByText('課題を登録しました。').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => member.locator('.note', { hasText: '繁忙期' }).locator('.note__promoted').textContent(), {
        timeout: 15_000,
      })
      .toBe('課題に登録済み');
    const href = await member.locator('.note', { hasText: '繁忙期' }).locator('a.note__promoted').getAttribute('href');
    expect(href).toMatch(/^\/problems\//);
  });

  it('takes a snapshot and shows it read-only, also without JavaScript', async () => {
    await facilitator.getByLabel('名前', { exact: true }).fill('投票のあと');
    await facilitator.getByRole('button', { name: 'スナップショットを保存' }).click();
    const link = facilitator.getByRole('link', { name: '投票のあと' });
    await link.waitFor({ timeout: 15_000 });
    const href = (await link.getAttribute('href'))!;
    const context = await browser.newContext({ ...desktop, javaScriptEnabled: false });
    kit.contexts.push(context);
    const page = await context.newPage();
    await signInThroughPage(page, app.url, 'section.nakahara@example.jp', TEST_PASSWORD);
    await page.goto(`${app.url}${href}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('スナップショット「投票のあと」');
    expect(await page.getByText('繁忙期の待ち時間が長い').count()).toBe(1);
    expect(await page.getByText('2票').count()).toBeGreaterThan(0);
    // axe needs scripts: the same page with JavaScript, then back to the board.
    const reader = await kit.personPage('section.nakahara@example.jp', { ...desktop, locale: 'en-GB' });
    await reader.goto(`${app.url}${href}`);
    expect(await reader.getByRole('heading', { level: 1 }).textContent()).toBe('Snapshot “投票のあと”');
    expect(await axeViolations(reader)).toEqual([]);
    await reader.context().close();
  });

  it('passes axe on the live board and looks calm when busy (screenshots)', async () => {
    for (const text of ['番号札の呼出しが聞こえにくい', '申請書の記入例がない', '土曜開庁の周知', '多言語の案内']) {
      await addNote(facilitator, text);
    }
    await facilitator.getByLabel('ステージ', { exact: true }).selectOption('CLUSTERING');
    await facilitator.getByLabel('タイマー（分）').fill('10');
    await facilitator.getByRole('button', { name: 'タイマー開始' }).click();
    await member.locator('.board-bar__timer').waitFor({ timeout: 15_000 });
    await member.locator('svg.canvas').hover({ position: { x: 520, y: 300 } });
    await member.locator('svg.canvas').hover({ position: { x: 560, y: 340 } });
    await expect.poll(() => facilitator.locator('.cursor').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await axeViolations(facilitator)).toEqual([]);
    expect(await axeViolations(member)).toEqual([]);
    await screenshot(facilitator, 'board-busy-facilitator-ja');
    await screenshot(member, 'board-busy-member-ja');
  });
});

describe('what the server refuses', () => {
  it('shows an observer the board read-only, and the server refuses a forced write', async () => {
    const uuid = await kit.board('閲覧のテスト');
    const observer = await kit.personPage('admin@example.jp');
    await kit.open(observer, uuid);
    await observer.getByText('閲覧のみです').first().waitFor();
    expect(await observer.getByRole('button', { name: '付箋を追加' }).count()).toBe(0);

    // Forcing a write with a real Yjs client on the observer's session: refused, not stored.
    const forced = await kit.raw(`board:${uuid}`, 'admin@example.jp');
    forced.doc.transact(() => {
      const note = new Y.Map<unknown>();
      note.set('text', new Y.Text('forced'));
      forced.doc.getMap('notes').set('forced-note', note);
    });
    await expect.poll(() => forced.refusals, { timeout: 10_000 }).toContain('READ_ONLY');
    forced.destroy();
    const member = await kit.personPage('section.nakahara@example.jp');
    await kit.open(member, uuid);
    expect(await noteTexts(member)).not.toContain('forced');
  });

  it('refuses a member’s forced change of the facilitator’s controls', async () => {
    const uuid = await kit.board('進行のテスト');
    const forced = await kit.raw(`board:${uuid}`, 'section.nakahara@example.jp');
    forced.doc.getMap('control').set('locked', true);
    await expect.poll(() => forced.refusals, { timeout: 10_000 }).toContain('FACILITATOR_ONLY');
    forced.destroy();
    const page = await kit.personPage('section.nakahara@example.jp');
    await kit.open(page, uuid);
    expect(await page.getByText('ファシリテーターがボードをロックしています').count()).toBe(0);
    await addNote(page, 'ロックされていない');
    await page.locator('.save-status[data-state="saved"]').waitFor({ timeout: 15_000 });
  });
});

describe('offline', () => {
  it('keeps edits made offline and merges them when the browser reconnects', async () => {
    const uuid = await kit.board('オフラインのテスト');
    const [a, b] = await Promise.all([
      kit.personPage('facilitator@example.jp'),
      kit.personPage('section.nakahara@example.jp'),
    ]);
    await Promise.all([kit.open(a, uuid), kit.open(b, uuid)]);
    await b.context().setOffline(true);
    await b.locator('.save-status[data-state="offline"]').waitFor({ timeout: 15_000 });
    await addNote(b, 'オフラインで書いた付箋');
    await addNote(a, 'オンラインで書いた付箋');
    expect(await b.locator('.save-status').textContent()).toContain('オフライン');
    await screenshot(b, 'board-offline-ja');
    await b.context().setOffline(false);
    await expect.poll(() => noteTexts(a), { timeout: 30_000 }).toContain('オフラインで書いた付箋');
    await expect.poll(() => noteTexts(b), { timeout: 30_000 }).toContain('オンラインで書いた付箋');
    await b.locator('.save-status[data-state="saved"]').waitFor({ timeout: 15_000 });
  });
});

describe('the outline view', () => {
  it('reads and edits the board by keyboard, passes axe in Japanese and English, and announces remote changes', async () => {
    const uuid = await kit.board('一覧表示のテスト');
    const canvas = await kit.personPage('facilitator@example.jp');
    await kit.open(canvas, uuid);
    await addNote(canvas, '窓口で待つ場所が狭い');

    for (const [locale, labels] of [
      ['ja-JP', { text: '付箋の文', add: '追加する', heading: '一覧表示' }],
      ['en-GB', { text: 'Note text', add: 'Add', heading: 'list view' }],
    ] as const) {
      const page = await kit.personPage('section.nakahara@example.jp', { ...desktop, locale });
      await page.goto(`${app.url}/boards/${uuid}/outline`);
      await page.locator('.save-status[data-state="saved"]').waitFor({ timeout: 20_000 });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(labels.heading);
      await page.getByText('窓口で待つ場所が狭い').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(outlineIsWellFormed(await headingLevels(page))).toBe(true);

      // Keyboard only: Tab to the text, type, Tab to the button, Enter.
      await page.locator('#outline-new-text').focus();
      await page.keyboard.type(`${locale} キーボードで追加`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect.poll(() => noteTexts(canvas), { timeout: 15_000 }).toContain(`${locale} キーボードで追加`);
      // An empty note is refused with a message tied to the field.
      await page.locator('#outline-new-text').focus();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect(await page.locator('#outline-new-text').getAttribute('aria-invalid')).toBe('true');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `board-outline-${locale}`);
    }
  });
});
