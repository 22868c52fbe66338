// The yearly schedule: pure date boundaries (Japan time), and the overdue lists against the sample data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorCodes, TestClient } from '../../test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';
import { dateInJapan, isReviewOverdue, scheduleOn } from './schedule.ts';

const d = (text: string) => new Date(`${text}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

describe('the schedule’s dates', () => {
  it('takes the calendar date in Japan, not in UTC', () => {
    expect(iso(dateInJapan(new Date('2026-03-31T14:59:59Z')))).toBe('2026-03-31');
    expect(iso(dateInJapan(new Date('2026-03-31T15:00:00Z')))).toBe('2026-04-01');
  });

  it('starts the fiscal year and its planning phase on April 1', () => {
    expect(scheduleOn(d('2026-03-31'))).toMatchObject({ fiscalYear: 2025, phase: 'STANDARDS_REVIEW' });
    const april = scheduleOn(d('2026-04-01'));
    expect(april).toMatchObject({ fiscalYear: 2026, phase: 'PLANNING', planningOverdue: false });
    expect(iso(april.phaseStartsOn)).toBe('2026-04-01');
    expect(iso(april.phaseEndsOn)).toBe('2026-05-31');
    expect(april.resultsDueThroughFiscalYear).toBe(2025);
  });

  it('makes planning overdue from June 1, not on May 31', () => {
    expect(scheduleOn(d('2026-05-31')).planningOverdue).toBe(false);
    const june = scheduleOn(d('2026-06-01'));
    expect(june).toMatchObject({ phase: 'IMPLEMENTATION', planningOverdue: true });
    expect(iso(june.phaseEndsOn)).toBe('2027-02-28');
    expect(iso(scheduleOn(d('2027-06-01')).phaseEndsOn)).toBe('2028-02-29');
  });

  it('runs the standards review through March 31', () => {
    const march = scheduleOn(d('2027-03-01'));
    expect(march).toMatchObject({ fiscalYear: 2026, phase: 'STANDARDS_REVIEW' });
    expect(iso(march.phaseEndsOn)).toBe('2027-03-31');
    expect(scheduleOn(d('2027-02-28')).phase).toBe('IMPLEMENTATION');
  });

  it('keeps a review in time on its due date and overdue the day after', () => {
    expect(isReviewOverdue(d('2026-11-23'), d('2026-11-23'))).toBe(false);
    expect(isReviewOverdue(d('2026-11-23'), d('2026-11-24'))).toBe(true);
  });
});

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ now: () => new Date('2026-11-24T03:00:00Z') });
});
afterAll(async () => {
  await platform?.close();
});

async function signedIn(email: string): Promise<TestClient> {
  const client = new TestClient(platform.url);
  dataOf(await client.signIn(email, TEST_PASSWORD));
  return client;
}

const OVERDUE = `query S($date: Date) {
  schedule(date: $date) {
    date phase fiscalYear { year eraName } planningDeadline
    wardsWithoutPublishedPolicy { code }
    sectionsWithoutSubmittedTarget(first: 100) { totalCount edges { node { code ward { code } } } }
    targetsWithoutResult(first: 100) { totalCount edges { node { title fiscalYear section { ward { code } } } } }
    overdueReviewRounds(first: 100) { totalCount edges { node { number dueDate target { title section { ward { code } } } } } }
  }
}`;
type Overdue = {
  schedule: {
    date: string;
    phase: string;
    fiscalYear: { year: number; eraName: string };
    wardsWithoutPublishedPolicy: { code: string }[];
    sectionsWithoutSubmittedTarget: { totalCount: number; edges: { node: { code: string; ward: { code: string } } }[] };
    targetsWithoutResult: {
      totalCount: number;
      edges: { node: { fiscalYear: number; section: { ward: { code: string } } } }[];
    };
    overdueReviewRounds: {
      totalCount: number;
      edges: { node: { dueDate: string; target: { section: { ward: { code: string } } } } }[];
    };
  };
};

describe('the schedule over GraphQL', () => {
  it('tells anyone the fiscal year and phase of a date, today by default', async () => {
    const anonymous = new TestClient(platform.url);
    const today = dataOf(
      await anonymous.request<{ schedule: { date: string; phase: string; fiscalYear: { year: number } } }>(
        `{ schedule { date phase fiscalYear { year eraName } } }`,
      ),
    ).schedule;
    expect(today).toMatchObject({ date: '2026-11-24', phase: 'IMPLEMENTATION', fiscalYear: { year: 2026 } });
    const overdue = await anonymous.request(`{ schedule { wardsWithoutPublishedPolicy { code } } }`);
    expect(errorCodes(overdue)).toEqual(['UNAUTHENTICATED']);
  });

  it('lists nothing as overdue in May, and the wards and sections that are late from June 1', async () => {
    const admin = await signedIn('admin@example.jp');
    const may = dataOf(await admin.request<Overdue>(OVERDUE, { date: '2026-05-31' })).schedule;
    expect(may.phase).toBe('PLANNING');
    expect(may.wardsWithoutPublishedPolicy).toEqual([]);
    expect(may.sectionsWithoutSubmittedTarget.totalCount).toBe(0);

    const june = dataOf(await admin.request<Overdue>(OVERDUE, { date: '2026-06-01' })).schedule;
    // Only 中原区 and 宮前区 published a FY2026 policy in the sample data.
    expect(june.wardsWithoutPublishedPolicy.map((w) => w.code)).toEqual([
      'kawasaki',
      'saiwai',
      'takatsu',
      'tama',
      'asao',
    ]);
    const late = june.sectionsWithoutSubmittedTarget.edges.map((e) => `${e.node.ward.code}/${e.node.code}`);
    expect(late).toContain('miyamae/hygiene');
    expect(late).not.toContain('nakahara/citizens');
    expect(late).not.toContain('miyamae/insurance-pension');
    expect(june.sectionsWithoutSubmittedTarget.totalCount).toBe(late.length);
    // FY2025's results are all reported in the sample data.
    expect(june.targetsWithoutResult.totalCount).toBe(0);
  });

  it('lists review rounds past their due date', async () => {
    const admin = await signedIn('admin@example.jp');
    const onDue = dataOf(await admin.request<Overdue>(OVERDUE, { date: '2026-11-23' })).schedule;
    expect(onDue.overdueReviewRounds.totalCount).toBe(0);
    const dayAfter = dataOf(await admin.request<Overdue>(OVERDUE, { date: '2026-11-24' })).schedule;
    expect(dayAfter.overdueReviewRounds.edges.map((e) => [e.node.dueDate, e.node.target.section.ward.code])).toEqual([
      ['2026-11-23', 'miyamae'],
    ]);
    const december = dataOf(await admin.request<Overdue>(OVERDUE, { date: '2026-12-01' })).schedule;
    expect(december.overdueReviewRounds.totalCount).toBe(2);
  });

  it('lists approved and published targets without a result once their fiscal year has ended', async () => {
    const admin = await signedIn('admin@example.jp');
    const march = dataOf(await admin.request<Overdue>(OVERDUE, { date: '2027-03-31' })).schedule;
    expect(march.targetsWithoutResult.totalCount).toBe(0);
    const april = dataOf(await admin.request<Overdue>(OVERDUE, { date: '2027-04-01' })).schedule;
    expect(april.fiscalYear.year).toBe(2027);
    expect(april.targetsWithoutResult.totalCount).toBe(6);
    expect(new Set(april.targetsWithoutResult.edges.map((e) => e.node.fiscalYear))).toEqual(new Set([2026]));
  });

  it('shows a ward’s staff only their own ward’s late sections, targets and reviews', async () => {
    const mayor = await signedIn('mayor.nakahara@example.jp');
    const view = dataOf(await mayor.request<Overdue>(OVERDUE, { date: '2027-06-01' })).schedule;
    const wards = [
      ...view.sectionsWithoutSubmittedTarget.edges.map((e) => e.node.ward.code),
      ...view.targetsWithoutResult.edges.map((e) => e.node.section.ward.code),
      ...view.overdueReviewRounds.edges.map((e) => e.node.target.section.ward.code),
    ];
    expect(wards.length).toBeGreaterThan(0);
    expect(new Set(wards)).toEqual(new Set(['nakahara']));
    // Which wards have not published their policy is public knowledge, so staff see every ward.
    expect(view.wardsWithoutPublishedPolicy.length).toBe(7);
  });
});
