// The accessibility statement. Its results are what the browser tests last recorded
// (test/support/a11y-report.ts writes the checked-in JSON), so the page cannot claim more
// than the tests found; it is read at build time and ships no JavaScript.
import report from '$lib/accessibility/axe-results.json';
import type { PageServerLoad } from './$types';

export const csr = false;

interface Entry {
  route: string;
  path: string;
  locale: 'ja' | 'en';
  signedIn: boolean;
  violations: number;
  rules: string[];
}

export const load: PageServerLoad = () => ({
  checkedOn: report.checkedOn as string | null,
  axeVersion: report.axeVersion as string | null,
  entries: report.entries as Entry[],
});
