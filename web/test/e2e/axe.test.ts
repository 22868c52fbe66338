// The tests' axe check (test/support/a11y.ts axeViolations) against @axe-core/playwright's
// AxeBuilder, which it replaces for speed: on pages with known violations both must report
// the same rules on the same nodes, and a violation inside a frame must still be found.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/a11y';
import { launchBrowser } from '../support/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const BROKEN = `<!doctype html>
<html><head><title>broken</title><meta name="viewport" content="width=device-width, maximum-scale=1, user-scalable=no"></head>
<body>
  <main>
    <h1>壊れたページ</h1>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
    <p style="color:#bbb;background:#fff">読みにくい文字</p>
    <button></button>
    <a href="#x"></a>
    <input type="text">
    <div role="button" aria-pressed="maybe">押す</div>
    <ul><div>リストでない子</div></ul>
    <span id="d">one</span><span id="d">two</span><label for="d">?</label>
  </main>
</body></html>`;

async function builderViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

describe('axeViolations', () => {
  it('reports exactly what AxeBuilder reports, on a page with many kinds of violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent(BROKEN);
    const ours = await axeViolations(page);
    // A second call on the same document (axe already injected) gives the same answer.
    expect(await axeViolations(page)).toEqual(ours);
    await page.setContent(BROKEN);
    const theirs = await builderViolations(page);
    expect(ours.length).toBeGreaterThanOrEqual(8);
    expect([...ours].sort()).toEqual([...theirs].sort());
    for (const rule of ['image-alt', 'color-contrast', 'button-name', 'link-name', 'label', 'html-has-lang']) {
      expect(ours.some((line) => line.startsWith(`${rule} `))).toBe(true);
    }
    await page.setContent(
      '<!doctype html><html lang="ja"><head><title>ok</title></head><body><main><h1>良い</h1></main></body></html>',
    );
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('finds a violation inside a frame', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent(
      `<!doctype html><html lang="ja"><head><title>frame</title></head><body><main><h1>枠</h1>
      <iframe title="中" srcdoc="&lt;html lang='ja'&gt;&lt;body&gt;&lt;img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='&gt;&lt;/body&gt;&lt;/html&gt;"></iframe>
      </main></body></html>`,
    );
    await page.frames()[1]?.waitForLoadState();
    const ours = await axeViolations(page);
    expect(ours.some((line) => line.startsWith('image-alt '))).toBe(true);
    expect([...ours].sort()).toEqual([...(await builderViolations(page))].sort());
    await context.close();
  });
});
