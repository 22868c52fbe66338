// 年度: the Japanese fiscal year runs April 1 – March 31 and is named after the year it
// starts in. Dates are Japan Standard Time (UTC+9, no daylight saving), whatever the
// server's time zone.

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export type FiscalPhase = 'PLANNING' | 'IMPLEMENTATION' | 'STANDARDS_REVIEW';

/** The fiscal year an instant falls in, judged by the date in Japan. */
export function fiscalYearOf(instant: Date): number {
  const jst = new Date(instant.getTime() + JST_OFFSET_MS);
  const month = jst.getUTCMonth() + 1;
  return month >= 4 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
}

/**
 * Where in the yearly cycle of the guideline (section 9) an instant falls: April–May the
 * wards set policies and targets and publish last year's results; March the directors'
 * meeting reviews the standards; the months between are for the work itself.
 */
export function fiscalPhaseOf(instant: Date): FiscalPhase {
  const month = new Date(instant.getTime() + JST_OFFSET_MS).getUTCMonth() + 1;
  if (month === 4 || month === 5) return 'PLANNING';
  if (month === 3) return 'STANDARDS_REVIEW';
  return 'IMPLEMENTATION';
}

interface Era {
  name: string;
  nameEn: string;
  /** First fiscal year named in this era (a fiscal year takes the era of its April). */
  firstYear: number;
  startsOn: string;
}

// A fiscal year takes the era in force on its first day; 平成31年度 is therefore the usual
// name of FY2019 even though 令和 began in May 2019 (cities write 令和元年度 too; we follow
// the era of April 1, as Kawasaki's own documents for that year do).
const ERAS: readonly Era[] = [
  { name: '令和', nameEn: 'Reiwa', firstYear: 2020, startsOn: '2019-05-01' },
  { name: '平成', nameEn: 'Heisei', firstYear: 1989, startsOn: '1989-01-08' },
  { name: '昭和', nameEn: 'Showa', firstYear: 1927, startsOn: '1926-12-25' },
];

function eraYearNumber(year: number, era: Era): number {
  return year - Number(era.startsOn.slice(0, 4)) + 1;
}

/** 令和8年度 for 2026; 元年 for the first year of an era. */
export function fiscalYearEraName(year: number): { ja: string; en: string } {
  const era = ERAS.find((e) => year >= e.firstYear) ?? ERAS[ERAS.length - 1]!;
  // FY2019 started in April 2019, still Heisei 31.
  const eraForApril = year === 2019 ? ERAS[1]! : era;
  const n = eraYearNumber(year, eraForApril);
  const ja = `${eraForApril.name}${n === 1 ? '元' : n}年度`;
  return { ja, en: `FY${year} (${eraForApril.nameEn} ${n})` };
}

export function fiscalYearBounds(year: number): { startsOn: Date; endsOn: Date } {
  return { startsOn: new Date(Date.UTC(year, 3, 1)), endsOn: new Date(Date.UTC(year + 1, 2, 31)) };
}
