// Running a workshop, in separate browsers on the real app and socket: locks (a lane, the whole
// board) that the server enforces even against an edit made before the member knew, the timer
// and the stages (an automatic snapshot at each change), following someone's view and the
// facilitator's "bring everyone to my view" — and what a member is refused.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, watch } from '../support/browser';
import { addNote, BoardKit, desktop, noteTexts, viewOf } from '../support/boards';
import { startApp, type RunningApp } from '../support/platform';

let app: RunningApp;
let browser: Browser;
let kit: BoardKit;
let uuid: string;
let facilitator: Page;
let member: Page;
let memberEn: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  kit = new BoardKit(app.url, browser);
  // A 中原区 committee board: the chair runs it; two members in two more browsers.
  uuid = await kit.board('進行の確認', 'ward');
  [facilitator, member, memberEn] = await Promise.all([
    kit.personPage('chair.nakahara@example.jp'),
    kit.personPage('section.nakahara@example.jp'),
    kit.personPage('committee.nakahara@example.jp', { ...desktop, locale: 'en-GB' }),
  ]);
  await Promise.all([kit.open(facilitator, uuid), kit.open(member, uuid), kit.open(memberEn, uuid)]);
});

afterAll(async () => {
  await kit?.close();
  await browser?.close();
  await app?.stop();
});

/** Takes a browser offline: what it edits now, it edits without knowing what the server decided meanwhile. */
async function goOffline(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await page.locator('.save-status[data-state="offline"]').waitFor({ timeout: 15_000 });
}

async function append(page: Page, noteText: string, addition: string): Promise<void> {
  await page.locator('.note', { hasText: noteText }).dblclick();
  const input = page.locator('textarea.note__input');
  await input.press('End');
  await input.pressSequentially(addition, { delay: 5 });
  await input.press('Escape');
}

describe('locks', () => {
  it('refuses a member’s edit of a note in a locked lane, resyncs their board and says why; unlocked, edits go through', async () => {
    const watched = watch(member, app.url);
    await addNote(facilitator, '現状レーンの付箋');
    await expect.poll(() => noteTexts(member), { timeout: 15_000 }).toContain('現状レーンの付箋');

    // The member loses the connection; meanwhile the facilitator locks the lane.
    await goOffline(member);
    await facilitator.getByRole('button', { name: '「現状」をロック' }).click();
    await expect
      .poll(() => facilitator.getByRole('button', { name: '「現状」のロックを解除' }).getAttribute('aria-pressed'))
      .toBe('true');
    // Not knowing, the member edits the note offline: kept on the device, not saved.
    await append(member, '現状レーンの付箋', '（書き換え）');
    await expect.poll(() => member.locator('.save-status').textContent()).toContain('件の変更をこの端末に保存中');
    await member.context().setOffline(false);

    // The server refuses it: the member's board starts again from the server's state and says why.
    const alert = member.getByRole('alert').filter({ hasText: '変更が受け付けられませんでした' });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toContain(
      'ロックされた範囲の付箋や理念案は、ファシリテーターだけが変更できます。',
    );
    await member.locator('.save-status[data-state="saved"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => noteTexts(member), { timeout: 15_000 }).toContain('現状レーンの付箋');
    expect(await noteTexts(member)).not.toContain('現状レーンの付箋（書き換え）');
    expect(await noteTexts(facilitator)).not.toContain('現状レーンの付箋（書き換え）');
    // Now the member's page knows: the lane is drawn locked and the note does not open for editing.
    expect(await member.locator('.lane__locked').allTextContents()).toEqual(['ロック中']);
    await member.locator('.note', { hasText: '現状レーンの付箋' }).dblclick();
    expect(await member.locator('textarea.note__input').count()).toBe(0);
    await screenshot(member, 'board-lane-locked-member-ja');

    // Unlocked: the same edit goes through and the facilitator sees it.
    await facilitator.getByRole('button', { name: '「現状」のロックを解除' }).click();
    await expect.poll(() => member.locator('.lane__locked').count(), { timeout: 15_000 }).toBe(0);
    await append(member, '現状レーンの付箋', '（解除後）');
    await expect.poll(() => noteTexts(facilitator), { timeout: 15_000 }).toContain('現状レーンの付箋（解除後）');
    await member.getByRole('button', { name: '閉じる' }).first().click();
    expect(watched.problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });

  it('locks the whole board: members are told (in English too) and refused; unlocked, they write again', async () => {
    await addNote(facilitator, 'ボード全体のロック');
    await expect.poll(() => noteTexts(memberEn), { timeout: 15_000 }).toContain('ボード全体のロック');
    await goOffline(memberEn);
    await facilitator.getByRole('button', { name: 'ボードをロック' }).click();
    await append(memberEn, 'ボード全体のロック', ' (edited)');
    await memberEn.context().setOffline(false);
    const alert = memberEn.getByRole('alert').filter({ hasText: 'A change was not accepted' });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toContain('The facilitator has locked the board. Your change was not saved.');
    await memberEn.locator('.save-status[data-state="saved"]').waitFor({ timeout: 20_000 });
    expect(await noteTexts(memberEn)).not.toContain('ボード全体のロック (edited)');
    await memberEn.getByText('The facilitator has locked the board.', { exact: true }).waitFor();
    expect(await memberEn.getByRole('button', { name: /Add a note/ }).isDisabled()).toBe(true);
    expect(await member.getByRole('button', { name: /付箋を追加/ }).isDisabled()).toBe(true);
    // The facilitator still writes.
    await addNote(facilitator, 'ロック中に進行役が書く');
    await expect.poll(() => noteTexts(memberEn), { timeout: 15_000 }).toContain('ロック中に進行役が書く');

    await facilitator.getByRole('button', { name: 'ロックを解除' }).click();
    await expect.poll(() => memberEn.getByRole('button', { name: /Add a note/ }).isDisabled()).toBe(false);
    await addNote(memberEn, 'unlocked again');
    await expect.poll(() => noteTexts(facilitator), { timeout: 15_000 }).toContain('unlocked again');
  });

  it('shows members no lock controls, and the server refuses a member’s forced lock', async () => {
    expect(await member.getByRole('heading', { name: '進行', exact: true }).count()).toBe(0);
    expect(await member.getByRole('button', { name: /をロック/ }).count()).toBe(0);
    const forced = await kit.raw(`board:${uuid}`, 'section.nakahara@example.jp');
    forced.doc.getMap('control').set('lockedAreas', [{ x: 0, y: 0, w: 10_000, h: 100_000 }]);
    forced.doc.getMap('control').set('locked', true);
    await expect.poll(() => forced.refusals, { timeout: 10_000 }).toContain('FACILITATOR_ONLY');
    forced.destroy();
    await addNote(member, 'ロックされていない');
    await expect.poll(() => noteTexts(facilitator), { timeout: 15_000 }).toContain('ロックされていない');
    expect(await facilitator.locator('.lane__locked').count()).toBe(0);
  });
});

describe('timer and stages', () => {
  it('shows everyone the facilitator’s stage and timer, refuses a member’s stage change, and snapshots each change', async () => {
    await facilitator.getByLabel('ステージ', { exact: true }).selectOption('SHARING');
    await facilitator.getByLabel('タイマー（分）').fill('3');
    await facilitator.getByRole('button', { name: 'タイマー開始' }).click();
    await expect.poll(() => member.locator('.board-bar__stage').textContent(), { timeout: 15_000 }).toContain('共有');
    await expect.poll(() => memberEn.locator('.board-bar__stage').textContent()).toContain('Sharing');
    const timer = await member.locator('.board-bar__timer').textContent();
    expect(timer).toMatch(/残り時間\s*[23]:\d\d/);
    expect(await memberEn.locator('.board-bar__timer').textContent()).toMatch(/[23]:\d\d/);

    // Members have no stage or timer controls, and the server refuses a forced change.
    expect(await member.getByLabel('ステージ', { exact: true }).count()).toBe(0);
    expect(await member.getByRole('button', { name: 'タイマー開始' }).count()).toBe(0);
    const forced = await kit.raw(`board:${uuid}`, 'committee.nakahara@example.jp');
    forced.doc.getMap('control').set('stage', 'VOTING');
    await expect.poll(() => forced.refusals, { timeout: 10_000 }).toContain('FACILITATOR_ONLY');
    forced.destroy();
    expect(await member.locator('.board-bar__stage').textContent()).toContain('共有');

    await facilitator.getByLabel('ステージ', { exact: true }).selectOption('CLUSTERING');
    await expect
      .poll(() => member.locator('.board-bar__stage').textContent(), { timeout: 15_000 })
      .toContain('まとめる');
    // Both changes left an automatic snapshot, listed (by stage name) for everyone.
    await expect
      .poll(
        async () => {
          await member.reload();
          await member.locator('.save-status[data-state="saved"]').waitFor({ timeout: 20_000 });
          return member.locator('.snapshot').allTextContents();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toEqual([expect.stringMatching(/共有 → まとめる.*自動/s), expect.stringMatching(/個人で書く → 共有.*自動/s)]);
    await screenshot(member, 'board-stage-timer-member-ja');
  });
});

describe('following and spotlight', () => {
  it('follows the facilitator’s view, and the facilitator brings everyone to theirs; a member cannot', async () => {
    // The member follows the facilitator: zooming and panning there moves the member's view.
    const before = await viewOf(memberEn);
    await member.getByRole('button', { name: '高橋 誠さんの画面に付いていく' }).click();
    await facilitator.getByRole('button', { name: '拡大' }).click();
    await expect.poll(() => viewOf(member), { timeout: 15_000 }).toBe(await viewOf(facilitator));
    const canvas = (await facilitator.locator('svg.canvas').boundingBox())!;
    await facilitator.mouse.move(canvas.x + canvas.width - 40, canvas.y + canvas.height / 2);
    await facilitator.mouse.down();
    await facilitator.mouse.move(canvas.x + canvas.width - 240, canvas.y + canvas.height / 2 - 100, { steps: 5 });
    await facilitator.mouse.up();
    const led = await viewOf(facilitator);
    expect(led).not.toBe('scale(1) translate(0 0)');
    await expect.poll(() => viewOf(member), { timeout: 15_000 }).toBe(led);
    expect(await member.getByRole('button', { name: '付いていくのをやめる' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    // The English member did not follow, so their view stayed.
    expect(await viewOf(memberEn)).toBe(before);
    expect(before).not.toBe(led);

    // A member has no spotlight, and the server refuses one forced into the document.
    expect(await memberEn.getByRole('button', { name: /Bring everyone/ }).count()).toBe(0);
    const forced = await kit.raw(`board:${uuid}`, 'committee.nakahara@example.jp');
    forced.doc
      .getMap('control')
      .set('spotlight', { userId: 'x', x: 5000, y: 5000, zoom: 2, at: new Date().toISOString() });
    await expect.poll(() => forced.refusals, { timeout: 10_000 }).toContain('FACILITATOR_ONLY');
    forced.destroy();
    expect(await viewOf(member)).toBe(led);

    // The facilitator's spotlight: everyone's view moves to theirs once, with a notice.
    await facilitator.getByRole('button', { name: '全員を私の表示に集める' }).click();
    await expect.poll(() => viewOf(memberEn), { timeout: 15_000 }).toBe(led);
    await memberEn.getByText('Moved to 高橋 誠’s view').waitFor({ timeout: 15_000 });
    // Moving oneself afterwards is one's own business again.
    await memberEn.getByRole('button', { name: 'Zoom out' }).click();
    expect(await viewOf(memberEn)).not.toBe(led);
  });
});
