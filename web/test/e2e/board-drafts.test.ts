// Principle drafts written together, in real chromium against the real API and board socket:
// two people in SEPARATE browser contexts (tabs of one context could sync through the browser
// itself and hide a broken server) type into one draft at once, end with the same rich text
// (bold and a list) and see each other's named cursor; the policy department promotes the
// draft into a draft guideline version once, and promoting again updates it. Axe runs with
// the editor open; a screenshot shows it.
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/a11y';
import { apiSession } from '../support/api';
import { launchBrowser, screenshot, screenshotDir, watch } from '../support/browser';
import { BoardKit, desktop as boardDesktop } from '../support/boards';
import { startApp, type RunningApp } from '../support/platform';

const desktop: BrowserContextOptions = { ...boardDesktop, viewport: { width: 1440, height: 1000 } };

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

const personPage = (email: string) => kit.personPage(email, desktop);

/** The editor's content as both people should see it: without the others' cursors and selections. */
function editorHtml(page: Page): Promise<string> {
  return page.evaluate(() => {
    const editor = document.querySelector('.draft-editor__text');
    if (!editor) return '';
    const copy = editor.cloneNode(true) as HTMLElement;
    copy
      .querySelectorAll('.draft-cursor, .ProseMirror-separator, .ProseMirror-trailingBreak')
      .forEach((n) => n.remove());
    copy.querySelectorAll('.draft-selection').forEach((n) => n.replaceWith(...n.childNodes));
    copy.normalize();
    return copy.innerHTML;
  });
}

const editor = (page: Page) => page.getByRole('textbox', { name: /理念案「.*」の本文/ });

describe('a principle draft written together', () => {
  let uuid: string;
  let facilitator: Page;
  let member: Page;
  let watched: { problems: string[] }[];

  beforeAll(async () => {
    uuid = await kit.board('理念案を書く会');
    [facilitator, member] = await Promise.all([
      personPage('facilitator@example.jp'),
      personPage('section.nakahara@example.jp'),
    ]);
    watched = [watch(facilitator, app.url), watch(member, app.url)];
    await Promise.all([kit.open(facilitator, uuid), kit.open(member, uuid)]);
  });

  it('lets two people type into one draft at once; both end with the same bold text and list, and see each other’s named cursor', async () => {
    await facilitator.getByRole('button', { name: '理念案を追加' }).click();
    await editor(facilitator).waitFor({ timeout: 20_000 });
    await facilitator.getByLabel('理念案の名前').fill('市民の視点');
    await editor(facilitator).click();
    await facilitator.keyboard.type('を大切にします。');

    // The member opens the same draft from the side panel's list of drafts.
    await member.getByRole('button', { name: '市民の視点', exact: true }).click({ timeout: 20_000 });
    await editor(member).waitFor({ timeout: 20_000 });
    await expect.poll(() => editor(member).textContent(), { timeout: 15_000 }).toContain('を大切にします。');

    // At once: the facilitator writes bold words at the start; the member adds a bulleted list at the end.
    await editor(member).click();
    await Promise.all([
      (async () => {
        await editor(facilitator).press('Control+Home');
        await facilitator.keyboard.press('Control+b');
        await facilitator.keyboard.type('市民の声', { delay: 20 });
        await facilitator.keyboard.press('Control+b');
      })(),
      (async () => {
        await editor(member).press('Control+End');
        await member.keyboard.press('Enter');
        await member.getByRole('button', { name: '箇条書き' }).click();
        await member.keyboard.type('よく聞く', { delay: 20 });
        await member.keyboard.press('Enter');
        await member.keyboard.type('分かりやすく伝える', { delay: 20 });
      })(),
    ]);

    const expected =
      '<p><strong>市民の声</strong>を大切にします。</p><ul><li><p>よく聞く</p></li><li><p>分かりやすく伝える</p></li></ul>';
    await expect.poll(() => editorHtml(facilitator), { timeout: 15_000 }).toBe(expected);
    await expect.poll(() => editorHtml(member), { timeout: 15_000 }).toBe(expected);
    // The toolbar says where each caret is.
    expect(await member.getByRole('button', { name: '箇条書き' }).getAttribute('aria-pressed')).toBe('true');
    expect(await member.getByRole('button', { name: '太字' }).getAttribute('aria-pressed')).toBe('false');

    // Each sees the other's caret, named.
    await expect
      .poll(() => facilitator.locator('.draft-cursor__name').allTextContents(), { timeout: 15_000 })
      .toEqual(['鈴木 彩']);
    await expect
      .poll(() => member.locator('.draft-cursor__name').allTextContents(), { timeout: 15_000 })
      .toEqual(['山口 恵']);
    // The card on the board shows the text as structure too.
    expect(await facilitator.locator('.draft-card li').allTextContents()).toEqual(['よく聞く', '分かりやすく伝える']);

    // A selection is shown to the other, in the selector's colour.
    await facilitator.keyboard.press('Shift+Home');
    await expect.poll(() => member.locator('.draft-selection').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    expect(await axeViolations(facilitator)).toEqual([]);
    expect(await axeViolations(member)).toEqual([]);
    await facilitator
      .locator('.board-main')
      .screenshot({ path: join(screenshotDir, 'board-draft-two-cursors-ja.png') });
    await screenshot(member, 'board-draft-member-ja');
    expect(watched.flatMap((w) => w.problems)).toEqual([]);
  });

  it('lets the policy department promote the draft into a draft guideline version once, and update it by promoting again', async () => {
    const admin = await apiSession(app.url, 'admin@example.jp');
    await admin.graphql('mutation($input: CreateGuidelineDraftInput!) { createGuidelineDraft(input: $input) { id } }', {
      input: { code: 'R9.5', title: '改定案（ワークショップ）', titleEn: 'Revision draft (workshop)' },
    });
    const policy = await personPage('admin@example.jp');
    const problems = watch(policy, app.url);
    await kit.open(policy, uuid);
    // An observer of the board: reads the draft, may not write it, may promote it.
    await policy.getByRole('button', { name: '市民の視点', exact: true }).click();
    await editor(policy).waitFor({ timeout: 20_000 });
    expect(await editor(policy).getAttribute('contenteditable')).toBe('false');
    await policy.getByLabel('指針の版（案）').selectOption({ label: 'R9.5 改定案（ワークショップ）' });
    await policy.getByLabel('理念のキー（英大文字）').fill('CITIZENS_VOICE');
    await policy.getByRole('button', { name: '指針の理念案にする' }).click();
    await policy.getByText('指針 R9.5 に理念案を登録しました。').waitFor({ timeout: 15_000 });
    // Everyone's card says so, with a link to the version.
    await member.getByRole('link', { name: '指針 R9.5 を開く' }).waitFor({ timeout: 15_000 });

    const principles = async () =>
      (
        await admin.graphql<{
          guidelineVersion: {
            principles: { edges: { node: { key: string; name: string; text: string; origin: string } }[] };
          };
        }>('{ guidelineVersion(code: "R9.5") { principles(first: 50) { edges { node { key name text origin } } } } }')
      ).guidelineVersion.principles.edges.map((e) => e.node);
    const first = await principles();
    expect(first.filter((p) => p.key === 'CITIZENS_VOICE')).toEqual([
      {
        key: 'CITIZENS_VOICE',
        name: '市民の視点',
        text: '市民の声を大切にします。\n\n・よく聞く\n・分かりやすく伝える',
        origin: 'BOARD',
      },
    ]);

    // The member writes more; promoting again rewrites the same principle.
    await editor(member).press('Control+End');
    await member.keyboard.press('Enter');
    await member.keyboard.type('案内する');
    await expect.poll(() => policy.locator('.draft-editor__text li').count(), { timeout: 15_000 }).toBe(3);
    await policy.getByRole('button', { name: '理念案を更新する' }).click();
    await policy.getByText('指針 R9.5 の理念案を更新しました。').waitFor({ timeout: 15_000 });
    const second = await principles();
    expect(second.length).toBe(first.length);
    expect(second.find((p) => p.key === 'CITIZENS_VOICE')?.text).toBe(
      '市民の声を大切にします。\n\n・よく聞く\n・分かりやすく伝える\n・案内する',
    );
    expect(await axeViolations(policy)).toEqual([]);
    expect(problems.problems).toEqual([]);
  });

  it('shows the draft as readable structure in the outline, and edits it there by keyboard', async () => {
    await member.goto(`${app.url}/boards/${uuid}/outline`);
    await member.getByRole('heading', { name: '市民の視点', level: 3 }).waitFor({ timeout: 20_000 });
    expect(await member.locator('.outline-draft li').allTextContents()).toEqual([
      'よく聞く',
      '分かりやすく伝える',
      '案内する',
    ]);
    await member.getByRole('button', { name: /開いて書く/ }).click();
    const box = editor(member);
    await box.waitFor({ timeout: 20_000 });
    expect(await box.getAttribute('aria-multiline')).toBe('true');
    await box.press('Control+End');
    await member.keyboard.press('Enter');
    await member.keyboard.press('Control+Alt+0');
    await member.keyboard.type('以上を心がけます。');
    await expect.poll(() => editorHtml(facilitator), { timeout: 15_000 }).toContain('<p>以上を心がけます。</p>');
    expect(await axeViolations(member)).toEqual([]);
  });
});
