// A fiscal year in a URL (?year=2025 or /policy/2025): the API accepts 1989–2100; anything
// else is a page that does not exist, not an error from the API.
import { error } from '@sveltejs/kit';

export function fiscalYearParam(value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  if (!/^\d{4}$/.test(value)) error(404, { message: 'Not found', reason: 'not-found' });
  const year = Number(value);
  if (year < 1989 || year > 2100) error(404, { message: 'Not found', reason: 'not-found' });
  return year;
}
