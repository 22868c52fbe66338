// The language choice and the guideline's dates, without a browser.
import { describe, expect, it } from 'vitest';
import { formatMonth } from '../../src/lib/i18n/format';
import { negotiateLocale, resolveLocale } from '../../src/lib/i18n/locale';

describe('choosing the language', () => {
  it('takes the visitor’s choice over what the browser prefers', () => {
    expect(resolveLocale('en', 'ja-JP,ja;q=0.9')).toBe('en');
    expect(resolveLocale('ja', 'en-US,en;q=0.9')).toBe('ja');
  });

  it('falls back to Accept-Language, then to Japanese', () => {
    expect(resolveLocale(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(resolveLocale(undefined, 'fr-FR,de;q=0.8')).toBe('ja');
    expect(resolveLocale(undefined, null)).toBe('ja');
    expect(resolveLocale('xx', null)).toBe('ja');
  });

  it('honours q-values rather than the order of the header', () => {
    expect(negotiateLocale('ja;q=0.5,en;q=0.8')).toBe('en');
    expect(negotiateLocale('fr,en;q=0.3,ja;q=0.7')).toBe('ja');
    expect(negotiateLocale('en;q=0,ja;q=0.1')).toBe('ja');
  });
});

describe('dates as the guideline writes them', () => {
  it('writes a month with the Japanese era in Japanese and plainly in English', () => {
    expect(formatMonth('2012-03-01', 'ja')).toBe('平成24年3月');
    expect(formatMonth('2026-04-01', 'ja')).toBe('令和8年4月');
    expect(formatMonth('2012-03-01', 'en')).toBe('March 2012');
  });
});
