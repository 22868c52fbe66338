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

/** A calendar day: 令和8年4月30日 in Japanese, 30 April 2026 in English (YYYY-MM-DD in, no time zone shift). */
export function formatDate(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  const format =
    locale === 'ja'
      ? new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
          era: 'long',
          year: 'numeric',
          month: 'long',
          day: 'numeric',
          timeZone: 'UTC',
        })
      : new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  return format.format(date);
}

/** An instant, in Japan's time: 令和8年4月30日 14:05 / 30 April 2026, 14:05. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const format =
    locale === 'ja'
      ? new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
          era: 'long',
          year: 'numeric',
          month: 'long',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          timeZone: 'Asia/Tokyo',
        })
      : new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Tokyo' });
  return format.format(date);
}
