// The fiscal year a results page shows: ?year= when plausible, else the year before the
// current one — results are reported at the year's end and published in April–May, so last
// year's are the latest there are.
export function resultsYear(param: string | null, current: number): number {
  const year = Number(param);
  return Number.isInteger(year) && year >= 1989 && year <= current ? year : current - 1;
}

/** Years to offer in the picker, newest first. */
export function yearChoices(current: number, first = current - 5): number[] {
  return Array.from({ length: current - first + 1 }, (_, i) => current - i);
}
