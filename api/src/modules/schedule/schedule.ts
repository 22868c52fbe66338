// The guideline's yearly schedule (section 9) as pure date logic. Dates are calendar dates
// in Japan, carried as a Date at 00:00 UTC of that calendar date (the `Date` scalar's form),
// so calendar arithmetic here never depends on the server's time zone.
import { fiscalPhaseOf, fiscalYearOf, type FiscalPhase } from '../fiscal-year/fiscal-year.ts';

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;

/** The calendar date in Japan at an instant, as 00:00 UTC of that date. */
export function dateInJapan(instant: Date): Date {
  const jst = new Date(instant.getTime() + JST_OFFSET_MS);
  return new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate()));
}

const day = (year: number, monthIndex: number, date: number) => new Date(Date.UTC(year, monthIndex, date));

export interface ScheduleOn {
  date: Date;
  fiscalYear: number;
  phase: FiscalPhase;
  phaseStartsOn: Date;
  phaseEndsOn: Date;
  /** May 31: the last day to publish the ward's policy and submit the sections' targets. */
  planningDeadline: Date;
  /** March 1: the directors' meeting starts reviewing the standards for the next year. */
  standardsReviewStartsOn: Date;
  /** True from June 1: wards without a published policy and sections without a submitted target are late. */
  planningOverdue: boolean;
  /** Results are due for targets of fiscal years up to and including this one (the years that have ended). */
  resultsDueThroughFiscalYear: number;
}

/** Where a calendar date falls in the yearly cycle and which deadlines have passed by then. */
export function scheduleOn(date: Date): ScheduleOn {
  // `date` is 00:00 UTC of a Japanese date, which is 09:00 in Japan of the same day.
  const fiscalYear = fiscalYearOf(date);
  const phase = fiscalPhaseOf(date);
  const planningDeadline = day(fiscalYear, 4, 31);
  const standardsReviewStartsOn = day(fiscalYear + 1, 2, 1);
  const bounds: Record<FiscalPhase, [Date, Date]> = {
    PLANNING: [day(fiscalYear, 3, 1), planningDeadline],
    IMPLEMENTATION: [day(fiscalYear, 5, 1), new Date(standardsReviewStartsOn.getTime() - DAY_MS)],
    STANDARDS_REVIEW: [standardsReviewStartsOn, day(fiscalYear + 1, 2, 31)],
  };
  const [phaseStartsOn, phaseEndsOn] = bounds[phase];
  return {
    date,
    fiscalYear,
    phase,
    phaseStartsOn,
    phaseEndsOn,
    planningDeadline,
    standardsReviewStartsOn,
    planningOverdue: date > planningDeadline,
    resultsDueThroughFiscalYear: fiscalYear - 1,
  };
}

/** A review round is overdue from the day after its due date (the due date itself is still in time). */
export function isReviewOverdue(dueDate: Date, date: Date): boolean {
  return dueDate < date;
}
