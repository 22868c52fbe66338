// Debian's chromium driven by playwright-core (no browser download: see STACK-NOTES).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const screenshotDir = fileURLToPath(new URL('../screenshots/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Console errors (a CSP violation, a failed hydration) and requests that leave the app's origin. */
export function watch(page: Page, appUrl: string): { problems: string[] } {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith(appUrl) && !request.url().startsWith('data:')) {
      problems.push(`request outside the app: ${request.url()}`);
    }
  });
  return { problems };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Signs in through the sign-in page, as a person would; done when the header shows who is
 * signed in (with JavaScript the app navigates in place, so there is no load event to await).
 */
export async function signInThroughPage(page: Page, appUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${appUrl}/signin`);
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(password);
  await page.locator('form.form button[type=submit]').click();
  try {
    await page.locator('.account__name').waitFor({ timeout: 15_000 });
  } catch (error) {
    await screenshot(page, `signin-failed-${email}`);
    const alert = await page.locator('[role=alert], [role=status]').allTextContents();
    throw new Error(`signing in as ${email} did not finish at ${page.url()}: ${alert.join(' | ')}`, { cause: error });
  }
}
