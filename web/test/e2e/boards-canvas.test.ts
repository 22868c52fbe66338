// The board canvas in two separate browsers on the real app and socket: resizing a note (by its
// handle and by keyboard), moving one or several notes, colour, connectors (and what happens to
// them when a note goes), and undo that takes back one's own changes only.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, watch } from '../support/browser';
import { addNote, BoardKit, geometry, noteTexts, shape } from '../support/boards';
import { startApp, type RunningApp } from '../support/platform';

let app: RunningApp;
let browser: Browser;
let kit: BoardKit;
let a: Page;
let b: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  kit = new BoardKit(app.url, browser);
  const uuid = await kit.board('キャンバスの確認');
  [a, b] = await Promise.all([kit.personPage('facilitator@example.jp'), kit.personPage('section.nakahara@example.jp')]);
  await Promise.all([kit.open(a, uuid), kit.open(b, uuid)]);
});

afterAll(async () => {
  await kit?.close();
  await browser?.close();
  await app?.stop();
});

/** The centre of an element on screen. */
async function centreOf(page: Page, selector: string, text?: string): Promise<{ x: number; y: number }> {
  const locator = text ? page.locator(selector, { hasText: text }) : page.locator(selector);
  const box = (await locator.first().boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function dragBy(page: Page, from: { x: number; y: number }, dx: number, dy: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 5; i += 1) await page.mouse.move(from.x + (dx * i) / 5, from.y + (dy * i) / 5);
  await page.mouse.up();
}

async function edit(page: Page, noteText: string, key: 'Home' | 'End', addition: string): Promise<void> {
  await page.locator('.note', { hasText: noteText }).dblclick();
  const input = page.locator('textarea.note__input');
  await input.press(key);
  await input.pressSequentially(addition, { delay: 5 });
  await input.press('Escape');
}

describe('the canvas in two browsers', () => {
  it('resizes a note by its handle and by Alt + arrows, and the other browser draws the new size', async () => {
    const watched = watch(b, app.url);
    await addNote(a, '大きさを変える付箋');
    await expect.poll(() => noteTexts(b), { timeout: 15_000 }).toContain('大きさを変える付箋');
    const before = await geometry(a, '大きさを変える付箋');
    expect(before).toMatchObject({ w: 160, h: 112 });

    // The member selects it and drags the corner handle 80 px right and 40 px down (zoom 0.8).
    await b.locator('.note', { hasText: '大きさを変える付箋' }).click();
    const handle = b.locator('.note-resize');
    await handle.waitFor();
    await dragBy(b, await centreOf(b, '.note-resize'), 80, 40);
    await expect.poll(() => geometry(a, '大きさを変える付箋'), { timeout: 15_000 }).toMatchObject({ w: 260, h: 162 });
    expect(await geometry(b, '大きさを変える付箋')).toMatchObject({ w: 260, h: 162 });

    // By keyboard: Alt + arrows, 10 units a press (Shift: 50).
    await b.locator('.note', { hasText: '大きさを変える付箋' }).focus();
    await b.keyboard.press('Alt+ArrowLeft');
    await b.keyboard.press('Alt+ArrowLeft');
    await b.keyboard.press('Alt+Shift+ArrowDown');
    await expect.poll(() => geometry(a, '大きさを変える付箋'), { timeout: 15_000 }).toMatchObject({ w: 240, h: 212 });
    // Never smaller than the smallest note.
    for (let i = 0; i < 6; i += 1) await b.keyboard.press('Alt+Shift+ArrowLeft');
    await expect.poll(() => geometry(a, '大きさを変える付箋'), { timeout: 15_000 }).toMatchObject({ w: 96 });
    expect(watched.problems).toEqual([]);
  });

  it('moves a note by dragging, several selected notes together, and colours them; the other browser agrees', async () => {
    await addNote(a, '一緒に動かす一');
    await addNote(a, '一緒に動かす二');
    await expect.poll(() => noteTexts(b), { timeout: 15_000 }).toContain('一緒に動かす二');

    // One note dragged by the member.
    const one = await geometry(a, '一緒に動かす一');
    await dragBy(b, await centreOf(b, '.note', '一緒に動かす一'), 40, 120);
    await expect.poll(async () => (await geometry(a, '一緒に動かす一')).y, { timeout: 15_000 }).toBe(one.y + 150);
    expect((await geometry(a, '一緒に動かす一')).x).toBe(one.x + 50);

    // Both selected (Shift + click), dragged by one of them: both move by the same amount.
    const [first, second] = [await geometry(b, '一緒に動かす一'), await geometry(b, '一緒に動かす二')];
    await b.locator('.note', { hasText: '一緒に動かす一' }).click();
    await b.locator('.note', { hasText: '一緒に動かす二' }).click({ modifiers: ['Shift'] });
    expect(await b.getByRole('heading', { name: '2枚を選択中' }).count()).toBe(1);
    await dragBy(b, await centreOf(b, '.note', '一緒に動かす二'), 160, 80);
    await expect.poll(async () => (await geometry(a, '一緒に動かす二')).x, { timeout: 15_000 }).toBe(second.x + 200);
    const [movedFirst, movedSecond] = [await geometry(a, '一緒に動かす一'), await geometry(a, '一緒に動かす二')];
    expect({ dx: movedFirst.x - first.x, dy: movedFirst.y - first.y }).toEqual({ dx: 200, dy: 100 });
    expect({ dx: movedSecond.x - second.x, dy: movedSecond.y - second.y }).toEqual({ dx: 200, dy: 100 });

    // Both still selected: one colour for both, drawn so in the other browser.
    await b.getByRole('button', { name: '桃', exact: true }).click();
    await expect
      .poll(() => shape(a, '一緒に動かす一').locator('rect.note-bg--pink').count(), { timeout: 15_000 })
      .toBe(1);
    await expect
      .poll(() => shape(a, '一緒に動かす二').locator('rect.note-bg--pink').count(), { timeout: 15_000 })
      .toBe(1);
    expect(await b.getByRole('button', { name: '桃', exact: true }).getAttribute('aria-pressed')).toBe('true');
  });

  it('connects two notes; deleting one of them removes the connector in both browsers', async () => {
    await addNote(a, 'つなぐ元');
    await addNote(a, 'つなぐ先');
    await addNote(a, '残る付箋');
    await expect.poll(() => noteTexts(b), { timeout: 15_000 }).toContain('残る付箋');
    await a.locator('.note', { hasText: 'つなぐ元' }).click();
    await a.locator('.note', { hasText: 'つなぐ先' }).click({ modifiers: ['Shift'] });
    await a.getByRole('button', { name: '2枚をつなぐ' }).click();
    await a.locator('.note', { hasText: 'つなぐ先' }).click();
    await a.locator('.note', { hasText: '残る付箋' }).click({ modifiers: ['Shift'] });
    await a.getByRole('button', { name: '2枚をつなぐ' }).click();
    await expect.poll(() => b.locator('line.connector').count(), { timeout: 15_000 }).toBe(2);
    // The line runs between the two notes' centres, the same in both browsers.
    const from = await geometry(b, 'つなぐ元');
    const to = await geometry(b, 'つなぐ先');
    const line = b.locator('line.connector').first();
    const ends = await line.evaluate((l) => ['x1', 'y1', 'x2', 'y2'].map((k) => Number(l.getAttribute(k))));
    expect(ends).toEqual([from.x + from.w / 2, from.y + from.h / 2, to.x + to.w / 2, to.y + to.h / 2]);
    await a.locator('.note', { hasText: '残る付箋' }).click();
    await screenshot(b, 'board-connectors-member-ja');

    // The member deletes the middle note by keyboard: both its connectors go, everywhere.
    await b.locator('.note', { hasText: 'つなぐ先' }).click();
    await b.keyboard.press('Delete');
    await expect.poll(() => noteTexts(a), { timeout: 15_000 }).not.toContain('つなぐ先');
    await expect.poll(() => a.locator('line.connector').count(), { timeout: 15_000 }).toBe(0);
    expect(await b.locator('line.connector').count()).toBe(0);
  });

  it('undoes only one’s own change: the member’s undo leaves the facilitator’s edit, in both browsers', async () => {
    await addNote(a, '進行役の付箋');
    await addNote(b, '委員の付箋');
    await expect.poll(() => noteTexts(a), { timeout: 15_000 }).toContain('委員の付箋');
    await expect.poll(() => noteTexts(b), { timeout: 15_000 }).toContain('進行役の付箋');

    // The member edits the facilitator's note; the facilitator then edits the member's.
    await b.locator('.note', { hasText: '進行役の付箋' }).dblclick();
    await b.locator('textarea.note__input').press('End');
    await b.locator('textarea.note__input').pressSequentially('（委員が追記）', { delay: 5 });
    await b.locator('textarea.note__input').press('Escape');
    await expect.poll(() => noteTexts(a), { timeout: 15_000 }).toContain('進行役の付箋（委員が追記）');
    await a.locator('.note', { hasText: '委員の付箋' }).dblclick();
    await a.locator('textarea.note__input').press('End');
    await a.locator('textarea.note__input').pressSequentially('（進行役が追記）', { delay: 5 });
    await a.locator('textarea.note__input').press('Escape');
    await expect.poll(() => noteTexts(b), { timeout: 15_000 }).toContain('委員の付箋（進行役が追記）');

    // The member's undo: their own addition goes; the facilitator's stays.
    await b.getByRole('button', { name: /元に戻す/ }).click();
    await expect.poll(() => noteTexts(a), { timeout: 15_000 }).toContain('進行役の付箋');
    expect(await noteTexts(a)).toContain('委員の付箋（進行役が追記）');
    expect(await noteTexts(b)).toEqual(expect.arrayContaining(['進行役の付箋', '委員の付箋（進行役が追記）']));
    // Redo brings the member's addition back.
    await b.getByRole('button', { name: /やり直す/ }).click();
    await expect.poll(() => noteTexts(a), { timeout: 15_000 }).toContain('進行役の付箋（委員が追記）');
    // The facilitator's undo takes back their own edit only.
    await a.keyboard.press('Control+z');
    await expect.poll(() => noteTexts(b), { timeout: 15_000 }).toContain('委員の付箋');
    expect(await noteTexts(b)).toContain('進行役の付箋（委員が追記）');
  });

  it('keeps edits made offline (shown as not saved), merges them with the other’s on reconnect, then shows saved', async () => {
    await addNote(a, 'オフライン前の付箋');
    await expect.poll(() => noteTexts(b), { timeout: 15_000 }).toContain('オフライン前の付箋');
    await b.context().setOffline(true);
    await b.locator('.save-status[data-state="offline"]').waitFor({ timeout: 15_000 });
    // Offline, the member appends to the note and moves it; the facilitator edits its start meanwhile.
    await edit(b, 'オフライン前の付箋', 'End', '（委員が追記）');
    await b.keyboard.press('ArrowDown');
    await expect
      .poll(() => b.locator('.save-status').textContent())
      .toMatch(/オフライン — \d+件の変更をこの端末に保存中/);
    await edit(a, 'オフライン前の付箋', 'Home', '【進行役】');
    await b.waitForTimeout(300);
    expect(await noteTexts(b)).toContain('オフライン前の付箋（委員が追記）');
    expect(await noteTexts(a)).toContain('【進行役】オフライン前の付箋');
    const moved = await geometry(b, 'オフライン前の付箋');

    await b.context().setOffline(false);
    for (const page of [a, b]) {
      await expect
        .poll(() => noteTexts(page), { timeout: 30_000 })
        .toContain('【進行役】オフライン前の付箋（委員が追記）');
    }
    await b.locator('.save-status[data-state="saved"]').waitFor({ timeout: 20_000 });
    expect(await b.locator('.save-status').textContent()).toContain('保存済み');
    await expect.poll(() => geometry(a, '【進行役】オフライン前の付箋'), { timeout: 15_000 }).toEqual(moved);
  });
});
