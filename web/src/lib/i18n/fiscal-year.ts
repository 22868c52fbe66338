import type { Locale } from './locale';

/**
 * A fiscal year's name without asking the API: 令和8年度 / FY2026 (Reiwa 8). The API's
 * eraName/eraNameEn say the same; this serves lists of years (a year picker) in one page.
 * Named by the era on April 1, as the API does: FY2019 began in Heisei 31 (Reiwa began in May
 * 2019), so 令和 starts with fiscal 2020 (令和2年度).
 */
export function eraOf(year: number, locale: Locale): string {
  const [era, eraEn, start] = year >= 2020 ? ['令和', 'Reiwa', 2018] : ['平成', 'Heisei', 1988];
  const n = year - start;
  if (locale === 'en') return `FY${year} (${eraEn} ${n})`;
  return `${era}${n === 1 ? '元' : n}年度`;
}
