// Accessibility checks that need no library: they run in the page and measure what the
// browser actually rendered.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export interface ContrastFailure {
  text: string;
  ratio: number;
  required: number;
  color: string;
  background: string;
}

/**
 * WCAG 1.4.3: every visible text against the background behind it, at least 4.5:1
 * (3:1 for large text: 24px, or 18.66px bold). The background is the nearest ancestor's
 * opaque background colour; a gradient counts as its lightest and darkest stops.
 */
export function contrastFailures(page: Page): Promise<ContrastFailure[]> {
  return page.evaluate(() => {
    type Rgb = [number, number, number];
    const parse = (css: string): { rgb: Rgb; alpha: number } | undefined => {
      const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+))?\)/.exec(css);
      if (!m) return undefined;
      return { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], alpha: m[4] === undefined ? 1 : Number(m[4]) };
    };
    const luminance = ([r, g, b]: Rgb) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const ratio = (a: Rgb, b: Rgb) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const backgroundsBehind = (element: Element): Rgb[] => {
      for (let el: Element | null = element; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        const stops = [...style.backgroundImage.matchAll(/rgba?\([^)]+\)/g)]
          .map((m) => parse(m[0]))
          .filter((c): c is { rgb: Rgb; alpha: number } => c !== undefined && c.alpha === 1)
          .map((c) => c.rgb);
        if (stops.length > 0) return stops;
        const color = parse(style.backgroundColor);
        if (color && color.alpha === 1) return [color.rgb];
      }
      return [[255, 255, 255]];
    };

    const failures: ContrastFailure[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || seen.has(element) || !node.textContent?.trim()) continue;
      seen.add(element);
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (rect.width <= 1 || rect.height <= 1 || style.visibility === 'hidden' || style.opacity === '0') continue;
      const fg = parse(style.color);
      if (!fg) continue;
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const required = large ? 3 : 4.5;
      for (const bg of backgroundsBehind(element)) {
        const r = ratio(fg.rgb, bg);
        if (r < required) {
          failures.push({
            text: node.textContent.trim().slice(0, 40),
            ratio: Math.round(r * 100) / 100,
            required,
            color: style.color,
            background: `rgb(${bg.join(', ')})`,
          });
          break;
        }
      }
    }
    return failures;
  });
}

/** Heading levels in document order; a well-formed outline starts at 1 and never skips a level. */
export function headingLevels(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName.slice(1))),
  );
}

export function outlineIsWellFormed(levels: number[]): boolean {
  return levels[0] === 1 && levels.every((level, i) => i === 0 || level <= (levels[i - 1] ?? 0) + 1);
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** axe-core's own source, as @axe-core/playwright injects it (axe-core is that package's dependency). */
let axeSource: string | undefined;
function axeCoreSource(): string {
  const fromAxePlaywright = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'));
  axeSource ??= (fromAxePlaywright('axe-core') as { source: string }).source;
  return axeSource;
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core's WCAG 2.2 A/AA rules on the rendered page (the bar: 0 violations on
 * every route, signed in and out, in both languages). Returns one line per violation.
 *
 * The same rules and results as `new AxeBuilder({ page }).withTags(…).analyze()`
 * (test/e2e/axe.test.ts compares them), without its cost per call: AxeBuilder injects axe
 * twice, runs it in parts and finishes in a new blank page, passing every passed node
 * across. Our pages have no frames, so axe runs once in the page and returns only its
 * violations; a page with frames goes through AxeBuilder, which checks inside them.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  let violations: AxeViolation[];
  if (page.frames().length > 1) {
    const { AxeBuilder } = await import('@axe-core/playwright');
    violations = (await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()).violations;
  } else {
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeCoreSource());
    violations = await page.evaluate(async (tags) => {
      const { axe } = window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
      };
      const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, reporter: 'no-passes' });
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target })),
      }));
    }, WCAG_TAGS);
  }
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}
