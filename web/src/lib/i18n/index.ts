import { en } from './en';
import { ja, type Messages } from './ja';
import type { Locale } from './locale';

export { formatDate, formatDateTime, formatMonth } from './format';
export {
  defaultLocale,
  isLocale,
  LOCALE_COOKIE,
  LOCALE_COOKIE_MAX_AGE,
  locales,
  negotiateLocale,
  otherLocale,
  resolveLocale,
  type Locale,
} from './locale';
export type { Messages } from './ja';

const catalogues: Record<Locale, Messages> = { ja, en };

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
}

/** Each language's name written in that language, as a language switch shows it. */
export const localeNames: Record<Locale, string> = { ja: '日本語', en: 'English' };

/** Picks the field for the locale from a record that has `field` (Japanese) and `fieldEn`. */
export function localized<T extends Record<K | `${K}En`, string>, K extends string>(
  record: T,
  field: K,
  locale: Locale,
): string {
  return locale === 'en' ? record[`${field}En`] : record[field];
}
