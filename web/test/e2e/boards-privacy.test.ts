// Private writing and anonymity, in separate browsers on the real app and socket: a member's
// private notes are in nobody else's page nor in the shared document (read with a raw Yjs client
// on another member's session) until the facilitator reveals them; revealed anonymously, or on an
// anonymous board, the author appears in no page, snapshot or export.
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/a11y';
import { launchBrowser, screenshot } from '../support/browser';
import { addNote, BoardKit, noteTexts } from '../support/boards';
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

const AUTHOR = '鈴木 彩'; // section.nakahara@example.jp
const traces = (text: string) => [AUTHOR, 'section.nakahara'].filter((t) => text.includes(t));
const sharedNotes = (doc: Y.Doc) => Object.values(doc.getMap('notes').toJSON() as Record<string, { text: string }>);

async function people(title: string) {
  const uuid = await kit.board(title, 'ward');
  const [facilitator, writer, other] = await Promise.all([
    kit.personPage('chair.nakahara@example.jp'),
    kit.personPage('section.nakahara@example.jp'),
    kit.personPage('committee.nakahara@example.jp'),
  ]);
  await Promise.all([kit.open(facilitator, uuid), kit.open(writer, uuid), kit.open(other, uuid)]);
  return { uuid, facilitator, writer, other };
}

async function toggle(facilitator: Page, name: RegExp, on: boolean): Promise<void> {
  const button = facilitator.getByRole('button', { name });
  await button.click();
  await expect.poll(() => button.getAttribute('aria-pressed')).toBe(String(on));
}

describe('private writing', () => {
  it('keeps a member’s notes to themselves until the facilitator reveals them, then everyone sees them with their author', async () => {
    const { uuid, facilitator, writer, other } = await people('個人で書く時間');
    const spy = await kit.raw(`board:${uuid}`, 'committee.nakahara@example.jp');
    await toggle(facilitator, /個人で書く（非公開）/, true);
    await writer.getByText('個人で書く時間です。').waitFor({ timeout: 15_000 });
    await addNote(writer, '自分だけのメモ');
    await writer.locator('.save-status[data-state="saved"]').waitFor({ timeout: 15_000 });
    await addNote(other, 'ほかの委員のメモ');

    // The writer sees their own note, marked private; nobody else has it, not even in the document.
    const mine = writer.locator('.note', { hasText: '自分だけのメモ' });
    expect(await mine.locator('.note__badge').textContent()).toBe('非公開');
    await other.locator('.save-status[data-state="saved"]').waitFor({ timeout: 15_000 });
    await facilitator.waitForTimeout(500);
    expect(await noteTexts(facilitator)).not.toContain('自分だけのメモ');
    expect(await noteTexts(other)).not.toContain('自分だけのメモ');
    expect(await noteTexts(writer)).not.toContain('ほかの委員のメモ');
    expect(sharedNotes(spy.doc).map((n) => n.text)).toEqual([]);
    expect(await kit.exported(uuid, 'json', 'chair.nakahara@example.jp')).not.toContain('自分だけのメモ');
    // Both writers' presence shows no selection of a private note.
    const selections = [...spy.provider.awareness!.getStates().values()].flatMap(
      (s) => (s.selection as string[] | undefined) ?? [],
    );
    expect(selections).toEqual([]);
    await writer.locator('.note', { hasText: '自分だけのメモ' }).click();
    await writer.locator('svg.canvas').hover({ position: { x: 300, y: 300 } });
    // Nor where the writer's pointer is (it would show where the hidden notes are).
    await facilitator.waitForTimeout(300);
    const cursors = [...spy.provider.awareness!.getStates().values()].filter(
      (s) => (s.user as { name?: string } | undefined)?.name === AUTHOR && s.cursor,
    );
    expect(cursors).toEqual([]);
    expect(await facilitator.locator('.cursor').count()).toBe(0);
    await facilitator.getByText('参加者の新しい付箋は').waitFor();
    await screenshot(facilitator, 'board-private-writing-facilitator-ja');
    await screenshot(writer, 'board-private-writing-member-ja');
    expect(await axeViolations(writer)).toEqual([]);

    await facilitator.getByRole('button', { name: '個人の付箋を公開' }).click();
    await facilitator.getByText('2枚の付箋を公開しました。').waitFor({ timeout: 15_000 });
    for (const page of [facilitator, other, writer]) {
      await expect
        .poll(() => noteTexts(page), { timeout: 15_000 })
        .toEqual(expect.arrayContaining(['自分だけのメモ', 'ほかの委員のメモ']));
    }
    expect(await writer.locator('.note__badge').count()).toBe(0);
    // Not anonymous: the author is shown.
    expect(await other.locator('.note', { hasText: '自分だけのメモ' }).locator('.note__author').textContent()).toBe(
      AUTHOR,
    );
    expect(
      sharedNotes(spy.doc)
        .map((n) => n.text)
        .sort(),
    ).toEqual(['ほかの委員のメモ', '自分だけのメモ']);
  });

  it('reveals anonymously: the author is in no page, document, snapshot or export', async () => {
    const { uuid, facilitator, writer, other } = await people('匿名で個人ワーク');
    await toggle(facilitator, /個人で書く（非公開）/, true);
    await toggle(facilitator, /匿名モード/, true);
    await writer.getByText('匿名モードです。').waitFor({ timeout: 15_000 });
    await addNote(writer, '匿名で書いた課題');
    await writer.locator('.save-status[data-state="saved"]').waitFor({ timeout: 15_000 });
    // While private, the writer's own page does not name them either.
    await writer.locator('.note', { hasText: '匿名で書いた課題' }).click();
    expect(await writer.locator('.panel__meta').first().textContent()).toBe('匿名');
    await facilitator.getByRole('button', { name: '個人の付箋を公開' }).click();
    await expect.poll(() => noteTexts(other), { timeout: 15_000 }).toContain('匿名で書いた課題');
    await facilitator.getByLabel('ステージ', { exact: true }).selectOption('SHARING');
    await expect.poll(() => other.locator('.board-bar__stage').textContent(), { timeout: 15_000 }).toContain('共有');

    // Pages: no author on the note, nor in the side panel.
    for (const page of [facilitator, other, writer]) {
      expect(await page.locator('.note__author').count()).toBe(0);
      await page.locator('.note', { hasText: '匿名で書いた課題' }).click();
      expect(await page.getByText(`${AUTHOR}さん`).count()).toBe(0);
    }
    // The document as another member's client receives it.
    const spy = await kit.raw(`board:${uuid}`, 'committee.nakahara@example.jp');
    expect(traces(JSON.stringify(spy.doc.getMap('notes').toJSON()))).toEqual([]);
    // Exports.
    for (const format of ['json', 'csv', 'svg'] as const) {
      const text = await kit.exported(uuid, format, 'chair.nakahara@example.jp');
      expect(text).toContain('匿名で書いた課題');
      expect(traces(text)).toEqual([]);
    }
    // The automatic snapshot of the stage change, as its page shows it (HTML and its data).
    await facilitator.reload();
    const link = facilitator.locator('.snapshot__name a').first();
    await link.waitFor({ timeout: 20_000 });
    expect(await link.textContent()).toBe('個人で書く → 共有');
    await link.click();
    await facilitator.getByRole('heading', { level: 1, name: 'スナップショット「個人で書く → 共有」' }).waitFor();
    await facilitator.getByText('匿名で書いた課題').first().waitFor({ timeout: 15_000 });
    expect(traces(await facilitator.content())).toEqual([]);
    // Opened directly (the page's data is in its HTML).
    const html = await (await facilitator.request.get(facilitator.url())).text();
    expect(html).toContain('匿名で書いた課題');
    expect(traces(html)).toEqual([]);
  });
});

describe('private writing and a refusal', () => {
  it('keeps a member’s private notes written offline when the server refuses their change to the shared board', async () => {
    const { facilitator, writer } = await people('個人メモと拒否');
    await addNote(facilitator, '共有の付箋');
    await expect.poll(() => noteTexts(writer), { timeout: 15_000 }).toContain('共有の付箋');
    await toggle(facilitator, /個人で書く（非公開）/, true);
    await writer.getByText('個人で書く時間です。').waitFor({ timeout: 15_000 });
    // Offline, the writer adds a private note and edits the shared one, whose lane gets locked meanwhile.
    await writer.context().setOffline(true);
    await writer.locator('.save-status[data-state="offline"]').waitFor({ timeout: 15_000 });
    await facilitator.getByRole('button', { name: '「現状」をロック' }).click();
    await addNote(writer, 'オフラインの個人メモ');
    await writer.locator('.note', { hasText: '共有の付箋' }).dblclick();
    await writer.locator('textarea.note__input').press('End');
    await writer.locator('textarea.note__input').pressSequentially('（追記）', { delay: 5 });
    await writer.locator('textarea.note__input').press('Escape');
    await writer.context().setOffline(false);
    await writer.getByRole('alert').filter({ hasText: 'ロックされた範囲' }).waitFor({ timeout: 20_000 });
    await writer.locator('.save-status[data-state="saved"]').waitFor({ timeout: 20_000 });
    // The refused edit is gone; the private note is still there, still private, and saved.
    await expect.poll(() => noteTexts(writer), { timeout: 15_000 }).toContain('共有の付箋');
    expect(await noteTexts(writer)).not.toContain('共有の付箋（追記）');
    expect(
      await writer.locator('.note', { hasText: 'オフラインの個人メモ' }).locator('.note__badge').textContent(),
    ).toBe('非公開');
    expect(await noteTexts(facilitator)).not.toContain('オフラインの個人メモ');
    await facilitator.getByRole('button', { name: '個人の付箋を公開' }).click();
    await expect.poll(() => noteTexts(facilitator), { timeout: 15_000 }).toContain('オフラインの個人メモ');
  });
});

describe('an anonymous board', () => {
  it('hides the authors of notes written before it went anonymous, in every page, snapshot and export', async () => {
    const { uuid, facilitator, writer, other } = await people('匿名モードの確認');
    await addNote(writer, '名前の付いた付箋');
    await expect
      .poll(() => other.locator('.note', { hasText: '名前の付いた付箋' }).locator('.note__author').textContent(), {
        timeout: 15_000,
      })
      .toBe(AUTHOR);
    expect(await kit.exported(uuid, 'csv', 'committee.nakahara@example.jp')).toContain(AUTHOR);

    await toggle(facilitator, /匿名モード/, true);
    await other.getByText('匿名モードです。').waitFor({ timeout: 15_000 });
    for (const page of [facilitator, other, writer]) {
      await expect.poll(() => page.locator('.note__author').count(), { timeout: 15_000 }).toBe(0);
    }
    await other.locator('.note', { hasText: '名前の付いた付箋' }).click();
    expect(await other.locator('.panel__meta').first().textContent()).toBe('匿名');
    // The list view too.
    await other.goto(`${app.url}/boards/${uuid}/outline`);
    await other.getByText('名前の付いた付箋').first().waitFor({ timeout: 20_000 });
    expect(await other.getByText(AUTHOR).count()).toBe(0);
    for (const format of ['json', 'csv', 'svg'] as const) {
      const text = await kit.exported(uuid, format, 'committee.nakahara@example.jp');
      expect(text).toContain('名前の付いた付箋');
      expect(traces(text)).toEqual([]);
    }
    // A snapshot taken now: its page neither shows nor sends the author.
    await facilitator.getByLabel('名前', { exact: true }).fill('匿名のとき');
    await facilitator.getByRole('button', { name: 'スナップショットを保存' }).click();
    const link = facilitator.getByRole('link', { name: '匿名のとき' });
    await link.waitFor({ timeout: 15_000 });
    const response = await other.goto(`${app.url}${await link.getAttribute('href')}`);
    await other.getByText('名前の付いた付箋').first().waitFor();
    expect(traces(await other.content())).toEqual([]);
    expect(traces(await response!.text())).toEqual([]);
  });
});
