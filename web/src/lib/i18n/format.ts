import type { Locale } from './locale';

/**
 * A month as the guideline writes it: in Japanese with the era (2012-03-01 → 平成24年3月),
 * in English as "March 2012". Dates arrive as YYYY-MM-DD and are read as calendar dates,
 * so the server's time zone cannot shift them.
 */
export function formatMonth(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  const format =
    locale === 'ja'
      ? new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', timeZone: 'UTC' })
      : new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', timeZone: 'UTC' });
  return format.format(date);
}
